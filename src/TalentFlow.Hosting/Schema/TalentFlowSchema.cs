using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace TalentFlow.Hosting.Schema;

/// <summary>
/// The PostgreSQL schema of a TalentFlow cluster on Orleans: the membership, grain-state and reminder tables with the queries
/// Orleans' ADO.NET providers read from <c>OrleansQuery</c> (<c>deploy/sql/orleans/</c>), and the project's keyed-record table
/// (<c>deploy/sql/004_grain_records.sql</c>). The scripts are not idempotent (plain <c>CREATE TABLE</c>, <c>INSERT</c>), so each
/// is applied once: in one transaction holding an advisory lock, a script runs only when its name is not yet in
/// <c>talentflow_schema_migrations</c>, and its name is recorded in the same transaction. Silos that start together
/// serialize on the lock; the later ones find everything recorded and do nothing.
/// </summary>
public static partial class TalentFlowSchema
{
    /// <summary>The advisory lock key of the migrations ("TFOrlSch" as ASCII).</summary>
    public const long AdvisoryLockKey = 0x54464F726C536368;

    /// <summary>The scripts in the order they are applied; each name is its migration id.</summary>
    public static IReadOnlyList<string> Scripts { get; } =
    [
        "orleans/01_query.sql",
        "orleans/02_clustering.sql",
        "orleans/03_persistence.sql",
        "orleans/04_reminders.sql",
        "004_grain_records.sql",
    ];

    private const string CreateMigrations = """
        CREATE TABLE IF NOT EXISTS talentflow_schema_migrations
        (
            id          text        PRIMARY KEY,
            applied_at  timestamptz NOT NULL DEFAULT now()
        )
        """;

    /// <summary>Applies every script not applied yet; returns the names of those it applied (empty when all were).</summary>
    public static async Task<IReadOnlyList<string>> ApplyAsync(NpgsqlDataSource dataSource, ILogger? logger = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        logger ??= NullLogger.Instance;
        var clock = Stopwatch.StartNew();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, transaction, "SELECT pg_advisory_xact_lock(" + AdvisoryLockKey + ")", cancellationToken).ConfigureAwait(false);
        // Created under the lock: two first silos must not race on CREATE TABLE IF NOT EXISTS (catalog unique index).
        await ExecuteAsync(connection, transaction, CreateMigrations, cancellationToken).ConfigureAwait(false);

        var applied = new HashSet<string>(StringComparer.Ordinal);
        await using (var read = new NpgsqlCommand("SELECT id FROM talentflow_schema_migrations", connection, transaction))
        await using (var reader = await read.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false)) applied.Add(reader.GetString(0));
        }

        var now = new List<string>();
        foreach (string script in Scripts)
        {
            if (applied.Contains(script)) continue;
            await ExecuteAsync(connection, transaction, Load(script), cancellationToken).ConfigureAwait(false);
            await using var record = new NpgsqlCommand("INSERT INTO talentflow_schema_migrations (id) VALUES (@id)", connection, transaction);
            record.Parameters.Add(new NpgsqlParameter<string>("id", script));
            await record.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            now.Add(script);
        }
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        SchemaChecked(logger, now.Count, string.Join(", ", now), clock.ElapsedMilliseconds);
        return now;
    }

    /// <summary>Reads an embedded script by its name in <see cref="Scripts"/>.</summary>
    public static string Load(string script)
    {
        var assembly = typeof(TalentFlowSchema).Assembly;
        string resource = "Sql/" + script;
        using var stream = assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"The schema script '{script}' is not embedded in {assembly.GetName().Name}.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    [LoggerMessage(4300, LogLevel.Information, "TalentFlow schema checked: {Count} script(s) applied now [{Scripts}] in {ElapsedMs} ms")]
    private static partial void SchemaChecked(ILogger logger, int count, string scripts, long elapsedMs);
}
