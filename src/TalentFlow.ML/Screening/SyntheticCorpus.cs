using System.Text;

namespace TalentFlow.ML.Screening;

/// <summary>One role of the synthetic corpus: what its postings ask for and its resumes show.</summary>
/// <param name="Title">Job title.</param>
/// <param name="Skills">Eight skills, the first five required by its posting.</param>
/// <param name="Degree">The degree its people hold.</param>
/// <param name="Field">The degree's field.</param>
/// <param name="Duties">What its people did.</param>
public sealed record SyntheticRole(string Title, string[] Skills, string Degree, string Field, string[] Duties);

/// <summary>
/// The repository's synthetic roles and resumes (no real person's data), deterministic for a seed: the grains' sample corpus
/// (<c>TalentFlow.Grains.Samples.SampleCorpus</c>) is built from them, and the screening model can take a background pool
/// from them (<see cref="ScreeningBackground.Synthetic"/>) without referencing the grains.
/// </summary>
public static class SyntheticCorpus
{
    private static readonly SyntheticRole[] RoleList =
    [
        new SyntheticRole("Backend Engineer", ["C#", ".NET", "SQL", "Docker", "Kubernetes", "REST APIs", "PostgreSQL", "microservices"], "Bachelor of Science", "Computer Science",
            ["built and operated REST APIs serving millions of requests", "designed PostgreSQL schemas and tuned slow queries", "moved services to Kubernetes"]),
        new SyntheticRole("Data Scientist", ["Python", "pandas", "scikit-learn", "machine learning", "statistics", "SQL", "TensorFlow", "A/B testing"], "Master of Science", "Statistics",
            ["trained and evaluated churn models on customer data", "ran A/B tests and reported results to product teams", "built feature pipelines in Python"]),
        new SyntheticRole("Frontend Developer", ["JavaScript", "TypeScript", "React", "HTML", "CSS", "Node.js", "Figma", "accessibility"], "Bachelor of Science", "Software Engineering",
            ["shipped React single-page applications", "improved page load times and accessibility scores", "worked with designers on a component library"]),
        new SyntheticRole("DevOps Engineer", ["AWS", "Terraform", "Docker", "Kubernetes", "Linux", "Jenkins", "Bash", "Prometheus"], "Bachelor of Science", "Information Technology",
            ["automated infrastructure with Terraform on AWS", "ran CI/CD pipelines in Jenkins", "set up monitoring with Prometheus and on-call runbooks"]),
        new SyntheticRole("Accountant", ["Excel", "QuickBooks", "SAP", "GAAP", "financial reporting", "auditing", "tax preparation", "budgeting"], "Bachelor of Commerce", "Accounting",
            ["prepared monthly financial statements under GAAP", "led year-end audits with external auditors", "reconciled accounts in SAP and QuickBooks"]),
        new SyntheticRole("Registered Nurse", ["patient care", "BLS", "ACLS", "medication administration", "EHR", "triage", "wound care", "patient education"], "Bachelor of Science", "Nursing",
            ["cared for up to six patients per shift on a surgical ward", "triaged patients in a busy emergency department", "documented care in the EHR"]),
        new SyntheticRole("Sales Manager", ["CRM", "Salesforce", "negotiation", "lead generation", "account management", "forecasting", "B2B sales", "presentations"], "Bachelor of Arts", "Business Administration",
            ["grew regional revenue by a quarter in two years", "managed a team of eight account executives", "forecast pipeline in Salesforce"]),
        new SyntheticRole("Mechanical Engineer", ["AutoCAD", "SolidWorks", "finite element analysis", "MATLAB", "GD&T", "prototyping", "manufacturing", "project management"], "Bachelor of Engineering", "Mechanical Engineering",
            ["designed injection-moulded parts in SolidWorks", "ran finite element analysis on brackets and housings", "took prototypes to manufacturing"]),
    ];

    private static readonly string[] FirstNames = ["Alex", "Sam", "Jordan", "Taylor", "Morgan", "Casey", "Riley", "Jamie", "Avery", "Quinn", "Rowan", "Emery"];
    private static readonly string[] LastNames = ["Rivera", "Chen", "Okafor", "Novak", "Haddad", "Silva", "Kowalski", "Nakamura", "Dubois", "Larsen"];
    private static readonly string[] CompanyList = ["Northwind", "Contoso", "Fabrikam", "Tailspin", "Litware", "Adatum", "Proseware", "Wingtip"];

    /// <summary>The eight roles.</summary>
    public static IReadOnlyList<SyntheticRole> Roles => RoleList;

    /// <summary>The employers resumes and postings name.</summary>
    public static IReadOnlyList<string> Companies => CompanyList;

    /// <summary><paramref name="count"/> resume texts across the roles, deterministic for <paramref name="seed"/>.</summary>
    public static IReadOnlyList<string> Generate(int count, int seed) => [.. Resumes(count, seed).Select(r => r.Text)];

    /// <summary><paramref name="count"/> resumes (the person's name, the text) across the roles, deterministic for <paramref name="seed"/>.</summary>
    public static IReadOnlyList<(string Name, string Text)> Resumes(int count, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var random = new Random(seed);
        var resumes = new List<(string Name, string Text)>(count);
        for (int i = 0; i < count; i++)
        {
            var role = RoleList[i % RoleList.Length];
            string name = FirstNames[random.Next(FirstNames.Length)] + " " + LastNames[random.Next(LastNames.Length)];
            int years = 1 + random.Next(12);
            int startYear = 2025 - years;
            var skills = role.Skills.Where(_ => random.NextDouble() < 0.7).ToList();
            if (skills.Count == 0) skills.Add(role.Skills[0]);
            // A few resumes borrow a skill from another role, so that rankings are not trivially separable.
            if (random.NextDouble() < 0.3) skills.Add(RoleList[random.Next(RoleList.Length)].Skills[random.Next(8)]);
            var text = new StringBuilder()
                .Append(name).Append('\n')
                .Append("Summary\n").Append(role.Title).Append(" with ").Append(years).Append(" years of experience.\n")
                .Append("Skills\n").Append(string.Join(", ", skills)).Append('\n')
                .Append("Experience\n")
                .Append(role.Title).Append(", ").Append(CompanyList[random.Next(CompanyList.Length)]).Append(", ")
                .Append(startYear).Append(" - Present\n");
            foreach (var duty in role.Duties.Where(_ => random.NextDouble() < 0.8)) text.Append("- ").Append(duty).Append('\n');
            text.Append("Education\n").Append(role.Degree).Append(" in ").Append(role.Field).Append(", State University, ")
                .Append(startYear - 1).Append('\n');
            resumes.Add((name, text.ToString()));
        }
        return resumes;
    }
}
