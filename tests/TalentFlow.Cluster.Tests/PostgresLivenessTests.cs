using TalentFlow.TestKit;

using Orleans;

namespace TalentFlow.Cluster.Tests;

[Collection(PostgresClusterCollection.Name)]
public sealed class PostgresLivenessTests(PostgresClusterFixture fixture)
{
    [Fact]
    public async Task KillSilo_HostingAtLeast20Grains_40GrainsAnswerWithStateIntact()
    {
        await using var cluster = await TestCluster.StartAsync(fixture.CreateOptions(3));
        var keys = Enumerable.Range(0, 90).Select(i => "kill-" + i).ToArray();
        await Task.WhenAll(keys.Select((k, i) => cluster.GrainFactory.GetGrain<ILedgerGrain>(k).AppendAsync(i)));
        var hosted = new Dictionary<SiloHandle, List<string>>();
        foreach (var silo in cluster.Silos)
        {
            hosted[silo] = [];
            foreach (var key in keys) if (await silo.HasActivationAsync("ledger", key)) hosted[silo].Add(key);
        }
        var victim = hosted.OrderByDescending(h => h.Value.Count).First().Key;
        var onVictim = hosted[victim].ToArray();
        Assert.True(onVictim.Length >= 20, $"the victim hosts {onVictim.Length} grains");

        await cluster.KillSiloAsync(victim);
        await cluster.WaitForLivenessToStabilizeAsync();

        var checkedKeys = onVictim.Take(20).Concat(keys.Except(onVictim).Take(20)).ToArray();
        Assert.Equal(40, checkedKeys.Length);
        foreach (var key in checkedKeys)
        {
            var entries = await cluster.GrainFactory.GetGrain<ILedgerGrain>(key).ReadAsync();
            Assert.Equal([Array.IndexOf(keys, key)], entries);
        }
        Assert.Contains(cluster.Silos[0].Members, m => m.Address == victim.Address && m.Status == "Dead");
    }

    [Fact]
    public async Task StopSilo_Graceful_PeersSeeItDeadAndGrainsMove()
    {
        await using var cluster = await TestCluster.StartAsync(fixture.CreateOptions(3));
        var keys = Enumerable.Range(0, 30).Select(i => "stop-" + i).ToArray();
        await Task.WhenAll(keys.Select(k => cluster.GrainFactory.GetGrain<ILedgerGrain>(k).AppendAsync(1)));
        var leaving = cluster.Silos[2];

        await cluster.StopSiloAsync(leaving);
        await cluster.WaitForLivenessToStabilizeAsync();

        var counts = await Task.WhenAll(keys.Select(k => cluster.GrainFactory.GetGrain<ILedgerGrain>(k).AppendAsync(2)));
        Assert.All(counts, c => Assert.Equal(2, c));
        foreach (var silo in cluster.Silos)
        {
            Assert.Contains(silo.Members, m => m.Address == leaving.Address && m.Status == "Dead");
        }
    }

    [Fact]
    public async Task RestartSilo_Killed_ANewSiloServesAndTheOldOneIsDead()
    {
        await using var cluster = await TestCluster.StartAsync(fixture.CreateOptions(2));
        var old = cluster.Silos[1];
        await cluster.KillSiloAsync(old);
        var restarted = await cluster.StartSiloAsync();
        await cluster.WaitForLivenessToStabilizeAsync();

        Assert.NotEqual(old.Address, restarted.Address);
        Assert.Contains(restarted.Members, m => m.Address == old.Address && m.Status == "Dead");
        Assert.Contains(restarted.Members, m => m.Address == restarted.Address && m.IsActive);
        Assert.Equal(2, await restarted.GrainFactory.GetGrain<ILedgerGrain>("restart-" + Guid.NewGuid().ToString("N")).AppendAsync(1) + 1);
    }

    [Fact]
    public async Task Reminder_SurvivesSiloRestart()
    {
        await using var cluster = await TestCluster.StartAsync(fixture.CreateOptions(1));
        var ticker = cluster.GrainFactory.GetGrain<ITickerGrain>("restart-" + Guid.NewGuid().ToString("N"));
        await ticker.StartAsync(TimeSpan.FromMilliseconds(200));
        await WaitUntilAsync(async () => await ticker.TicksAsync() >= 2);
        var only = cluster.Silos[0];

        await cluster.StopSiloAsync(only);
        var next = await cluster.StartSiloAsync();
        var again = next.GrainFactory.GetGrain<ITickerGrain>(ticker.GetPrimaryKeyString());
        int before = await again.TicksAsync();

        await WaitUntilAsync(async () => await again.TicksAsync() >= before + 2);
    }

    internal static async Task WaitUntilAsync(Func<Task<bool>> condition, int timeoutMs = 20_000)
    {
        using var cts = new CancellationTokenSource(timeoutMs);
        while (!await condition()) await Task.Delay(50, cts.Token);
    }
}
