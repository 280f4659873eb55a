using System.Diagnostics;
using TalentFlow.ML.Ranking;

namespace TalentFlow.Benchmarks.TopK;

/// <summary>
/// Exact float32 top-k over N unit vectors of dimension D, one query at a time — the same workload as
/// <c>../shared/anchors/topk_anchor.py</c> (standard normal rows normalised to unit length, 50 queries, median of all but the
/// first 5), so the two can run side by side.
/// </summary>
internal static class TopKScenario
{
    public static object Run(ScenarioArgs args)
    {
        int n = args.Int("n", 100_000), d = args.Int("d", 384), k = args.Int("k", 10), queries = args.Int("queries", 50);
        if (queries <= 5) throw new ArgumentException("--queries must be over 5 (the first 5 are warm-up)");
        var random = new Random(20261122);
        var matrix = new float[(long)n * d];
        for (int row = 0; row < n; row++)
        {
            var vector = matrix.AsSpan(row * d, d);
            for (int i = 0; i < d; i++) vector[i] = (float)NextGaussian(random);
            float norm = System.Numerics.Tensors.TensorPrimitives.Norm(vector);
            System.Numerics.Tensors.TensorPrimitives.Divide(vector, norm, vector);
        }
        int shortList = args.Int("short-list", 100);
        var buildStart = Stopwatch.GetTimestamp();
        var quantized = new QuantizedIndex(matrix, d);
        double buildMs = Stopwatch.GetElapsedTime(buildStart).TotalMilliseconds;
        var query = new float[d];
        var exact = new ScoredRow[k];
        var approx = new ScoredRow[k];
        var times = new double[queries];
        var int8Times = new double[queries];
        long hits = 0;
        for (int q = 0; q < queries; q++)
        {
            for (int i = 0; i < d; i++) query[i] = (float)NextGaussian(random);
            long start = Stopwatch.GetTimestamp();
            ExactTopK.Search(matrix, d, query, exact);
            times[q] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            start = Stopwatch.GetTimestamp();
            quantized.Search(query, approx, shortList);
            int8Times[q] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            if (q >= 5) foreach (var row in approx) if (Array.Exists(exact, e => e.Row == row.Row)) hits++;
        }
        double median = Median(times[5..]);
        double int8Median = Median(int8Times[5..]);
        return new Dictionary<string, object>
        {
            ["median_ms_per_query"] = Math.Round(median, 3),
            ["effective_GB_per_s"] = Math.Round((double)n * d * sizeof(float) / (median / 1000) / 1e9, 2),
            ["n"] = n,
            ["d"] = d,
            ["k"] = k,
            ["threads"] = Environment.ProcessorCount,
            ["int8_median_ms_per_query"] = Math.Round(int8Median, 3),
            ["int8_recall_at_k"] = Math.Round((double)hits / ((queries - 5) * k), 4),
            ["int8_short_list"] = shortList,
            ["int8_build_ms"] = Math.Round(buildMs, 1),
        };
    }

    private static double Median(double[] values)
    {
        Array.Sort(values);
        return values.Length % 2 == 1 ? values[values.Length / 2] : (values[values.Length / 2 - 1] + values[values.Length / 2]) / 2;
    }

    private static double NextGaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
