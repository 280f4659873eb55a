using System.Diagnostics;
using TalentFlow.ML.Tfidf;

namespace TalentFlow.Benchmarks.Tfidf;

/// <summary>
/// TF-IDF fit and transform throughput on a corpus CSV (column <c>text</c>): fit on all documents, then transform all,
/// with the parameters of ../shared/anchors/tfidf_anchor.py (max_features 5000, 1–2-grams, English stop words, lowercase;
/// <see cref="TfidfOptions"/>' defaults). One warm-up round, then <c>--repeat</c> timed rounds; the median is reported
/// (and the best, which is what the anchor reports).
/// </summary>
internal static class TfidfScenario
{
    public static object Run(ScenarioArgs args)
    {
        var docs = CorpusCsv.ReadColumn(args.String("corpus") ?? throw new ArgumentException("tfidf needs --corpus CSV"), "text");
        int repeat = args.Int("repeat", 7);
        var options = new TfidfOptions();

        Round(docs, options);
        var fitSeconds = new double[repeat];
        var transformSeconds = new double[repeat];
        for (int r = 0; r < repeat; r++) (fitSeconds[r], transformSeconds[r]) = Round(docs, options);

        return new Dictionary<string, object>
        {
            ["fit_docs_per_s"] = Math.Round(docs.Count / Median(fitSeconds)),
            ["transform_docs_per_s"] = Math.Round(docs.Count / Median(transformSeconds)),
            ["docs"] = docs.Count,
            ["best_fit_docs_per_s"] = Math.Round(docs.Count / fitSeconds.Min()),
            ["best_transform_docs_per_s"] = Math.Round(docs.Count / transformSeconds.Min()),
            ["repeat"] = repeat,
            ["threads"] = Environment.ProcessorCount,
        };
    }

    private static (double Fit, double Transform) Round(List<string> docs, TfidfOptions options)
    {
        // A collection between rounds keeps one round's garbage from being paid for inside the next round's timing.
        GC.Collect();
        GC.WaitForPendingFinalizers();
        long t0 = Stopwatch.GetTimestamp();
        var model = TfidfVectorizer.Fit(docs, options);
        long t1 = Stopwatch.GetTimestamp();
        var vectors = model.Transform(docs);
        long t2 = Stopwatch.GetTimestamp();
        GC.KeepAlive(vectors);
        return (Stopwatch.GetElapsedTime(t0, t1).TotalSeconds, Stopwatch.GetElapsedTime(t1, t2).TotalSeconds);
    }

    private static double Median(double[] values)
    {
        var sorted = values.Order().ToArray();
        int mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
