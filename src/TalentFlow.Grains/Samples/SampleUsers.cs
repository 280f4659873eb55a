using System.Globalization;
using TalentFlow.Contracts.Jobs;
using TalentFlow.Contracts.Users;

namespace TalentFlow.Grains.Samples;

/// <summary>A sample job seeker: a profile and jobs they interacted with (synthetic, no real person's data).</summary>
/// <param name="Id">User id.</param>
/// <param name="Profile">The profile.</param>
/// <param name="Interactions">Interactions with sample jobs.</param>
public sealed record SampleUser(string Id, UserProfile Profile, IReadOnlyList<UserInteraction> Interactions);

/// <summary>
/// Sample job seekers for the embedded default, and more postings beside <see cref="SampleCorpus.Jobs"/> (same titles in other
/// cities, neighbouring titles) so that their recommendations have something to choose between.
/// </summary>
public static class SampleUsers
{
    private static readonly DateTimeOffset Start = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);

    /// <summary>Postings for the job catalog, ids <c>sample-job-101</c>….</summary>
    public static IReadOnlyList<SampleJob> Jobs()
    {
        (string Title, string Location, string Company, string Skills)[] jobs =
        [
            ("Senior Backend Engineer", "Seattle, WA", "Contoso", "C#, .NET, PostgreSQL, Kubernetes"),
            ("Backend Engineer", "Austin, TX", "Litware", "C#, SQL, Docker, REST APIs"),
            ("Data Analyst", "Austin, TX", "Adatum", "SQL, Excel, Python, statistics"),
            ("Machine Learning Engineer", "Denver, CO", "Proseware", "Python, machine learning, TensorFlow, Docker"),
            ("Data Scientist", "Boston, MA", "Northwind", "Python, pandas, scikit-learn, statistics"),
            ("Staff Accountant", "Chicago, IL", "Fabrikam", "GAAP, Excel, QuickBooks, auditing"),
            ("ICU Registered Nurse", "Atlanta, GA", "Wingtip", "patient care, ACLS, BLS, EHR"),
            ("Site Reliability Engineer", "Seattle, WA", "Tailspin", "Kubernetes, Prometheus, Linux, AWS"),
        ];
        var result = new List<SampleJob>(jobs.Length);
        for (int i = 0; i < jobs.Length; i++)
        {
            var (title, location, company, skills) = jobs[i];
            string description = $"{company} is hiring a {title} in {location}.\nRequirements:\n- Experience with {skills}\n";
            result.Add(new SampleJob("sample-job-" + (101 + i).ToString(CultureInfo.InvariantCulture),
                new JobPosting(title, description, [.. skills.Split(", ")], location, company)));
        }
        return result;
    }

    /// <summary>Three users: one with views and an application, one with a view, one cold (profile only).</summary>
    public static IReadOnlyList<SampleUser> Users() =>
    [
        new("sample-user-1",
            new UserProfile(["Backend Engineer", "Software Engineer"], ["Junior Developer"], "Austin", "TX"),
            [
                new UserInteraction("sample-job-1", UserInteraction.Viewed, Start),
                new UserInteraction("sample-job-1", UserInteraction.Applied, Start.AddMinutes(12)),
                new UserInteraction("sample-job-101", UserInteraction.Viewed, Start.AddHours(3)),
            ]),
        new("sample-user-2",
            new UserProfile(["Data Scientist"], ["Data Analyst", "Statistician"], "Boston", "MA"),
            [new UserInteraction("sample-job-2", UserInteraction.Viewed, Start.AddDays(1))]),
        new("sample-user-3", new UserProfile(["Registered Nurse"], ["Nursing Assistant"], "Atlanta", "GA"), []),
    ];

    /// <summary>The sample users' texts (part of the built-in recommender's reference corpus).</summary>
    public static IEnumerable<string> Texts() =>
        Users().SelectMany(u => (u.Profile.PositionsOfInterest ?? []).Concat(u.Profile.PastTitles ?? []));
}
