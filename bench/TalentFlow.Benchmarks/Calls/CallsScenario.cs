using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Orleans;
using TalentFlow.TestKit;

namespace TalentFlow.Benchmarks.Calls;

/// <summary>
/// Grain calls on two in-process Orleans silos wired the TalentFlow way (call filter, codecs, placement, grain services), in
/// the shape of <c>../shared/anchors/orleans_calls</c> (bare Orleans) so the two can run side by side: grains on silo A relay
/// batches of 100 pings to grains on silo B (cross-silo calls/s) and to grains on A (same-silo calls/s); a client → A → B
/// relay of one ping gives the cross-silo latency (p50/p99). 64 callers, each for a fixed time.
/// </summary>
internal static class CallsScenario
{
    public static async Task<object> RunAsync(ScenarioArgs args)
    {
        int seconds = args.Int("seconds", 6);
        int callers = args.Int("concurrency", 64);
        // What the per-method statistics filter costs: `off` removes it; `passthrough` puts in its place a filter that only
        // passes the call on (what any incoming filter costs in Orleans: its invoker object and pipeline).
        string statistics = args.String("method-statistics") ?? "on";
        if (statistics is not ("on" or "off" or "passthrough"))
            throw new ArgumentException($"--method-statistics must be on, off or passthrough, not '{statistics}'.");
        await using var cluster = await TestCluster.StartAsync(new TestClusterOptions
        {
            InitialSilos = 2,
            ConfigureSiloBuilder = silo =>
            {
                if (statistics == "on") return;
                var filter = silo.Services.Single(d => d.ServiceType == typeof(IIncomingGrainCallFilter) && d.ImplementationType?.Name == "MethodStatisticsFilter");
                silo.Services.Remove(filter);
                if (statistics == "passthrough") silo.AddIncomingGrainCallFilter(context => context.Invoke());
            },
        });
        var client = cluster.GrainFactory;
        // Where each key's activation landed: ask it.
        var onSilo = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        for (int i = 0; i < 400; i++)
        {
            string where = await client.GetGrain<IPingGrain>("k" + i).WhereAsync();
            (onSilo.TryGetValue(where, out var keys) ? keys : onSilo[where] = []).Add("k" + i);
        }
        var silos = onSilo.Keys.Order(StringComparer.Ordinal).ToArray();
        if (silos.Length < 2) throw new InvalidOperationException("Every ping grain landed on one silo.");
        var a = onSilo[silos[0]];
        var b = onSilo[silos[1]];
        int relays = Math.Min(callers, a.Count / 2);
        var relaying = a.Take(relays).Select(k => client.GetGrain<IPingGrain>(k)).ToArray();
        var localTargets = a.Skip(relays).ToArray();
        await Task.WhenAll(relaying.Select((g, i) => g.RelayAsync(b[i % b.Count], 10)));

        var duration = TimeSpan.FromSeconds(seconds);
        var cross = await MeasureAsync(i => relaying[i % relays].RelayAsync(b[i % b.Count], 100), callers, duration);
        var single = await MeasureAsync(i => relaying[i % relays].RelayAsync(b[i % b.Count], 1), callers, duration);
        var local = await MeasureAsync(i => relaying[i % relays].RelayAsync(localTargets[i % localTargets.Length], 100), callers, duration);
        return new Dictionary<string, object>
        {
            ["local_calls_per_s"] = Math.Round(local.PerSecond * 100),
            ["cross_silo_calls_per_s"] = Math.Round(cross.PerSecond * 100),
            ["cross_silo_batch_p50_ms"] = Math.Round(cross.P50Ms, 3),
            ["cross_silo_batch_p99_ms"] = Math.Round(cross.P99Ms, 3),
            ["cross_silo_relays_per_s"] = Math.Round(single.PerSecond),
            ["cross_silo_p50_ms"] = Math.Round(single.P50Ms, 3),
            ["cross_silo_p99_ms"] = Math.Round(single.P99Ms, 3),
            ["silos"] = cluster.Silos.Count,
            ["concurrency"] = callers,
            ["seconds"] = seconds,
            ["method_statistics"] = statistics,
        };
    }

    private static async Task<Result> MeasureAsync(Func<int, Task<int>> call, int callers, TimeSpan duration)
    {
        var latencies = new LatencyRecorder();
        long count = 0;
        long stop = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        await Task.WhenAll(Enumerable.Range(0, callers).Select(async c =>
        {
            int i = c * 1000;
            while (Stopwatch.GetTimestamp() < stop)
            {
                long start = Stopwatch.GetTimestamp();
                await call(i++);
                latencies.RecordSince(start);
                Interlocked.Increment(ref count);
            }
        }));
        var all = latencies.Summary();
        return new Result(count / duration.TotalSeconds, all.P50Ms, all.P99Ms);
    }

    private sealed record Result(double PerSecond, double P50Ms, double P99Ms);
}
