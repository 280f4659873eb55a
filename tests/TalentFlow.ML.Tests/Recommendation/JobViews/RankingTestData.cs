using TalentFlow.ML.Recommendation.JobViews;

namespace TalentFlow.ML.Tests.Recommendation.JobViews;

/// <summary>Job-views data built in memory for the ranking tests (no files, no shared data).</summary>
internal static class RankingTestData
{
    /// <summary>
    /// Five jobs and three users. User "a" viewed job 1 (Line Cook at Diner, Austin TX, Food) and then job 2 (Barista at
    /// Cafe, Dallas TX, Food); job 4 is another Cafe job (Denver CO), job 5 a Depot job in Dallas, job 3 another line cook
    /// job (Grill, Boston MA, Food). User "cold" has no views, only a position of interest.
    /// </summary>
    public static JobViewsData Small() => new(
        [
            new JobViewsJob("1", "Line Cook @ Diner", "Line Cook", "Diner", "Austin", "TX") { Industry = "Food" },
            new JobViewsJob("2", "Barista @ Cafe", "Barista", "Cafe", "Dallas", "TX") { Industry = "Food" },
            new JobViewsJob("3", "Line Cook @ Grill", "line cook", "Grill", "Boston", "MA") { Industry = "Food" },
            new JobViewsJob("4", "Cashier @ Cafe", "Cashier", "Cafe", "Denver", "CO") { Industry = "Retail" },
            new JobViewsJob("5", "Driver @ Depot", "Driver", "Depot", "Dallas", "TX") { Industry = "Logistics" },
        ],
        [
            new JobView("a", "2", "2026-01-02 10:00:00 UTC"),
            new JobView("a", "1", "2026-01-01 10:00:00 UTC"),
            new JobView("b", "5", "2026-01-01 10:00:00 UTC"),
        ],
        [("a", "cook"), ("cold", "driver")],
        []);

    /// <summary>
    /// A planted signal the content score cannot see: 40 companies with 5 jobs each, all in one city, titles of two random
    /// words. Every user views a job of one company, then two jobs of a second company; the held-out next view is a fourth
    /// job of that second company — the company of the latest view.
    /// </summary>
    public static (JobViewsData Data, List<JobView> Test) SameCompanyAsLastView(int users, int seed)
    {
        string[] words = ["alpha", "bravo", "delta", "echo", "golf", "hotel", "india", "kilo", "lima", "mike", "oscar", "papa", "romeo", "sierra", "tango", "victor"];
        var random = new Random(seed);
        var jobs = new List<JobViewsJob>();
        for (var c = 0; c < 40; c++)
        {
            for (var k = 0; k < 5; k++)
            {
                var position = words[random.Next(words.Length)] + " " + words[random.Next(words.Length)];
                jobs.Add(new JobViewsJob($"{c}-{k}", $"{position} @ Co{c}", position, $"Co{c}", "Austin", "TX") { Industry = "NA" });
            }
        }

        var views = new List<JobView>();
        var test = new List<JobView>();
        for (var u = 0; u < users; u++)
        {
            var first = random.Next(40);
            var second = (first + 1 + random.Next(39)) % 40;
            var order = new[] { 0, 1, 2, 3, 4 };
            random.Shuffle(order);
            views.Add(new JobView($"u{u}", $"{first}-{random.Next(5)}", "2026-01-01 10:00:00 UTC"));
            views.Add(new JobView($"u{u}", $"{second}-{order[0]}", "2026-01-02 10:00:00 UTC"));
            views.Add(new JobView($"u{u}", $"{second}-{order[1]}", "2026-01-03 10:00:00 UTC"));
            test.Add(new JobView($"u{u}", $"{second}-{order[2]}", string.Empty));
        }

        return (new JobViewsData(jobs, views, [], []), test);
    }
}
