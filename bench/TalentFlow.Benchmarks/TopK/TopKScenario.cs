using System.Diagnostics;
using TalentFlow.ML.Ranking;

namespace TalentFlow.Benchmarks.TopK;

/// <summary>
/// Exact float32 top-k over N unit vectors of dimension D, one query at a time — the same workload as
/// <c>../shared/anchors/topk_anchor.py</c> (standard normal rows normalised to unit length, 50 standard normal queries, median
/// of all but the first 5), so the two can run side by side — and the int8 index with exact re-rank on the same queries.
/// Each query runs every variant back to back, so machine noise falls on all of them alike. Recall@k of the int8 index is
/// also measured on clustered unit vectors (<see cref="TopKData.Clustered"/>) and, with <c>--data DIR</c>, on real text:
/// resume passages and job descriptions embedded by an LSA encoder fitted on them (<see cref="TopKData.RealText"/>).
/// </summary>
internal static class TopKScenario
{
    public static object Run(ScenarioArgs args)
    {
        int n = args.Int("n", 100_000), d = args.Int("d", 384), k = args.Int("k", 10), queries = args.Int("queries", 50);
        int shortList = args.Int("short-list", 100), threads = args.Int("threads", Environment.ProcessorCount);
        if (queries <= 5) throw new ArgumentException("--queries must be over 5 (the first 5 are warm-up)");
        var random = new Random(20261122);
        float[] rows = TopKData.Gaussian(random, n, d);
        using var matrix = EmbeddingMatrix.FromRows(rows, d);
        long buildStart = Stopwatch.GetTimestamp();
        using var quantized = new QuantizedIndex(matrix);
        double buildMs = Stopwatch.GetElapsedTime(buildStart).TotalMilliseconds;
        float[][] queryVectors = [.. Enumerable.Range(0, queries).Select(_ => TopKData.GaussianVector(random, d, normalise: false))];

        var times = new Dictionary<string, double[]>
        {
            ["exact"] = new double[queries],
            ["exact_1_thread"] = new double[queries],
            ["exact_managed_array"] = new double[queries],
            ["int8"] = new double[queries],
        };
        var exact = new ScoredRow[k];
        var other = new ScoredRow[k];
        long hits = 0;
        bool identical = true;
        for (int q = 0; q < queries; q++)
        {
            var query = queryVectors[q];
            times["exact"][q] = Time(() => ExactTopK.Search(matrix, query, exact, threads));
            times["exact_1_thread"][q] = Time(() => ExactTopK.Search(matrix, query, other, 1));
            identical &= other.AsSpan().SequenceEqual(exact);
            times["exact_managed_array"][q] = Time(() => ExactTopK.Search(rows, d, query, other, threads));
            identical &= other.AsSpan().SequenceEqual(exact);
            times["int8"][q] = Time(() => quantized.Search(query, other, shortList, threads));
            if (q >= 5) hits += Overlap(exact, other);
        }

        double median = Median(times["exact"][5..]);
        double int8Median = Median(times["int8"][5..]);
        var result = new Dictionary<string, object>
        {
            ["median_ms_per_query"] = Math.Round(median, 3),
            ["effective_GB_per_s"] = Math.Round((double)n * d * sizeof(float) / (median / 1000) / 1e9, 2),
            ["n"] = n,
            ["d"] = d,
            ["k"] = k,
            ["threads"] = threads,
            ["exact_1_thread_median_ms"] = Math.Round(Median(times["exact_1_thread"][5..]), 3),
            ["exact_managed_array_median_ms"] = Math.Round(Median(times["exact_managed_array"][5..]), 3),
            ["exact_variants_identical"] = identical,
            ["huge_pages_mb"] = HugePagesMegabytes(),
            ["int8_median_ms_per_query"] = Math.Round(int8Median, 3),
            ["int8_effective_GB_per_s"] = Math.Round(quantized.CodeBytes / (int8Median / 1000) / 1e9, 2),
            ["int8_recall_at_k"] = Math.Round((double)hits / ((queries - 5) * k), 4),
            ["int8_short_list"] = shortList,
            ["int8_build_ms"] = Math.Round(buildMs, 1),
        };
        var (clusteredRows, clusteredQueries) = TopKData.Clustered(new Random(20261207), n, d, queries);
        result["int8_recall_at_k_clustered"] = Math.Round(Recall(clusteredRows, d, clusteredQueries, k, shortList, threads), 4);
        if (args.String("data") is { } data)
        {
            var real = TopKData.RealText(data, n, d, queries);
            result["real_rows"] = real.Rows.Length / d;
            result["real_queries"] = real.Queries.Length;
            result["real_source"] = real.Source;
            result["int8_recall_at_k_real"] = Math.Round(Recall(real.Rows, d, real.Queries, k, shortList, threads), 4);
        }
        return result;
    }

    /// <summary>Mean fraction of the exact top k that the int8 index returns, over every query.</summary>
    private static double Recall(float[] rows, int d, float[][] queries, int k, int shortList, int threads)
    {
        using var matrix = EmbeddingMatrix.FromRows(rows, d);
        using var index = new QuantizedIndex(matrix);
        var exact = new ScoredRow[k];
        var approx = new ScoredRow[k];
        long hits = 0, total = 0;
        foreach (var query in queries)
        {
            int found = ExactTopK.Search(matrix, query, exact, threads);
            index.Search(query, approx, shortList, threads);
            hits += Overlap(exact.AsSpan(0, found), approx.AsSpan(0, found));
            total += found;
        }
        return (double)hits / total;
    }

    private static int Overlap(ReadOnlySpan<ScoredRow> exact, ReadOnlySpan<ScoredRow> approx)
    {
        int hits = 0;
        foreach (var row in approx)
        {
            foreach (var e in exact)
            {
                if (e.Row == row.Row) { hits++; break; }
            }
        }
        return hits;
    }

    /// <summary>Transparent huge pages backing this process (Linux), -1 where unknown: shows whether the madvise took.</summary>
    private static long HugePagesMegabytes()
    {
        const string rollup = "/proc/self/smaps_rollup";
        if (!File.Exists(rollup)) return -1;
        var line = File.ReadLines(rollup).FirstOrDefault(l => l.StartsWith("AnonHugePages:", StringComparison.Ordinal));
        return line is null ? -1 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) / 1024;
    }

    private static double Time(Action action)
    {
        long start = Stopwatch.GetTimestamp();
        action();
        return Stopwatch.GetElapsedTime(start).TotalMilliseconds;
    }

    private static double Median(double[] values)
    {
        Array.Sort(values);
        return values.Length % 2 == 1 ? values[values.Length / 2] : (values[values.Length / 2 - 1] + values[values.Length / 2]) / 2;
    }
}
