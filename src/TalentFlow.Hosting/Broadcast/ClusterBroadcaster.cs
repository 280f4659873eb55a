using Microsoft.Extensions.Logging;
using Orleans.Runtime;
using Orleans.Runtime.Services;

namespace TalentFlow.Hosting.Broadcast;

/// <summary>
/// Sends a broadcast to the <see cref="BroadcastGrainService"/> of every Active member in this silo's membership view, all at
/// once, and collects each silo's outcome: one silo's failure never hides another's success.
/// </summary>
internal sealed partial class ClusterBroadcaster(IServiceProvider services, IClusterMembershipService membership, ILogger<ClusterBroadcaster> logger)
    : GrainServiceClient<IBroadcastGrainService>(services), IClusterBroadcaster
{
    public async Task<BroadcastResult> BroadcastAsync(string channel, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(channel);
        byte[] bytes = payload.ToArray();
        var silos = membership.CurrentSnapshot.Members.Values
            .Where(m => m.Status == SiloStatus.Active)
            .Select(m => m.SiloAddress)
            .ToArray();
        var outcomes = await Task.WhenAll(silos.Select(silo => DeliverAsync(silo, channel, bytes, cancellationToken))).ConfigureAwait(false);
        var delivered = new List<string>();
        var failed = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (silo, error) in outcomes)
        {
            if (error is null) delivered.Add(silo);
            else failed[silo] = error;
        }
        return new BroadcastResult(delivered, failed);
    }

    private async Task<(string Silo, string? Error)> DeliverAsync(SiloAddress silo, string channel, byte[] payload, CancellationToken cancellationToken)
    {
        try
        {
            await GetGrainService(silo).DeliverAsync(channel, payload, cancellationToken).ConfigureAwait(false);
            return (silo.ToString(), null);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            BroadcastFailed(logger, ex, channel, silo);
            return (silo.ToString(), ex.GetType().Name + ": " + ex.Message);
        }
    }

    [LoggerMessage(4101, LogLevel.Warning, "Broadcast on '{Channel}' to {Silo} failed")]
    private static partial void BroadcastFailed(ILogger logger, Exception exception, string channel, SiloAddress silo);
}
