using System.Diagnostics;
using TalentFlow.ML.Recommendation.Serving;

namespace TalentFlow.Benchmarks.Recommend;

/// <summary>
/// Ranks a job catalog for one user the way a User grain's request does on the catalog shards: build the user's query (text
/// vector, places, seen jobs), scan every job's precomputed title vector and place, keep the exact top k. Synthetic catalog
/// (titles from seniority × field × role words, 300 cities in 50 states, seeded), one user with a profile and 20 viewed jobs.
/// Reports p50/p99 ms per ranking, ns per (user, job) at the median, and the one-off cost of registering the catalog.
/// </summary>
internal static class RecommendScenario
{
    private static readonly string[] Seniority = ["", "Junior", "Senior", "Lead", "Principal", "Staff", "Assistant", "Head"];
    private static readonly string[] Fields = ["Backend", "Frontend", "Data", "Machine Learning", "Sales", "Marketing", "Nursing", "Finance",
        "Warehouse", "Customer Service", "Retail", "Kitchen", "Maintenance", "Security", "Logistics", "Clinical"];
    private static readonly string[] Roles = ["Engineer", "Developer", "Analyst", "Manager", "Scientist", "Associate", "Specialist",
        "Technician", "Coordinator", "Cook", "Nurse", "Representative", "Driver", "Clerk", "Supervisor"];

    public static object Run(ScenarioArgs args)
    {
        int n = args.Int("jobs", 10_000), k = args.Int("k", 10), rankings = args.Int("rankings", 200), shards = args.Int("shards", 1);
        // --ranker N: re-rank each shard's content top N with a learned ranker reading all twelve features (weights 1).
        int rerank = args.Int("ranker", 0);
        var names = TalentFlow.ML.Recommendation.Serving.JobRankingFeatures.Names;
        var ranker = rerank <= 0 ? null : new TalentFlow.ML.Recommendation.JobViews.LearnedJobRankerModel(
            names, new double[names.Count], [.. Enumerable.Repeat(1.0, names.Count)], [.. Enumerable.Repeat(1.0, names.Count)], 0, rerank, 0.5, 0.5);
        int[] featureMap = ranker is null ? [] : JobRankingFeatures.Map(ranker.FeatureNames);
        var random = new Random(20261122);
        var model = ContentModel.Fit(Enumerable.Range(0, 2_000).Select(_ => Title(random)));
        var indexes = Enumerable.Range(0, shards).Select(_ => new ContentJobIndex(model)).ToArray();
        var jobs = new List<(string Id, string Title, string City, string State)>(n);
        for (int j = 0; j < n; j++)
        {
            int state = random.Next(50);
            jobs.Add(($"job-{j:D6}", Title(random), $"City{state}-{random.Next(6)}", $"S{state:D2}"));
        }
        long start = Stopwatch.GetTimestamp();
        foreach (var job in jobs) indexes[(int)((uint)job.Id.GetHashCode(StringComparison.Ordinal) % (uint)shards)].Upsert(job.Id, job.Title, job.City, job.State, "Company" + job.Id[^3..]);
        double registerMs = Stopwatch.GetElapsedTime(start).TotalMilliseconds;

        var seen = Enumerable.Range(0, 20).Select(_ => jobs[random.Next(n)]).ToList();
        string text = "Senior Data Analyst Data Scientist Business Analyst " + string.Join(' ', seen.Select(s => s.Title));
        var cities = seen.Select(s => (City: s.City, State: s.State)).Append((City: "City7-1", State: "S07")).ToList();
        var times = new LatencyRecorder();
        int returned = 0;
        for (int r = -20; r < rankings; r++)
        {
            start = Stopwatch.GetTimestamp();
            var query = new ContentQuery(model, text, cities, cities.Select(c => c.State), seen.Select(s => s.Id));
            var merged = new List<ContentHit>(k * shards);
            if (ranker is null)
            {
                foreach (var index in indexes) merged.AddRange(index.Search(query, k));
            }
            else
            {
                var signals = new RankingSignals(model, "Senior Data Analyst Data Scientist Business Analyst",
                    [.. seen.Select(s => new ViewedJob(s.Title, s.City, s.State, "Company" + s.Id[^3..]))]);
                foreach (var index in indexes) merged.AddRange(index.Search(query, signals, ranker, featureMap, k));
            }
            merged.Sort(ContentJobIndex.Compare);
            returned = Math.Min(k, merged.Count);
            if (r >= 0) times.RecordSince(start);
        }
        var latency = times.Summary();
        double p50 = latency.P50Ms, p99 = latency.P99Ms;
        return new Dictionary<string, object>
        {
            ["p50_ms_per_ranking"] = Math.Round(p50, 3),
            ["p99_ms_per_ranking"] = Math.Round(p99, 3),
            ["ns_per_user_job"] = Math.Round(p50 * 1e6 / n, 1),
            ["jobs"] = n,
            ["k"] = k,
            ["returned"] = returned,
            ["shards"] = shards,
            ["rankings"] = rankings,
            ["register_us_per_job"] = Math.Round(registerMs * 1000 / n, 2),
            ["model"] = ranker is null ? "content" : $"content top {rerank} re-ranked by a 12-feature ranker",
        };
    }

    private static string Title(Random random)
    {
        string seniority = Seniority[random.Next(Seniority.Length)];
        string title = Fields[random.Next(Fields.Length)] + " " + Roles[random.Next(Roles.Length)];
        return seniority.Length == 0 ? title : seniority + " " + title;
    }
}
