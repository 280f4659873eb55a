using TalentFlow.Runtime.Testing;
using TalentFlow.Runtime.Tests.Grains;
using TalentFlow.TestKit;

namespace TalentFlow.Runtime.Tests;

/// <summary>Idle collection, timers and response timeouts, driven by a fake clock: no sleeps.</summary>
public sealed class FakeTimeTests
{
    private static async Task<(TestCluster Cluster, FakeTimeProvider Time)> StartAsync()
    {
        var time = new FakeTimeProvider();
        var options = InMemoryClusterFixture.CreateOptions(1);
        options.TimeProvider = time;
        return (await TestCluster.StartAsync(options), time);
    }

    [Fact]
    public async Task IdleActivation_OlderThanCollectionAge_IsCollected()
    {
        var (cluster, time) = await StartAsync();
        await using var _ = cluster;
        var silo = cluster.Silos[0].Silo;
        var id = new GrainId("counter", "idle-" + Guid.NewGuid().ToString("N"));
        await silo.GrainFactory.GetGrain<ICounterGrain>(id.Key).AddAsync(1);
        Assert.True(silo.HasActivation(id));

        time.Advance(TimeSpan.FromMinutes(1));
        Assert.True(silo.HasActivation(id));
        time.Advance(TimeSpan.FromMinutes(14));
        Assert.True(silo.HasActivation(id), "collected before its age");
        time.Advance(TimeSpan.FromMinutes(2));

        await GrainCallTests.WaitUntilAsync(() => Task.FromResult(!silo.HasActivation(id)));
        Assert.Equal(1, await silo.GrainFactory.GetGrain<ICounterGrain>(id.Key).GetAsync());
    }

    [Fact]
    public async Task BusyActivation_IsNotCollected()
    {
        var (cluster, time) = await StartAsync();
        await using var _ = cluster;
        var silo = cluster.Silos[0].Silo;
        var id = new GrainId("counter", "busy-" + Guid.NewGuid().ToString("N"));
        var grain = silo.GrainFactory.GetGrain<ICounterGrain>(id.Key);
        for (int minute = 0; minute < 40; minute++)
        {
            await grain.AddAsync(1);
            time.Advance(TimeSpan.FromMinutes(1));
        }
        Assert.True(silo.HasActivation(id));
    }

    [Fact]
    public async Task QueuedCall_BehindBlockedTurn_TimesOutAfterResponseTimeout()
    {
        var (cluster, time) = await StartAsync();
        await using var _ = cluster;
        var grain = cluster.GrainFactory.GetGrain<ITurnGrain>("blocked-" + Guid.NewGuid().ToString("N"));
        await grain.EchoAsync("activate");
        var blocked = grain.BlockAsync();
        var queued = grain.EchoAsync("waiting");
        Assert.False(queued.IsCompleted);

        time.Advance(TimeSpan.FromSeconds(11));

        var error = await Assert.ThrowsAsync<GrainCallTimeoutException>(() => queued);
        Assert.Contains("timed out", error.Message);
        await Assert.ThrowsAsync<GrainCallTimeoutException>(() => blocked);
        await grain.ReleaseAsync();
        Assert.Equal("after", await grain.EchoAsync("after"));
    }

    [Fact]
    public async Task GrainTimer_TicksAsTurns_WhenTimeAdvances()
    {
        var (cluster, time) = await StartAsync();
        await using var _ = cluster;
        var grain = cluster.GrainFactory.GetGrain<ITimerGrain>("timer-" + Guid.NewGuid().ToString("N"));
        await grain.StartAsync(TimeSpan.FromSeconds(1));
        for (int i = 0; i < 3; i++)
        {
            time.Advance(TimeSpan.FromSeconds(1));
            int expected = i + 1;
            await GrainCallTests.WaitUntilAsync(async () => await grain.TicksAsync() >= expected);
        }
        Assert.Equal(3, await grain.TicksAsync());
    }
}
