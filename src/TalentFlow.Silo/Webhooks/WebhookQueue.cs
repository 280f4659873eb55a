using System.Threading.Channels;
using Microsoft.Extensions.Options;
using TalentFlow.Contracts.Training.Registry;
using TalentFlow.Grains.Training.Registry;

namespace TalentFlow.Silo.Webhooks;

/// <summary>
/// The registry's event sink on this silo: a bounded in-memory queue that <see cref="WebhookDispatcher"/> drains, so the
/// coordinator never waits on a receiver. Events queued when the silo stops are not delivered (they stay in the registry's
/// history, <c>GET /api/v1/models/events</c>).
/// </summary>
internal sealed partial class WebhookQueue(IOptions<WebhookOptions> options, ILogger<WebhookQueue> logger) : IRegistryEventSink
{
    private readonly Channel<RegistryEvent> _channel = Channel.CreateBounded<RegistryEvent>(new BoundedChannelOptions(options.Value.QueueCapacity)
    {
        FullMode = BoundedChannelFullMode.Wait,
        SingleReader = true,
    });

    public ChannelReader<RegistryEvent> Reader => _channel.Reader;

    public void Publish(RegistryEvent registryEvent)
    {
        ArgumentNullException.ThrowIfNull(registryEvent);
        if (options.Value.Endpoints.Count == 0) return;
        // Wait mode makes TryWrite fail when full rather than evict a queued event: the newest is the one dropped, and logged.
        if (!_channel.Writer.TryWrite(registryEvent)) Dropped(logger, registryEvent.Id, registryEvent.Kind, options.Value.QueueCapacity);
    }

    [LoggerMessage(3301, LogLevel.Warning, "Webhook queue full ({Capacity} events): registry event {EventId} ({Kind}) is not delivered.")]
    private static partial void Dropped(ILogger logger, string eventId, string kind, int capacity);
}
