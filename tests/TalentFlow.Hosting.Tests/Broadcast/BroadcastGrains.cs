using System.Collections.Concurrent;
using System.Text;
using TalentFlow.Hosting.Broadcast;

namespace TalentFlow.Hosting.Tests.Broadcast;

/// <summary>What each silo's handler received, by silo name, shared by the test and every silo of its cluster.</summary>
public sealed class DeliveryLog
{
    public ConcurrentDictionary<string, ConcurrentQueue<string>> BySilo { get; } = new();

    public void Add(string silo, string message) => BySilo.GetOrAdd(silo, _ => new()).Enqueue(message);

    public IReadOnlyList<string> Of(string silo) => BySilo.TryGetValue(silo, out var q) ? [.. q] : [];
}

/// <summary>The source of truth a late silo catches up from (as the model registry is for model versions).</summary>
public interface ILatestVersionGrain : IGrainWithStringKey
{
    Task SetAsync(string version);

    Task<string?> GetAsync();
}

public sealed class LatestVersionGrain : Grain, ILatestVersionGrain
{
    private string? _version;

    public Task SetAsync(string version)
    {
        _version = version;
        return Task.CompletedTask;
    }

    public Task<string?> GetAsync() => Task.FromResult(_version);
}

/// <summary>Publishes from inside a grain, as the training coordinator will: record the truth, then fan out.</summary>
public interface IPublisherGrain : IGrainWithStringKey
{
    Task<BroadcastResult> PublishAsync(string channel, string version);
}

public sealed class PublisherGrain(IClusterBroadcaster broadcaster) : Grain, IPublisherGrain
{
    public async Task<BroadcastResult> PublishAsync(string channel, string version)
    {
        await GrainFactory.GetGrain<ILatestVersionGrain>("models").SetAsync(version);
        return await broadcaster.BroadcastAsync(channel, Encoding.UTF8.GetBytes(version), CancellationToken.None);
    }
}

/// <summary>The test's handler: records what its silo received; catches up from <see cref="ILatestVersionGrain"/>.</summary>
public sealed class RecordingHandler(DeliveryLog log, ILocalSiloDetails silo, IGrainFactory grains) : IBroadcastHandler
{
    public const string ChannelName = "model-versions";

    public string Channel => ChannelName;

    public Task HandleAsync(ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        log.Add(silo.Name, Encoding.UTF8.GetString(payload.Span));
        return Task.CompletedTask;
    }

    public async Task CatchUpAsync(CancellationToken cancellationToken)
    {
        if (await grains.GetGrain<ILatestVersionGrain>("models").GetAsync() is { } version) log.Add(silo.Name, "catch-up:" + version);
    }
}
