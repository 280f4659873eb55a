using Microsoft.Extensions.Logging;
using TalentFlow.Runtime.Membership;

namespace TalentFlow.Runtime.Hosting;

/// <summary>The runtime's log messages. Event ids: 1xx activation, 2xx membership, 3xx messaging, 4xx reminders, 5xx silo.</summary>
internal static partial class SiloLog
{
    [LoggerMessage(100, LogLevel.Warning, "Activating {GrainId} failed")]
    public static partial void ActivationFailed(this ILogger logger, Exception exception, GrainId grainId);

    [LoggerMessage(101, LogLevel.Warning, "Deactivating {GrainId} failed")]
    public static partial void DeactivationFailed(this ILogger logger, Exception exception, GrainId grainId);

    [LoggerMessage(102, LogLevel.Debug, "Deactivated {GrainId} ({Reason})")]
    public static partial void Deactivated(this ILogger logger, GrainId grainId, DeactivationReason reason);

    [LoggerMessage(103, LogLevel.Warning, "A timer of {GrainId} failed")]
    public static partial void TimerFailed(this ILogger logger, Exception exception, GrainId grainId);

    [LoggerMessage(104, LogLevel.Information, "Collected {Count} idle activations")]
    public static partial void CollectedIdle(this ILogger logger, int count);

    [LoggerMessage(200, LogLevel.Information, "Silo {Silo} joined the cluster as {Status}")]
    public static partial void Joined(this ILogger logger, SiloAddress silo, SiloStatus status);

    [LoggerMessage(201, LogLevel.Warning, "Silo {Silo} missed {Count} probes in a row; voting it dead")]
    public static partial void Suspecting(this ILogger logger, SiloAddress silo, int count);

    [LoggerMessage(202, LogLevel.Warning, "Declared silo {Silo} dead ({Votes} votes)")]
    public static partial void DeclaredDead(this ILogger logger, SiloAddress silo, int votes);

    [LoggerMessage(203, LogLevel.Error, "This silo {Silo} was declared dead by its peers; it stops serving")]
    public static partial void DeclaredDeadByPeers(this ILogger logger, SiloAddress silo);

    [LoggerMessage(204, LogLevel.Warning, "Membership table operation failed")]
    public static partial void MembershipTableFailed(this ILogger logger, Exception exception);

    [LoggerMessage(205, LogLevel.Debug, "Membership view {Version}: {Active} active silos")]
    public static partial void ViewChanged(this ILogger logger, long version, int active);

    [LoggerMessage(300, LogLevel.Warning, "A call from the network failed before reaching a grain")]
    public static partial void InboundCallFailed(this ILogger logger, Exception exception);

    [LoggerMessage(301, LogLevel.Information, "Silo endpoint listening on {Endpoint}")]
    public static partial void Listening(this ILogger logger, string endpoint);

    [LoggerMessage(400, LogLevel.Warning, "Reminder {ReminderName} of {GrainId} failed")]
    public static partial void ReminderFailed(this ILogger logger, Exception exception, GrainId grainId, string reminderName);

    [LoggerMessage(401, LogLevel.Warning, "Reading reminders failed")]
    public static partial void ReminderRefreshFailed(this ILogger logger, Exception exception);

    [LoggerMessage(500, LogLevel.Information, "Silo {Silo} stopping gracefully")]
    public static partial void Stopping(this ILogger logger, SiloAddress silo);

    [LoggerMessage(501, LogLevel.Information, "Silo {Silo} stopped")]
    public static partial void Stopped(this ILogger logger, SiloAddress silo);

    [LoggerMessage(502, LogLevel.Warning, "Broadcast on {Channel} to {Silo} failed")]
    public static partial void BroadcastFailed(this ILogger logger, Exception exception, string channel, SiloAddress silo);

    [LoggerMessage(503, LogLevel.Warning, "Catch-up of broadcast channel {Channel} failed")]
    public static partial void CatchUpFailed(this ILogger logger, Exception exception, string channel);
}
