using System.Globalization;
using Microsoft.Extensions.Logging;
using Npgsql;
using TalentFlow.Runtime.Postgres.Internal;
using TalentFlow.Runtime.Reminders;

namespace TalentFlow.Runtime.Postgres;

/// <summary>
/// Reminders in PostgreSQL (Orleans: <c>AdoNetReminderTable</c>), one row per (service, grain, reminder name) with an integer
/// ETag that every upsert moves on; a removal succeeds only with the current ETag.
/// </summary>
internal sealed class PostgresReminderTable(NpgsqlDataSource dataSource, string serviceId, ILogger logger) : IReminderTable
{
    private const string Columns = "grain_id, reminder_name, start_at, period, etag";

    /// <summary>The service whose reminders this table reads and writes.</summary>
    public string ServiceId { get; } = serviceId;

    /// <inheritdoc />
    public Task InitializeAsync(CancellationToken cancellationToken) =>
        PostgresSchema.ApplyAsync(dataSource, PostgresSchema.Reminders, logger, cancellationToken);

    /// <inheritdoc />
    public async Task<IReadOnlyList<ReminderEntry>> ReadAllAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            $"SELECT {Columns} FROM talentflow_reminders WHERE service_id = @service ORDER BY grain_id COLLATE \"C\", reminder_name COLLATE \"C\"");
        command.Parameters.Add(new NpgsqlParameter<string>("service", ServiceId));
        return await ReadAsync(command, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ReminderEntry>> ReadRowsAsync(GrainId grainId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            $"SELECT {Columns} FROM talentflow_reminders WHERE service_id = @service AND grain_id = @grain ORDER BY reminder_name COLLATE \"C\"");
        command.Parameters.Add(new NpgsqlParameter<string>("service", ServiceId));
        command.Parameters.Add(new NpgsqlParameter<string>("grain", grainId.ToString()));
        return await ReadAsync(command, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<ReminderEntry?> ReadRowAsync(GrainId grainId, string reminderName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reminderName);
        await using var command = dataSource.CreateCommand(
            $"SELECT {Columns} FROM talentflow_reminders WHERE service_id = @service AND grain_id = @grain AND reminder_name = @name");
        AddKey(command, grainId, reminderName);
        var rows = await ReadAsync(command, cancellationToken).ConfigureAwait(false);
        return rows.Count == 0 ? null : rows[0];
    }

    /// <inheritdoc />
    public async Task<string> UpsertRowAsync(ReminderEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentException.ThrowIfNullOrEmpty(entry.ReminderName);
        await using var command = dataSource.CreateCommand("""
            INSERT INTO talentflow_reminders (service_id, grain_id, reminder_name, start_at, period, etag)
            VALUES (@service, @grain, @name, @start_at, @period, 0)
            ON CONFLICT (service_id, grain_id, reminder_name)
            DO UPDATE SET start_at = excluded.start_at, period = excluded.period, etag = talentflow_reminders.etag + 1
            RETURNING etag
            """);
        AddKey(command, entry.GrainId, entry.ReminderName);
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("start_at", PostgresTime.ToStored(entry.StartAt)));
        command.Parameters.Add(new NpgsqlParameter<TimeSpan>("period", PostgresTime.ToStored(entry.Period)));
        var etag = (int)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        return etag.ToString(CultureInfo.InvariantCulture);
    }

    /// <inheritdoc />
    public async Task<bool> RemoveRowAsync(GrainId grainId, string reminderName, string eTag, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reminderName);
        ArgumentNullException.ThrowIfNull(eTag);
        if (!int.TryParse(eTag, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int etag)) return false;
        await using var command = dataSource.CreateCommand(
            "DELETE FROM talentflow_reminders WHERE service_id = @service AND grain_id = @grain AND reminder_name = @name AND etag = @etag");
        AddKey(command, grainId, reminderName);
        command.Parameters.Add(new NpgsqlParameter<int>("etag", etag));
        if (await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1) return true;
        logger.ReminderRemoveRejected(reminderName, grainId);
        return false;
    }

    private void AddKey(NpgsqlCommand command, GrainId grainId, string reminderName)
    {
        command.Parameters.Add(new NpgsqlParameter<string>("service", ServiceId));
        command.Parameters.Add(new NpgsqlParameter<string>("grain", grainId.ToString()));
        command.Parameters.Add(new NpgsqlParameter<string>("name", reminderName));
    }

    private static async Task<IReadOnlyList<ReminderEntry>> ReadAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var rows = new List<ReminderEntry>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            string grain = reader.GetString(0);
            if (!GrainId.TryParse(grain, out var grainId)) continue; // Not written by this provider.
            rows.Add(new ReminderEntry
            {
                GrainId = grainId.Value,
                ReminderName = reader.GetString(1),
                StartAt = reader.GetFieldValue<DateTimeOffset>(2),
                Period = reader.GetFieldValue<TimeSpan>(3),
                ETag = reader.GetInt32(4).ToString(CultureInfo.InvariantCulture),
            });
        }
        return rows;
    }
}
