using System.Diagnostics;
using Orleans;
using TalentFlow.TestKit;

namespace TalentFlow.Benchmarks.Calls;

/// <summary>
/// Grain call throughput and latency on Orleans with the TalentFlow wiring (filters, codecs, placement): same-silo calls and
/// silo-to-silo calls over loopback TCP, each for a fixed time after a warm-up, with many callers in flight. Compare with
/// <c>../shared/anchors/orleans_calls</c> (bare Orleans, the same shape) run beside it.
/// </summary>
internal static class CallsScenario
{
    public static async Task<object> RunAsync(ScenarioArgs args)
    {
        int seconds = args.Int("seconds", 5);
        int localConcurrency = args.Int("local-concurrency", Environment.ProcessorCount);
        int remoteConcurrency = args.Int("concurrency", 64);
        await using var cluster = await TestCluster.StartAsync(new TestClusterOptions { InitialSilos = 2 });
        var caller = cluster.Silos[0];
        // Ping grains prefer their first caller's silo: keys first called from silo 0 live there, from silo 1 on silo 1.
        var localKeys = await ActivateAsync(cluster.Silos[0].GrainFactory, "local-", 64);
        var remoteKeys = await ActivateAsync(cluster.Silos[1].GrainFactory, "remote-", 64);

        await MeasureAsync(caller.GrainFactory, localKeys, localConcurrency, TimeSpan.FromSeconds(1));
        var local = await MeasureAsync(caller.GrainFactory, localKeys, localConcurrency, TimeSpan.FromSeconds(seconds));
        await MeasureAsync(caller.GrainFactory, remoteKeys, remoteConcurrency, TimeSpan.FromSeconds(1));
        var remote = await MeasureAsync(caller.GrainFactory, remoteKeys, remoteConcurrency, TimeSpan.FromSeconds(seconds));
        return new Dictionary<string, object>
        {
            ["local_calls_per_s"] = Math.Round(local.CallsPerSecond),
            ["local_p50_us"] = Math.Round(local.P50Micros, 2),
            ["local_p99_us"] = Math.Round(local.P99Micros, 2),
            ["cross_silo_calls_per_s"] = Math.Round(remote.CallsPerSecond),
            ["cross_silo_p50_ms"] = Math.Round(remote.P50Micros / 1000, 3),
            ["cross_silo_p99_ms"] = Math.Round(remote.P99Micros / 1000, 3),
            ["silos"] = cluster.Silos.Count,
            ["local_concurrency"] = localConcurrency,
            ["cross_silo_concurrency"] = remoteConcurrency,
            ["seconds"] = seconds,
        };
    }

    private static async Task<string[]> ActivateAsync(IGrainFactory factory, string prefix, int count)
    {
        string[] keys = [.. Enumerable.Range(0, count).Select(i => prefix + i)];
        foreach (string key in keys) await factory.GetGrain<IPingGrain>(key).PingAsync(0);
        return keys;
    }

    private static async Task<Result> MeasureAsync(IGrainFactory factory, string[] keys, int concurrency, TimeSpan duration)
    {
        var grains = keys.Select(k => factory.GetGrain<IPingGrain>(k)).ToArray();
        var histograms = new long[concurrency][];
        long total = 0;
        var stopwatch = Stopwatch.StartNew();
        long end = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var workers = Enumerable.Range(0, concurrency).Select(w => Task.Run(async () =>
        {
            var histogram = new long[Buckets];
            long calls = 0;
            int g = w;
            while (Stopwatch.GetTimestamp() < end)
            {
                // Batches of 64 calls between clock checks keep the timing overhead off the measured path.
                for (int i = 0; i < 64; i++)
                {
                    long start = Stopwatch.GetTimestamp();
                    await grains[g].PingAsync(i);
                    long elapsed = Stopwatch.GetTimestamp() - start;
                    histogram[Bucket(elapsed)]++;
                    g = (g + 1) % grains.Length;
                }
                calls += 64;
            }
            histograms[w] = histogram;
            Interlocked.Add(ref total, calls);
        })).ToArray();
        await Task.WhenAll(workers);
        double elapsedSeconds = stopwatch.Elapsed.TotalSeconds;
        var merged = new long[Buckets];
        foreach (var h in histograms) for (int i = 0; i < Buckets; i++) merged[i] += h[i];
        return new Result(total / elapsedSeconds, Quantile(merged, 0.50), Quantile(merged, 0.99));
    }

    // Latency buckets of 0.1 µs up to 100 µs, then 10 µs up to 100 ms.
    private const int FineBuckets = 1000;
    private const int Buckets = FineBuckets + 10_000;

    private static int Bucket(long ticks)
    {
        double micros = ticks * 1_000_000.0 / Stopwatch.Frequency;
        if (micros < 100) return (int)(micros * 10);
        return Math.Min(Buckets - 1, FineBuckets + (int)((micros - 100) / 10));
    }

    private static double Quantile(long[] histogram, double q)
    {
        long count = histogram.Sum();
        long rank = (long)Math.Ceiling(q * count);
        long seen = 0;
        for (int i = 0; i < histogram.Length; i++)
        {
            seen += histogram[i];
            if (seen >= rank) return i < FineBuckets ? (i + 0.5) / 10 : 100 + ((i - FineBuckets + 0.5) * 10);
        }
        return double.NaN;
    }

    private sealed record Result(double CallsPerSecond, double P50Micros, double P99Micros);
}
