using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using TalentFlow.Hosting.Broadcast;
using TalentFlow.Hosting.Tests.Infrastructure;

namespace TalentFlow.Hosting.Tests.Broadcast;

public sealed class ClusterBroadcasterTests
{
    private static (InProcessTestCluster Cluster, DeliveryLog Log) CreateSut(short silos)
    {
        var log = new DeliveryLog();
        var builder = new InProcessTestClusterBuilder(silos).WithTestWire();
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddTalentFlowOrleans(o => o.Apply().ConfigureClustering = false);
            silo.Services.AddSingleton(log);
            silo.Services.AddSingleton<IBroadcastHandler, RecordingHandler>();
        });
        return (builder.Build(), log);
    }

    [Fact]
    public async Task BroadcastAsync_ThreeSilos_EverySiloReceivesAndIsReportedDelivered()
    {
        var (cluster, log) = CreateSut(3);
        await using var _ = cluster;
        await cluster.DeployAsync();

        var result = await cluster.Client.GetGrain<IPublisherGrain>("p").PublishAsync(RecordingHandler.ChannelName, "v1");

        Assert.True(result.AllDelivered, string.Join("; ", result.Failed.Select(f => f.Key + ": " + f.Value)));
        Assert.Equal(cluster.Silos.Select(s => s.SiloAddress.ToString()).Order(), result.Delivered.Order());
        Assert.All(cluster.Silos, s => Assert.Equal(["v1"], log.Of(s.Name)));
    }

    [Fact]
    public async Task BroadcastAsync_ChannelWithoutHandler_ReportsEachSiloFailedWithTheReason()
    {
        var (cluster, _) = CreateSut(2);
        await using var _c = cluster;
        await cluster.DeployAsync();

        var result = await cluster.Client.GetGrain<IPublisherGrain>("p").PublishAsync("nobody-listens", "v1");

        Assert.Empty(result.Delivered);
        Assert.Equal(2, result.Failed.Count);
        Assert.All(result.Failed.Values, reason => Assert.Contains("No broadcast handler for channel 'nobody-listens'", reason, StringComparison.Ordinal));
    }

    [Fact]
    public async Task StartAdditionalSilo_AfterABroadcast_TheNewSiloCatchesUpBeforeItServes()
    {
        var (cluster, log) = CreateSut(2);
        await using var _ = cluster;
        await cluster.DeployAsync();
        await cluster.Client.GetGrain<IPublisherGrain>("p").PublishAsync(RecordingHandler.ChannelName, "v7");

        var late = await cluster.StartAdditionalSiloAsync();

        Assert.Equal(["catch-up:v7"], log.Of(late.Name));
        Assert.All(cluster.Silos.Where(s => s.Name != late.Name), s => Assert.Equal(["v7"], log.Of(s.Name)));
    }
}
