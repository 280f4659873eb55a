using System.Reflection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace TalentFlow.Runtime.Postgres.Internal;

/// <summary>
/// Applies the embedded <c>deploy/sql/*.sql</c> scripts. Each script is idempotent (<c>CREATE ... IF NOT EXISTS</c>) and runs
/// in a transaction holding a transaction-scoped advisory lock, because concurrent <c>CREATE TABLE IF NOT EXISTS</c> of the same
/// table can still fail on PostgreSQL's catalog unique indexes when silos start together.
/// </summary>
internal static class PostgresSchema
{
    /// <summary>The advisory lock key of schema migrations ("TFSchema" as ASCII).</summary>
    public const long AdvisoryLockKey = 0x5446536368656D61;

    public const string Membership = "001_membership.sql";
    public const string GrainState = "002_grain_state.sql";
    public const string Reminders = "003_reminders.sql";
    public const string GrainRecords = "004_grain_records.sql";

    public static async Task ApplyAsync(NpgsqlDataSource dataSource, string script, ILogger logger, CancellationToken cancellationToken)
    {
        string sql = Load(script);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (var command = new NpgsqlCommand("SELECT pg_advisory_xact_lock(@key)", connection, transaction))
        {
            command.Parameters.Add(new NpgsqlParameter<long>("key", AdvisoryLockKey));
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        await using (var command = new NpgsqlCommand(sql, connection, transaction))
        {
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        logger.SchemaApplied(script);
    }

    /// <summary>Reads an embedded script by its file name.</summary>
    public static string Load(string script)
    {
        var assembly = typeof(PostgresSchema).Assembly;
        string? name = assembly.GetManifestResourceNames().FirstOrDefault(n => n.EndsWith("." + script, StringComparison.Ordinal));
        using var stream = (name is null ? null : assembly.GetManifestResourceStream(name))
            ?? throw new InvalidOperationException($"The schema script '{script}' is not embedded in {assembly.GetName().Name}.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
