using Microsoft.Extensions.Logging;
using Orleans.Runtime;

namespace TalentFlow.Hosting.Broadcast;

/// <summary>
/// Runs every handler's <see cref="IBroadcastHandler.CatchUpAsync"/> once the silo is Active (so the handler may call grains,
/// here or on peers), before the silo's start completes. A handler's failure is logged and the others still run.
/// </summary>
internal sealed partial class BroadcastCatchUp(IEnumerable<IBroadcastHandler> handlers, ILogger<BroadcastCatchUp> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(BroadcastCatchUp), ServiceLifecycleStage.Active, CatchUpAsync, _ => Task.CompletedTask);

    private async Task CatchUpAsync(CancellationToken cancellationToken)
    {
        foreach (var handler in handlers)
        {
            try
            {
                await handler.CatchUpAsync(cancellationToken).ConfigureAwait(false);
                CaughtUp(logger, handler.Channel);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                CatchUpFailed(logger, ex, handler.Channel);
            }
        }
    }

    [LoggerMessage(4102, LogLevel.Information, "Broadcast channel '{Channel}' caught up")]
    private static partial void CaughtUp(ILogger logger, string channel);

    [LoggerMessage(4103, LogLevel.Warning, "Catching up broadcast channel '{Channel}' failed; the silo serves what it has until the next broadcast")]
    private static partial void CatchUpFailed(ILogger logger, Exception exception, string channel);
}
