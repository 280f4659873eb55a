using TalentFlow.Runtime.Hosting;
using TalentFlow.Runtime.Invocation;
using TalentFlow.Runtime.Storage;
using TalentFlow.Runtime.Testing;
using TalentFlow.Runtime.Tests.Grains;

namespace TalentFlow.Runtime.Tests;

/// <summary>
/// Single activation is best effort (a view change can briefly make two); ETags make it safe: of two activations writing the
/// same state, one wins and the other is deactivated.
/// </summary>
public sealed class DuplicateActivationTests
{
    [Fact]
    public async Task TwoActivations_WriteInParallel_ExactlyOneWinsAndLoserIsDeactivated()
    {
        await using var cluster = await TestCluster.StartAsync(InMemoryClusterFixture.CreateOptions(2));
        var id = new GrainId("counter", "dup-write-" + Guid.NewGuid().ToString("N"));
        var a = ForceLocal(cluster.Silos[0].Silo, id);
        var b = ForceLocal(cluster.Silos[1].Silo, id);
        Assert.Equal(0, await a.GetAsync());
        Assert.Equal(0, await b.GetAsync());
        Assert.True(cluster.Silos.All(s => s.Silo.HasActivation(id)), "both silos should hold an activation");

        var results = await Task.WhenAll(Attempt(a), Attempt(b));

        Assert.Equal(1, results.Count(r => r is null));
        Assert.Equal(1, results.Count(r => r is InconsistentStateException));
        int loser = results[0] is null ? 1 : 0;
        await GrainCallTests.WaitUntilAsync(() => Task.FromResult(!cluster.Silos[loser].Silo.HasActivation(id)));
        Assert.Equal(1, await cluster.GrainFactory.GetGrain<ICounterGrain>(id.Key).GetAsync());
    }

    private static async Task<Exception?> Attempt(ICounterGrain grain)
    {
        try
        {
            await grain.AddAsync(1);
            return null;
        }
        catch (Exception ex)
        {
            return ex;
        }
    }

    /// <summary>A proxy whose calls always run on one silo, whatever placement says.</summary>
    private static ICounterGrain ForceLocal(Silo silo, GrainId id)
    {
        var metadata = GrainInterfaceRegistry.Get(typeof(ICounterGrain));
        return (ICounterGrain)(object)metadata.CreateProxy(new GrainReference(id, new LocalOnlyRouter(silo.Runtime)));
    }

    private sealed class LocalOnlyRouter(SiloRuntime runtime) : IGrainCallRouter
    {
        public ValueTask<T> InvokeAsync<T>(GrainReference target, GrainRequest<T> request) => runtime.InvokeLocalAsync(target, request);
    }
}
