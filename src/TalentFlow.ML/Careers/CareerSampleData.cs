using TalentFlow.ML.Text;

namespace TalentFlow.ML.Careers;

/// <summary>
/// The project's generated stand-in for seed 004's CSVs: six careers, each with questions and answers, a skills row, job
/// descriptions and books, written from fixed vocabularies with a fixed seed (the same rows every run). Whatever is built
/// from it is marked as sample (<see cref="CareerDataSet.IsSample"/>); it exists so that a silo or a test without the real
/// data still has a working advisor, not to give good advice.
/// </summary>
public static class CareerSampleData
{
    private const int Seed = 4;

    private static readonly (string Role, string[] Skills, string[] Words, (string Title, string Author)[] Books)[] Careers =
    [
        ("Data Scientist", ["Python", "SQL", "pandas", "scikit-learn", "statistics", "machine learning"],
            ["models", "experiments", "regression", "features", "notebooks", "datasets", "prediction", "analysis", "visualization", "hypothesis"],
            [("Python for Data Analysis", "Wes McKinney"), ("The Elements of Statistical Learning", "Hastie, Tibshirani, Friedman")]),
        ("Software Engineer", ["C#", "Java", "Git", "SQL", "REST", "unit testing"],
            ["code", "services", "APIs", "refactoring", "reviews", "backend", "debugging", "architecture", "releases", "algorithms"],
            [("Clean Code", "Robert C. Martin"), ("Designing Data-Intensive Applications", "Martin Kleppmann")]),
        ("DevOps Engineer", ["Docker", "Kubernetes", "Terraform", "Linux", "Jenkins", "AWS"],
            ["pipelines", "deployments", "containers", "monitoring", "infrastructure", "clusters", "automation", "uptime", "incidents", "scaling"],
            [("The Phoenix Project", "Gene Kim"), ("Site Reliability Engineering", "Betsy Beyer")]),
        ("Registered Nurse", ["patient care", "triage", "medication administration", "electronic health records", "BLS"],
            ["patients", "ward", "clinical", "hospital", "bedside", "care plans", "shifts", "wound care", "vital signs", "families"],
            [("Fundamentals of Nursing", "Patricia Potter"), ("Critical Care Nursing", "Linda Urden")]),
        ("Accountant", ["Microsoft Excel", "QuickBooks", "GAAP", "auditing", "tax preparation"],
            ["ledger", "audits", "invoices", "reconciliation", "budgets", "payroll", "financial statements", "closing", "tax returns", "controls"],
            [("Accounting Made Simple", "Mike Piper"), ("Financial Intelligence", "Karen Berman")]),
        ("UX Designer", ["Figma", "user research", "prototyping", "wireframing", "usability testing"],
            ["users", "interviews", "personas", "journeys", "interfaces", "layouts", "accessibility", "design systems", "flows", "feedback"],
            [("Don't Make Me Think", "Steve Krug"), ("The Design of Everyday Things", "Don Norman")]),
    ];

    /// <summary>The roles the sample data covers.</summary>
    public static IReadOnlyList<string> Roles => [.. Careers.Select(c => c.Role)];

    /// <summary>Rows of one source (<see cref="CareerDataSource"/>), in the column order of its file.</summary>
    public static IReadOnlyList<string[]> Rows(string source)
    {
        var random = new Random(Seed + source.Length);
        var rows = new List<string[]>();
        foreach (var (role, skills, words, books) in Careers)
        {
            switch (source)
            {
                case CareerDataSource.Qa:
                    for (int i = 0; i < 4; i++)
                    {
                        rows.Add([role, $"How do I grow as a {role.ToLowerInvariant()} working with {Pick(words, random)}?",
                            $"Practise {Pick(skills, random)} and {Pick(skills, random)} on real {Pick(words, random)}, {Pick(words, random)} and {Pick(words, random)}."]);
                    }

                    break;
                case CareerDataSource.Skills:
                    rows.Add([role, string.Join(", ", skills), $"A {role.ToLowerInvariant()} works on {string.Join(", ", words.Take(4))}."]);
                    break;
                case CareerDataSource.Jobs:
                    for (int i = 0; i < 3; i++)
                    {
                        rows.Add([role, $"We are hiring a {role.ToLowerInvariant()} to own {Pick(words, random)}, {Pick(words, random)} and {Pick(words, random)}.",
                            $"Experience with {Pick(skills, random)}, {Pick(skills, random)} and {Pick(words, random)}."]);
                    }

                    break;
                case CareerDataSource.Books:
                    foreach (var (title, author) in books)
                    {
                        rows.Add([role, title, author, $"A book on {Pick(words, random)} and {Pick(skills, random)} for a {role.ToLowerInvariant()}."]);
                    }

                    break;
                default:
                    throw new ArgumentException($"Unknown career data source '{source}'.", nameof(source));
            }
        }

        return rows;
    }

    /// <summary>Writes the four sample CSVs into <paramref name="directory"/> (created when missing).</summary>
    public static void Write(string directory)
    {
        Directory.CreateDirectory(directory);
        foreach (var (source, file, columns, _) in CareerDataSetLoader.Files)
        {
            CsvColumns.Write(Path.Combine(directory, file), columns, Rows(source));
        }
    }

    private static string Pick(string[] values, Random random) => values[random.Next(values.Length)];
}
