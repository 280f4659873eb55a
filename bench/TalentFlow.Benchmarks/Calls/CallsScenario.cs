using System.Diagnostics;
using TalentFlow.Runtime;
using TalentFlow.Runtime.Testing;

namespace TalentFlow.Benchmarks.Calls;

/// <summary>
/// Grain call throughput and latency: same-silo calls (no serialization, no network) and silo-to-silo calls over
/// loopback HTTP/2, each for a fixed time after a warm-up, with many callers in flight.
/// </summary>
internal static class CallsScenario
{
    public static async Task<object> RunAsync(ScenarioArgs args)
    {
        int seconds = args.Int("seconds", 5);
        int localConcurrency = args.Int("local-concurrency", Environment.ProcessorCount);
        int remoteConcurrency = args.Int("concurrency", 64);
        await using var cluster = await TestCluster.StartAsync(new TestClusterOptions
        {
            InitialSilos = 2,
            GrainAssemblies = [typeof(PingGrain).Assembly],
        });
        var caller = cluster.Silos[0].Silo;
        var localKeys = KeysOwnedBy(cluster, 0, 64);
        var remoteKeys = KeysOwnedBy(cluster, 1, 64);

        await MeasureAsync(caller.GrainFactory, localKeys, localConcurrency, TimeSpan.FromSeconds(1));
        var local = await MeasureAsync(caller.GrainFactory, localKeys, localConcurrency, TimeSpan.FromSeconds(seconds));
        await MeasureAsync(caller.GrainFactory, remoteKeys, remoteConcurrency, TimeSpan.FromSeconds(1));
        var remote = await MeasureAsync(caller.GrainFactory, remoteKeys, remoteConcurrency, TimeSpan.FromSeconds(seconds));
        double kestrel = await KestrelAnchor.MeasureCallsPerSecondAsync(remoteConcurrency, TimeSpan.FromSeconds(seconds));
        return new Dictionary<string, object>
        {
            ["local_calls_per_s"] = Math.Round(local.CallsPerSecond),
            ["local_p50_us"] = Math.Round(local.P50Micros, 2),
            ["local_p99_us"] = Math.Round(local.P99Micros, 2),
            ["cross_silo_calls_per_s"] = Math.Round(remote.CallsPerSecond),
            ["cross_silo_p50_ms"] = Math.Round(remote.P50Micros / 1000, 3),
            ["cross_silo_p99_ms"] = Math.Round(remote.P99Micros / 1000, 3),
            ["silos"] = cluster.Silos.Count,
            ["kestrel_h2c_echo_per_s"] = Math.Round(kestrel),
            ["cross_silo_vs_kestrel"] = Math.Round(remote.CallsPerSecond / kestrel, 3),
            ["local_concurrency"] = localConcurrency,
            ["cross_silo_concurrency"] = remoteConcurrency,
            ["seconds"] = seconds,
        };
    }

    private static string[] KeysOwnedBy(TestCluster cluster, int siloIndex, int count) =>
        [.. Enumerable.Range(0, 100_000).Select(i => "ping-" + i)
            .Where(k => cluster.Silos[siloIndex].Silo.Runtime.IsLocalOwner(new GrainId("ping", k)))
            .Take(count)];

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
