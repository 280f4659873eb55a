using Orleans.Services;

namespace TalentFlow.Hosting.Broadcast;

/// <summary>The per-silo end of a broadcast: one instance on every silo, addressed by silo.</summary>
[Alias("TalentFlow.Hosting.Broadcast.IBroadcastGrainService")]
internal interface IBroadcastGrainService : IGrainService
{
    /// <summary>Hands the payload to this silo's handler of <paramref name="channel"/>; throws when there is none.</summary>
    [Alias("Deliver")]
    Task DeliverAsync(string channel, byte[] payload, CancellationToken cancellationToken);
}
