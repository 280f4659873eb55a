using Microsoft.Extensions.Logging;
using Orleans.Concurrency;
using Orleans.Runtime;

namespace TalentFlow.Hosting.Broadcast;

/// <summary>
/// The grain service (a system target on every silo) that receives broadcasts and runs the local handler. Reentrant: handlers
/// of different channels (and a handler that calls a grain) must not wait behind each other.
/// </summary>
[Reentrant]
internal sealed partial class BroadcastGrainService : GrainService, IBroadcastGrainService
{
    private readonly Dictionary<string, IBroadcastHandler> _handlers;
    private readonly ILogger<BroadcastGrainService> _logger;

    public BroadcastGrainService(GrainId grainId, Silo silo, ILoggerFactory loggerFactory, IEnumerable<IBroadcastHandler> handlers)
        : base(grainId, silo, loggerFactory)
    {
        _handlers = handlers.ToDictionary(h => h.Channel, StringComparer.Ordinal);
        _logger = loggerFactory.CreateLogger<BroadcastGrainService>();
    }

    public async Task DeliverAsync(string channel, byte[] payload, CancellationToken cancellationToken)
    {
        if (!_handlers.TryGetValue(channel, out var handler))
        {
            throw new InvalidOperationException($"No broadcast handler for channel '{channel}' on silo {Silo}.");
        }
        await handler.HandleAsync(payload, cancellationToken).ConfigureAwait(true);
        Delivered(_logger, channel, payload.Length);
    }

    [LoggerMessage(4100, LogLevel.Debug, "Broadcast on '{Channel}' handled ({Bytes} bytes)")]
    private static partial void Delivered(ILogger logger, string channel, int bytes);
}
