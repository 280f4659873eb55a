using TalentFlow.Runtime.Tests.Grains;

namespace TalentFlow.Runtime.Tests;

[Collection(InMemoryClusterCollection.Name)]
public sealed class GrainCallTests(InMemoryClusterFixture fixture)
{
    private IGrainFactory Factory => fixture.Cluster.GrainFactory;

    [Fact]
    public async Task AddAsync_FromEverySilo_ReachesOneActivationAndPersists()
    {
        string key = "sum-" + Guid.NewGuid().ToString("N");
        int total = 0;
        foreach (var silo in fixture.Cluster.Silos)
        {
            total = await silo.Silo.GrainFactory.GetGrain<ICounterGrain>(key).AddAsync(2);
        }
        Assert.Equal(2 * fixture.Cluster.Silos.Count, total);
        Assert.Equal(1, CounterGrain.Activations[key]);
        Assert.Equal(1, fixture.Cluster.Silos.Count(s => s.Silo.HasActivation(new GrainId("counter", key))));
    }

    [Fact]
    public async Task Deactivate_ThenCall_ReadsPersistedState()
    {
        string key = "persist-" + Guid.NewGuid().ToString("N");
        var grain = Factory.GetGrain<ICounterGrain>(key);
        await grain.AddAsync(5);
        await grain.DeactivateAsync();
        Assert.Equal(5, await grain.GetAsync());
        Assert.Equal(2, CounterGrain.Activations[key]);
        Assert.Equal(6, await grain.AddAsync(1));
    }

    [Fact]
    public async Task ConcurrentCalls_ToOneGrain_RunOneTurnAtATime()
    {
        var grain = Factory.GetGrain<ITurnGrain>("turns-" + Guid.NewGuid().ToString("N"));
        await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => grain.WorkAsync(5)));
        Assert.Equal(1, await grain.MaxConcurrentAsync());
    }

    [Fact]
    public async Task ReadOnlyCalls_Interleave()
    {
        var grain = Factory.GetGrain<ITurnGrain>("reads-" + Guid.NewGuid().ToString("N"));
        var inside = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => grain.ReadAsync(100)));
        Assert.True(inside.Max() > 1, "read-only calls should overlap");
    }

    [Fact]
    public async Task ReentrantGrain_InterleavesButNeverRunsInParallel()
    {
        var grain = Factory.GetGrain<IReentrantTurnGrain>("reentrant-" + Guid.NewGuid().ToString("N"));
        var inside = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => grain.WorkAsync(20)));
        Assert.True(inside.Max() > 1, "calls should interleave");
        Assert.Equal(1, await grain.ThreadsInsideAsync());
    }

    [Fact]
    public async Task StatelessWorker_UsesAtMostItsPoolPerSilo()
    {
        var silo = fixture.Cluster.Silos[0].Silo;
        var worker = silo.GrainFactory.GetGrain<IWorkerGrain>("pool");
        var instances = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => worker.InstanceAsync()));
        Assert.InRange(instances.Distinct().Count(), 1, 2);
    }

    [Fact]
    public async Task ThrowAsync_RemoteOrLocal_ArrivesAsTypedExceptionWithMessage()
    {
        foreach (var silo in fixture.Cluster.Silos)
        {
            var grain = silo.Silo.GrainFactory.GetGrain<ITurnGrain>("thrower");
            var error = await Assert.ThrowsAsync<ArgumentException>(() => grain.ThrowAsync("bad input here"));
            Assert.Contains("bad input here", error.Message);
        }
    }

    [Fact]
    public async Task Client_CallsGrains_RoutedToOwners()
    {
        await using var client = await fixture.Cluster.ConnectClientAsync();
        string key = "client-" + Guid.NewGuid().ToString("N");
        Assert.Equal(3, await client.GetGrain<ICounterGrain>(key).AddAsync(3));
        Assert.Equal(3, await Factory.GetGrain<ICounterGrain>(key).GetAsync());
    }

    [Fact]
    public void GetGrain_InterfaceWithoutGrainClass_ThrowsArgumentException()
    {
        Assert.Throws<ArgumentException>(() => Factory.GetGrain<IUnimplementedGrain>("x"));
    }

    [Fact]
    public async Task Call_UnknownGrainType_ThrowsGrainMethodNotFound()
    {
        var grain = Factory.GetGrain<ICounterGrain>(new GrainId("no-such-type", "x"));
        await Assert.ThrowsAsync<GrainMethodNotFoundException>(() => grain.AddAsync(1));
    }

    internal static async Task WaitUntilAsync(Func<Task<bool>> condition, int timeoutMs = 10_000)
    {
        using var cts = new CancellationTokenSource(timeoutMs);
        while (!await condition())
        {
            await Task.Delay(20, cts.Token);
        }
    }
}

public interface IUnimplementedGrain : IGrain
{
    Task PingAsync();
}
