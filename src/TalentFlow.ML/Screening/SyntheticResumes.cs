using System.Text;

namespace TalentFlow.ML.Screening;

/// <summary>
/// The repository's synthetic resumes (no real person's data): the generator of the grains' sample corpus
/// (<c>TalentFlow.Grains.Samples.SampleCorpus.Candidates</c>), same texts for the same count and seed, here so that the screening
/// model can take its background pool (<see cref="ScreeningBackground.Synthetic"/>) without referencing the grains.
/// </summary>
internal static class SyntheticResumes
{
    private sealed record Role(string Title, string[] Skills, string Degree, string Field, string[] Duties);

    private static readonly Role[] Roles =
    [
        new("Backend Engineer", ["C#", ".NET", "SQL", "Docker", "Kubernetes", "REST APIs", "PostgreSQL", "microservices"], "Bachelor of Science", "Computer Science",
            ["built and operated REST APIs serving millions of requests", "designed PostgreSQL schemas and tuned slow queries", "moved services to Kubernetes"]),
        new("Data Scientist", ["Python", "pandas", "scikit-learn", "machine learning", "statistics", "SQL", "TensorFlow", "A/B testing"], "Master of Science", "Statistics",
            ["trained and evaluated churn models on customer data", "ran A/B tests and reported results to product teams", "built feature pipelines in Python"]),
        new("Frontend Developer", ["JavaScript", "TypeScript", "React", "HTML", "CSS", "Node.js", "Figma", "accessibility"], "Bachelor of Science", "Software Engineering",
            ["shipped React single-page applications", "improved page load times and accessibility scores", "worked with designers on a component library"]),
        new("DevOps Engineer", ["AWS", "Terraform", "Docker", "Kubernetes", "Linux", "Jenkins", "Bash", "Prometheus"], "Bachelor of Science", "Information Technology",
            ["automated infrastructure with Terraform on AWS", "ran CI/CD pipelines in Jenkins", "set up monitoring with Prometheus and on-call runbooks"]),
        new("Accountant", ["Excel", "QuickBooks", "SAP", "GAAP", "financial reporting", "auditing", "tax preparation", "budgeting"], "Bachelor of Commerce", "Accounting",
            ["prepared monthly financial statements under GAAP", "led year-end audits with external auditors", "reconciled accounts in SAP and QuickBooks"]),
        new("Registered Nurse", ["patient care", "BLS", "ACLS", "medication administration", "EHR", "triage", "wound care", "patient education"], "Bachelor of Science", "Nursing",
            ["cared for up to six patients per shift on a surgical ward", "triaged patients in a busy emergency department", "documented care in the EHR"]),
        new("Sales Manager", ["CRM", "Salesforce", "negotiation", "lead generation", "account management", "forecasting", "B2B sales", "presentations"], "Bachelor of Arts", "Business Administration",
            ["grew regional revenue by a quarter in two years", "managed a team of eight account executives", "forecast pipeline in Salesforce"]),
        new("Mechanical Engineer", ["AutoCAD", "SolidWorks", "finite element analysis", "MATLAB", "GD&T", "prototyping", "manufacturing", "project management"], "Bachelor of Engineering", "Mechanical Engineering",
            ["designed injection-moulded parts in SolidWorks", "ran finite element analysis on brackets and housings", "took prototypes to manufacturing"]),
    ];

    private static readonly string[] FirstNames = ["Alex", "Sam", "Jordan", "Taylor", "Morgan", "Casey", "Riley", "Jamie", "Avery", "Quinn", "Rowan", "Emery"];
    private static readonly string[] LastNames = ["Rivera", "Chen", "Okafor", "Novak", "Haddad", "Silva", "Kowalski", "Nakamura", "Dubois", "Larsen"];
    private static readonly string[] Companies = ["Northwind", "Contoso", "Fabrikam", "Tailspin", "Litware", "Adatum", "Proseware", "Wingtip"];

    /// <summary><paramref name="count"/> resume texts across the roles, deterministic for <paramref name="seed"/>.</summary>
    public static IReadOnlyList<string> Generate(int count, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var random = new Random(seed);
        var resumes = new List<string>(count);
        for (int i = 0; i < count; i++)
        {
            var role = Roles[i % Roles.Length];
            string name = FirstNames[random.Next(FirstNames.Length)] + " " + LastNames[random.Next(LastNames.Length)];
            int years = 1 + random.Next(12);
            int startYear = 2025 - years;
            var skills = role.Skills.Where(_ => random.NextDouble() < 0.7).ToList();
            if (skills.Count == 0) skills.Add(role.Skills[0]);
            // A few resumes borrow a skill from another role, so that rankings are not trivially separable.
            if (random.NextDouble() < 0.3) skills.Add(Roles[random.Next(Roles.Length)].Skills[random.Next(8)]);
            var text = new StringBuilder()
                .Append(name).Append('\n')
                .Append("Summary\n").Append(role.Title).Append(" with ").Append(years).Append(" years of experience.\n")
                .Append("Skills\n").Append(string.Join(", ", skills)).Append('\n')
                .Append("Experience\n")
                .Append(role.Title).Append(", ").Append(Companies[random.Next(Companies.Length)]).Append(", ")
                .Append(startYear).Append(" - Present\n");
            foreach (var duty in role.Duties.Where(_ => random.NextDouble() < 0.8)) text.Append("- ").Append(duty).Append('\n');
            text.Append("Education\n").Append(role.Degree).Append(" in ").Append(role.Field).Append(", State University, ")
                .Append(startYear - 1).Append('\n');
            resumes.Add(text.ToString());
        }
        return resumes;
    }
}
