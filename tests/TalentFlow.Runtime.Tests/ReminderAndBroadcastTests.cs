using System.Collections.Concurrent;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using TalentFlow.Runtime.Broadcast;
using TalentFlow.Runtime.Testing;
using TalentFlow.Runtime.Tests.Grains;

namespace TalentFlow.Runtime.Tests;

public sealed class ReminderAndBroadcastTests
{
    [Fact]
    public async Task Reminder_Registered_FiresRepeatedlyAndStopsWhenUnregistered()
    {
        await using var cluster = await TestCluster.StartAsync(InMemoryClusterFixture.CreateOptions(2));
        string key = "remind-" + Guid.NewGuid().ToString("N");
        var grain = cluster.GrainFactory.GetGrain<IReminderGrain>(key);
        await grain.StartAsync(TimeSpan.FromMilliseconds(100));
        await GrainCallTests.WaitUntilAsync(() => Task.FromResult(ReminderGrain.Ticks.GetValueOrDefault(key) >= 3));
        Assert.True(await grain.StopAsync());
        Assert.False(await grain.StopAsync());
    }

    [Fact]
    public async Task Reminder_OwnerKilled_MovesToSurvivor()
    {
        await using var cluster = await TestCluster.StartAsync(InMemoryClusterFixture.CreateOptions(2));
        string key = "remind-move-" + Guid.NewGuid().ToString("N");
        await cluster.GrainFactory.GetGrain<IReminderGrain>(key).StartAsync(TimeSpan.FromMilliseconds(100));
        await GrainCallTests.WaitUntilAsync(() => Task.FromResult(ReminderGrain.Ticks.GetValueOrDefault(key) >= 1));
        var owner = cluster.Silos.First(s => s.Silo.Runtime.IsLocalOwner(new GrainId("reminder", key)));

        await cluster.KillSiloAsync(owner);
        await cluster.WaitForLivenessToStabilizeAsync();
        int before = ReminderGrain.Ticks[key];

        await GrainCallTests.WaitUntilAsync(() => Task.FromResult(ReminderGrain.Ticks[key] >= before + 3));
    }

    [Fact]
    public async Task Broadcast_ReachesEveryActiveSilo_AndLateJoinerCatchesUp()
    {
        var received = new ConcurrentBag<(string Silo, string Message)>();
        var catchUps = new ConcurrentBag<string>();
        var options = InMemoryClusterFixture.CreateOptions(3);
        options.ConfigureServices = services =>
        {
            services.AddSingleton(new SiloIdentity("silo"));
            services.AddSingleton<IBroadcastHandler>(sp => new RecordingHandler(received, catchUps));
        };
        await using var cluster = await TestCluster.StartAsync(options);
        Assert.Equal(3, catchUps.Count);

        var result = await cluster.Silos[0].Silo.Broadcaster.BroadcastAsync("versions", Encoding.UTF8.GetBytes("v2"), CancellationToken.None);

        Assert.Equal(3, result.Delivered.Count);
        Assert.Empty(result.Failed);
        Assert.Equal(3, received.Count(r => r.Message == "v2"));
        await cluster.StartSiloAsync();
        Assert.Equal(4, catchUps.Count);
    }

    private sealed class RecordingHandler(ConcurrentBag<(string, string)> received, ConcurrentBag<string> catchUps) : IBroadcastHandler
    {
        private readonly string _id = Guid.NewGuid().ToString("N");

        public string Channel => "versions";

        public Task HandleAsync(ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
        {
            received.Add((_id, Encoding.UTF8.GetString(payload.Span)));
            return Task.CompletedTask;
        }

        public Task CatchUpAsync(CancellationToken cancellationToken)
        {
            catchUps.Add(_id);
            return Task.CompletedTask;
        }
    }
}
