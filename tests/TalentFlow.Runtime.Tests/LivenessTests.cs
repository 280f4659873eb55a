using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using TalentFlow.Runtime.Hosting;
using TalentFlow.Runtime.Membership;
using TalentFlow.Runtime.Testing;
using TalentFlow.Runtime.Tests.Grains;

namespace TalentFlow.Runtime.Tests;

/// <summary>Silos die, stop and come back; calls and state survive (in-memory membership; PostgreSQL in TalentFlow.Cluster.Tests).</summary>
public sealed class LivenessTests
{
    [Fact]
    public async Task KillSilo_HostingManyGrains_CallsSucceedAfterStabilisationWithStateIntact()
    {
        await using var cluster = await TestCluster.StartAsync(InMemoryClusterFixture.CreateOptions(3));
        string prefix = "live-" + Guid.NewGuid().ToString("N")[..6] + "-";
        var keys = Enumerable.Range(0, 90).Select(i => prefix + i).ToArray();
        await Task.WhenAll(keys.Select((k, i) => cluster.GrainFactory.GetGrain<ICounterGrain>(k).AddAsync(i + 1)));
        var victim = cluster.Silos.OrderByDescending(s => s.Silo.ActivationCount).First();
        Assert.True(victim.Silo.ActivationCount >= 20, $"victim hosts {victim.Silo.ActivationCount}");

        await cluster.KillSiloAsync(victim);
        await cluster.WaitForLivenessToStabilizeAsync();

        var survivor = cluster.Silos[0].Silo;
        Assert.Contains(survivor.Members, m => m.Silo == victim.Silo.Address && m.Status == SiloStatus.Dead);
        var checkedKeys = keys.Take(40).ToArray();
        var values = await Task.WhenAll(checkedKeys.Select(k => survivor.GrainFactory.GetGrain<ICounterGrain>(k).GetAsync().AsTask()));
        for (int i = 0; i < checkedKeys.Length; i++) Assert.Equal(i + 1, values[i]);
    }

    [Fact]
    public async Task StopSilo_Graceful_DeactivatesAndNothingIsPlacedOnIt()
    {
        await using var cluster = await TestCluster.StartAsync(InMemoryClusterFixture.CreateOptions(3));
        string prefix = "stop-" + Guid.NewGuid().ToString("N")[..6] + "-";
        var keys = Enumerable.Range(0, 30).Select(i => prefix + i).ToArray();
        await Task.WhenAll(keys.Select(k => cluster.GrainFactory.GetGrain<ICounterGrain>(k).AddAsync(7)));
        var leaving = cluster.Silos[1];
        var leavingAddress = leaving.Silo.Address!;

        await cluster.StopSiloAsync(leaving);
        await cluster.WaitForLivenessToStabilizeAsync();

        foreach (var silo in cluster.Silos)
        {
            Assert.Contains(silo.Silo.Members, m => m.Silo == leavingAddress && m.Status == SiloStatus.Dead);
        }
        var values = await Task.WhenAll(keys.Select(k => cluster.GrainFactory.GetGrain<ICounterGrain>(k).AddAsync(1)));
        Assert.All(values, v => Assert.Equal(8, v));
        Assert.Equal(30, cluster.Silos.Sum(s => keys.Count(k => s.Silo.HasActivation(new GrainId("counter", k)))));
    }

    [Fact]
    public async Task RestartSilo_SameEndpoint_RejoinsWithNewGeneration()
    {
        await using var cluster = await TestCluster.StartAsync(InMemoryClusterFixture.CreateOptions(2));
        var old = cluster.Silos[1];
        var oldAddress = old.Silo.Address!;
        await cluster.KillSiloAsync(old);
        var restarted = await cluster.RestartSiloAsync(old);
        await cluster.WaitForLivenessToStabilizeAsync();

        Assert.Equal(oldAddress.Endpoint, restarted.Silo.Address!.Endpoint);
        Assert.True(restarted.Silo.Address.Generation > oldAddress.Generation);
        var view = cluster.Silos[0].Silo.Members;
        Assert.Contains(view, m => m.Silo == oldAddress && m.Status == SiloStatus.Dead);
        Assert.Contains(view, m => m.Silo == restarted.Silo.Address && m.Status == SiloStatus.Active);
    }

    [Fact]
    public async Task ConcurrentCallers_AcrossSilos_CreateOneActivationPerGrain()
    {
        await using var cluster = await TestCluster.StartAsync(InMemoryClusterFixture.CreateOptions(3));
        string prefix = "dup-" + Guid.NewGuid().ToString("N")[..6] + "-";
        var keys = Enumerable.Range(0, 10).Select(i => prefix + i).ToArray();
        var silos = cluster.Silos;
        var calls = Enumerable.Range(0, 100).SelectMany(caller => keys.Select(k =>
            silos[caller % silos.Count].Silo.GrainFactory.GetGrain<ICounterGrain>(k).AddAsync(1)));
        await Task.WhenAll(calls);
        foreach (var key in keys)
        {
            Assert.Equal(1, CounterGrain.Activations[key]);
            Assert.Equal(100, await cluster.GrainFactory.GetGrain<ICounterGrain>(key).GetAsync());
        }
    }

    [Fact]
    public async Task Client_GatewayKilled_FailsOverToAnotherGateway()
    {
        await using var cluster = await TestCluster.StartAsync(InMemoryClusterFixture.CreateOptions(3));
        await using var client = await cluster.ConnectClientAsync();
        string key = "failover-" + Guid.NewGuid().ToString("N");
        Assert.Equal(1, await client.GetGrain<ICounterGrain>(key).AddAsync(1));
        var gateway = cluster.Silos.First(s => s.Endpoint == client.CurrentGateway);

        await cluster.KillSiloAsync(gateway);
        await cluster.WaitForLivenessToStabilizeAsync();
        await client.RefreshAsync();

        Assert.NotEqual(gateway.Endpoint, client.CurrentGateway);
        Assert.DoesNotContain(gateway.Silo.Address!, client.ActiveSilos);
        Assert.Equal(2, await client.GetGrain<ICounterGrain>(key).AddAsync(1));
    }

    [Fact]
    public async Task Call_ToKilledSiloNotYetDeclaredDead_ThrowsSiloUnavailableAndCallerKeepsServing()
    {
        var options = InMemoryClusterFixture.CreateOptions(2);
        // Slow failure detection, so the call below reaches the dead silo's address rather than a new owner.
        options.ConfigureSilo = silo =>
        {
            silo.Membership.ProbeInterval = TimeSpan.FromMinutes(5);
            silo.Membership.TableRefreshInterval = TimeSpan.FromMinutes(5);
            silo.Membership.IAmAliveInterval = TimeSpan.FromMinutes(5);
        };
        await using var cluster = await TestCluster.StartAsync(options);
        var (caller, victim) = (cluster.Silos[0], cluster.Silos[1]);
        string victimKey = Enumerable.Range(0, 1000).Select(i => "dead-" + i)
            .First(k => victim.Silo.Runtime.IsLocalOwner(new GrainId("counter", k)));
        string callerKey = Enumerable.Range(0, 1000).Select(i => "alive-" + i)
            .First(k => caller.Silo.Runtime.IsLocalOwner(new GrainId("counter", k)));

        await cluster.KillSiloAsync(victim);

        var error = await Assert.ThrowsAsync<SiloUnavailableException>(
            () => caller.Silo.GrainFactory.GetGrain<ICounterGrain>(victimKey).AddAsync(1));
        Assert.Contains(victim.Endpoint, error.Message);
        Assert.Equal(1, await caller.Silo.GrainFactory.GetGrain<ICounterGrain>(callerKey).AddAsync(1));
    }

    [Fact]
    public async Task HostStop_TwiceAtOnceWithDisposal_WaitsForTheFirstStopWithoutErrors()
    {
        // WebApplication.Run stops and disposes its host while a test factory stops it too: neither may see a half-disposed silo.
        var builder = Microsoft.Extensions.Hosting.Host.CreateEmptyApplicationBuilder(new() { DisableDefaults = true });
        builder.Services.AddLogging();
        var table = new SlowReadsMembershipTable(new InMemoryMembershipTable());
        builder.Services.AddSingleton<IMembershipTable>(table);
        builder.Services.AddInMemoryGrainStorage().AddInMemoryReminders();
        builder.Services.AddSingleton(new SiloIdentity("solo"));
        builder.Services.AddTalentFlowSilo(o => o.Endpoint = "127.0.0.1:0").AddGrains(typeof(CounterGrain).Assembly);
        var host = builder.Build();
        await host.StartAsync();
        var silo = host.Services.GetRequiredService<Silo>();
        Assert.Equal(1, await silo.GrainFactory.GetGrain<ICounterGrain>("solo").AddAsync(1));

        // Stopping rereads the table; slow reads keep that stop in progress while the host is disposed.
        table.Slow = true;
        var first = host.StopAsync();
        var second = host.StopAsync();
        var disposal = Task.Run(async () => await ((IAsyncDisposable)host).DisposeAsync());
        await Task.WhenAll(first, second, disposal);

        Assert.Equal(SiloStatus.Dead, silo.Status);
    }
}

/// <summary>Delays table reads on demand, to hold a membership refresh open.</summary>
internal sealed class SlowReadsMembershipTable(IMembershipTable inner) : IMembershipTable
{
    public volatile bool Slow;

    public Task InitializeAsync(CancellationToken cancellationToken) => inner.InitializeAsync(cancellationToken);

    public async Task<MembershipTableData> ReadAllAsync(CancellationToken cancellationToken)
    {
        if (Slow) await Task.Delay(300, CancellationToken.None);
        return await inner.ReadAllAsync(cancellationToken);
    }

    public Task<MembershipTableData> ReadRowAsync(SiloAddress silo, CancellationToken cancellationToken) => inner.ReadRowAsync(silo, cancellationToken);

    public Task<bool> InsertRowAsync(MembershipEntry entry, TableVersion version, CancellationToken cancellationToken) =>
        inner.InsertRowAsync(entry, version, cancellationToken);

    public Task<bool> UpdateRowAsync(MembershipEntry entry, string etag, TableVersion version, CancellationToken cancellationToken) =>
        inner.UpdateRowAsync(entry, etag, version, cancellationToken);

    public Task UpdateIAmAliveAsync(SiloAddress silo, DateTimeOffset iAmAliveTime, CancellationToken cancellationToken) =>
        inner.UpdateIAmAliveAsync(silo, iAmAliveTime, cancellationToken);

    public Task CleanupDefunctSiloEntriesAsync(DateTimeOffset beforeDate, CancellationToken cancellationToken) =>
        inner.CleanupDefunctSiloEntriesAsync(beforeDate, cancellationToken);

    public Task DeleteMembershipTableEntriesAsync(CancellationToken cancellationToken) => inner.DeleteMembershipTableEntriesAsync(cancellationToken);
}
