using Microsoft.Extensions.Logging;
using TalentFlow.Runtime.Membership;

namespace TalentFlow.Runtime.Postgres.Internal;

/// <summary>
/// Log messages of the PostgreSQL providers. Event ids: 1000–1099 schema, 1100–1199 membership, 1200–1299 grain storage,
/// 1300–1399 reminders. No message ever carries the connection string.
/// </summary>
internal static partial class PostgresLog
{
    [LoggerMessage(1000, LogLevel.Debug, "Applied PostgreSQL schema script {Script}")]
    public static partial void SchemaApplied(this ILogger logger, string script);

    [LoggerMessage(1100, LogLevel.Debug, "Membership {Operation} of {Silo} in cluster {ClusterId} lost a race (stale row or version ETag)")]
    public static partial void MembershipWriteRejected(this ILogger logger, string operation, SiloAddress silo, string clusterId);

    [LoggerMessage(1101, LogLevel.Information, "Deleted {Count} defunct Dead silo rows of cluster {ClusterId}")]
    public static partial void DefunctRowsDeleted(this ILogger logger, int count, string clusterId);

    [LoggerMessage(1200, LogLevel.Debug, "Write of state {StateName} of {GrainId} rejected: expected version {ExpectedVersion}, stored {StoredVersion}")]
    public static partial void GrainStateConflict(this ILogger logger, string stateName, GrainId grainId, long expectedVersion, long? storedVersion);

    [LoggerMessage(1300, LogLevel.Debug, "Removal of reminder {ReminderName} of {GrainId} rejected: stale ETag")]
    public static partial void ReminderRemoveRejected(this ILogger logger, string reminderName, GrainId grainId);
}
