using System.Collections.Concurrent;
using Orleans.Runtime;
using Orleans.Storage;
using TalentFlow.TestKit;
using Xunit.Abstractions;

namespace TalentFlow.Cluster.Tests;

/// <summary>
/// Bounded chaos: silos are killed, stopped and started every few seconds under load. Callers may see only "silo unavailable",
/// timeouts, or a write fenced off by its ETag (a duplicate activation's write that did not happen); afterwards every
/// acknowledged write is read back and none appears twice.
/// </summary>
[Collection(PostgresClusterCollection.Name)]
public sealed class ChaosTests(PostgresClusterFixture fixture, ITestOutputHelper output)
{
    private static readonly TimeSpan ChaosDuration = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task KillStopStartUnderLoad_NoAcknowledgedWriteIsLost()
    {
        await using var cluster = await TestCluster.StartAsync(fixture.CreateOptions(4));
        var client = cluster.GrainFactory;
        var keys = Enumerable.Range(0, 20).Select(i => "chaos-" + i).ToArray();
        var acknowledged = new ConcurrentDictionary<string, ConcurrentBag<int>>();
        var unexpected = new ConcurrentQueue<Exception>();
        var allowed = new ConcurrentDictionary<string, int>();
        int next = 0;
        using var stop = new CancellationTokenSource();

        var load = Enumerable.Range(0, 6).Select(worker => Task.Run(async () =>
        {
            var random = new Random(worker);
            while (!stop.IsCancellationRequested)
            {
                string key = keys[random.Next(keys.Length)];
                int entry = Interlocked.Increment(ref next);
                try
                {
                    await client.GetGrain<ILedgerGrain>(key).AppendAsync(entry);
                    acknowledged.GetOrAdd(key, _ => []).Add(entry);
                }
                // The client's gateway died under it (ConnectionFailedException: never sent), or the call's silo did: not acknowledged.
                catch (Exception ex) when (ex is SiloUnavailableException or TimeoutException or InconsistentStateException or OrleansMessageRejectionException
                    or Orleans.Runtime.Messaging.ConnectionFailedException)
                {
                    allowed.AddOrUpdate(ex.GetType().Name, 1, (_, n) => n + 1);
                    await Task.Delay(20);
                }
                catch (Exception ex)
                {
                    unexpected.Enqueue(ex);
                }
            }
        })).ToArray();

        var chaosRandom = new Random(42);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var actions = new List<string>();
        while (clock.Elapsed < ChaosDuration)
        {
            await Task.Delay(3000);
            var running = cluster.Silos;
            int choice = chaosRandom.Next(3);
            if (choice == 0 && running.Count > 2)
            {
                var victim = running[chaosRandom.Next(running.Count)];
                actions.Add("kill " + victim);
                await cluster.KillSiloAsync(victim);
            }
            else if (choice == 1 && running.Count > 2)
            {
                var leaving = running[chaosRandom.Next(running.Count)];
                actions.Add("stop " + leaving);
                await cluster.StopSiloAsync(leaving);
            }
            else if (running.Count < 5)
            {
                var started = await cluster.StartSiloAsync();
                actions.Add("start " + started);
            }
        }
        await stop.CancelAsync();
        await Task.WhenAll(load);
        await cluster.WaitForLivenessToStabilizeAsync();

        output.WriteLine($"actions: {string.Join(", ", actions)}");
        output.WriteLine($"acknowledged: {acknowledged.Values.Sum(b => b.Count)}; allowed errors: {string.Join(", ", allowed.Select(kv => $"{kv.Key}={kv.Value}"))}");
        Assert.True(unexpected.IsEmpty, string.Join("\n", unexpected.Take(5)));
        Assert.True(acknowledged.Values.Sum(b => b.Count) > 100, "the load should have made progress");
        foreach (var key in keys)
        {
            var stored = await cluster.GrainFactory.GetGrain<ILedgerGrain>(key).ReadAsync();
            Assert.Equal(stored.Length, stored.Distinct().Count());
            var missing = acknowledged.GetValueOrDefault(key)?.Except(stored).ToArray() ?? [];
            Assert.True(missing.Length == 0, $"{key} lost acknowledged entries {string.Join(",", missing)}");
        }
    }
}
