using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using TalentFlow.Hosting.Records;
using TalentFlow.Hosting.Tests.Infrastructure;

namespace TalentFlow.Hosting.Tests.Records;

public sealed class PersistentRecordsFacetTests
{
    private static InProcessTestCluster CreateSut()
    {
        // One store for both silos, as PostgreSQL would be: a reactivation on the other silo must see the records.
        var store = new MemoryGrainRecordStorage();
        var builder = new InProcessTestClusterBuilder(2).WithTestWire();
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddTalentFlowOrleans(o => o.Apply().ConfigureClustering = false);
            silo.Services.AddSingleton<IGrainRecordStorage>(store);
        });
        return builder.Build();
    }

    [Fact]
    public async Task Activate_AfterWritesAndDeactivation_RecordsAreLoadedBeforeOnActivate()
    {
        await using var cluster = CreateSut();
        await cluster.DeployAsync();
        var grain = cluster.Client.GetGrain<IScreeningGrain>("job-1");
        await grain.AddAsync("c1", 0.5);
        await grain.AddAsync("c2", 0.7);
        await grain.AddAsync("c1", 0.9);
        await grain.RemoveAsync("c2");
        await grain.AddAsync("c3", 0.1);

        await grain.DeactivateAsync();
        await cluster.WaitForDeactivationAsync(grain);

        Assert.Equal(2, await grain.SeenAtActivationAsync());
        Assert.Equal([new ScreeningRecord("c1", 0.9), new ScreeningRecord("c3", 0.1)], await grain.ListAsync());
    }

    [Fact]
    public async Task Activate_ParameterNotPersistentRecords_FailsNamingTheParameter()
    {
        await using var cluster = CreateSut();
        await cluster.DeployAsync();

        var error = await Assert.ThrowsAnyAsync<Exception>(() => cluster.Client.GetGrain<IWrongRecordsGrain>("x").CountAsync());

        Assert.Contains("'results'", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("IPersistentRecords<TRecord>", error.ToString(), StringComparison.Ordinal);
    }
}
