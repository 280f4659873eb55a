using System.Globalization;
using System.Text;
using TalentFlow.Contracts.Candidates;
using TalentFlow.Contracts.Jobs;

namespace TalentFlow.Grains.Samples;

/// <summary>A sample resume with the id it is loaded under.</summary>
/// <param name="Id">Candidate id.</param>
/// <param name="Resume">The resume.</param>
public sealed record SampleCandidate(string Id, CandidateResume Resume);

/// <summary>A sample job with the id it is loaded under.</summary>
/// <param name="Id">Job id.</param>
/// <param name="Posting">The posting.</param>
public sealed record SampleJob(string Id, JobPosting Posting);

/// <summary>
/// Synthetic jobs and resumes (no real person's data), deterministic for a seed: the embedded default loads them so that
/// the dashboard and the API have something to show, and the baseline is fitted on them until a trained model exists.
/// </summary>
public static class SampleCorpus
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
    private static readonly string[] Cities = ["Austin, TX", "Denver, CO", "Seattle, WA", "Boston, MA", "Chicago, IL", "Atlanta, GA"];

    /// <summary>One posting per role.</summary>
    public static IReadOnlyList<SampleJob> Jobs()
    {
        var jobs = new List<SampleJob>(Roles.Length);
        for (int i = 0; i < Roles.Length; i++)
        {
            var role = Roles[i];
            var description = new StringBuilder()
                .Append(Companies[i % Companies.Length]).Append(" is hiring a ").Append(role.Title).Append(".\n")
                .Append("Responsibilities:\n");
            foreach (var duty in role.Duties) description.Append("- ").Append(char.ToUpperInvariant(duty[0])).Append(duty.AsSpan(1)).Append('\n');
            description.Append("Requirements:\n")
                .Append("- 3+ years of experience with ").Append(string.Join(", ", role.Skills[..5])).Append('\n')
                .Append("- ").Append(role.Degree).Append(" in ").Append(role.Field).Append(" or equivalent\n")
                .Append("Nice to have: ").Append(string.Join(", ", role.Skills[5..])).Append('\n');
            jobs.Add(new SampleJob(
                "sample-job-" + (i + 1).ToString(CultureInfo.InvariantCulture),
                new JobPosting(role.Title, description.ToString(), [.. role.Skills[..5]], Cities[i % Cities.Length], Companies[i % Companies.Length])));
        }
        return jobs;
    }

    /// <summary><paramref name="count"/> resumes across the roles, deterministic for <paramref name="seed"/>.</summary>
    public static IReadOnlyList<SampleCandidate> Candidates(int count = 48, int seed = 7)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var random = new Random(seed);
        var candidates = new List<SampleCandidate>(count);
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
            candidates.Add(new SampleCandidate(
                "sample-candidate-" + (i + 1).ToString(CultureInfo.InvariantCulture),
                new CandidateResume(name, text.ToString(), "sample")));
        }
        return candidates;
    }

    /// <summary>Every sample text, for fitting the baseline before any training.</summary>
    public static IReadOnlyList<string> Texts() =>
        [.. Jobs().Select(j => j.Posting.Title + "\n" + j.Posting.Description), .. Candidates().Select(c => c.Resume.Text)];
}
