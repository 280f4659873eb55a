using System.Diagnostics;
using TalentFlow.ML.Careers;
using TalentFlow.ML.Text;

namespace TalentFlow.Benchmarks.Careers;

/// <summary>
/// Per-query latency of the career advisor (what <c>ICareerAdvisorGrain.RecommendAsync</c> computes): embed the text, the MLP,
/// top k, skills found and skills to learn, books. The model is <c>--model FILE</c>, or trained here on <c>--train CSV</c>
/// (Category,Resume; e.g. a resume split) with O*NET knowledge from <c>--onet DIR</c>, or on the generated sample data.
/// Queries are the Resume texts of <c>--queries CSV</c> (default: the training texts, or sample sentences), cycled. Reports
/// p50/p99 ms with one caller, and with <c>--threads</c> callers at once (default 2, one per core).
/// </summary>
internal static class CareersScenario
{
    public static object Run(ScenarioArgs args)
    {
        int queries = args.Int("queries-count", 500), threads = args.Int("threads", 2), top = args.Int("top", 3);
        var fit = Stopwatch.StartNew();
        CareerModel model;
        List<string> texts;
        if (args.String("model") is { } path)
        {
            model = CareerModel.Load(path);
            texts = [];
        }
        else if (args.String("train") is { } train)
        {
            var rows = CsvColumns.Read(train, ["Category", "Resume"], 2);
            texts = [.. rows.Select(r => r[1])];
            model = CareerModelTrainer.Train(texts, [.. rows.Select(r => r[0])]);
        }
        else
        {
            var data = CareerDataSetLoader.Load(null);
            model = CareerModelTrainer.Train(data, args.String("onet") is { } onet ? OnetCatalog.Load(onet) : null);
            texts = [.. data.Samples.Select(s => s.Text)];
        }

        double fitSeconds = fit.Elapsed.TotalSeconds;
        if (args.String("queries") is { } queryFile) texts = [.. CsvColumns.Read(queryFile, ["Category", "Resume"], 2).Select(r => r[1])];
        if (texts.Count == 0) texts = ["I run docker containers and kubernetes clusters", "I care for patients on the ward"];
        var advisor = new CareerAdvisor(model);
        for (int i = 0; i < 50; i++) advisor.Recommend(texts[i % texts.Count], top);

        var single = Measure(advisor, texts, queries, 1, top);
        var parallel = Measure(advisor, texts, queries, threads, top);
        return new Dictionary<string, object>
        {
            ["p50_ms"] = Math.Round(single.P50Ms, 3),
            ["p99_ms"] = Math.Round(single.P99Ms, 3),
            ["p50_ms_parallel"] = Math.Round(parallel.P50Ms, 3),
            ["p99_ms_parallel"] = Math.Round(parallel.P99Ms, 3),
            ["threads"] = threads,
            ["queries"] = queries,
            ["mean_query_chars"] = (int)texts.Average(t => t.Length),
            ["careers"] = model.Careers.Count,
            ["model"] = model.Metadata.Settings,
            ["fit_seconds"] = Math.Round(fitSeconds, 2),
        };
    }

    private static LatencySummary Measure(CareerAdvisor advisor, List<string> texts, int queries, int threads, int top)
    {
        var times = new LatencyRecorder();
        Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, t =>
        {
            for (int q = 0; q < queries; q++)
            {
                long start = Stopwatch.GetTimestamp();
                advisor.Recommend(texts[(q * threads + t) % texts.Count], top);
                times.RecordSince(start);
            }
        });
        return times.Summary();
    }
}
