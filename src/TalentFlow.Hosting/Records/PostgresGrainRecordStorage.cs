using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;

namespace TalentFlow.Hosting.Records;

/// <summary>
/// Keyed records in PostgreSQL's <c>talentflow_grain_records</c> (schema: <c>deploy/sql/004_grain_records.sql</c>, applied by
/// <see cref="Schema.TalentFlowSchema"/>), one row per record: a first write inserts with <c>ON CONFLICT DO NOTHING</c>, later
/// ones update <c>WHERE version = @expected</c>, a removal sets <c>data = NULL</c> and the next version. Rows of one
/// <paramref name="serviceId"/> (Orleans' <c>ClusterOptions.ServiceId</c>) never see another's.
/// </summary>
public sealed partial class PostgresGrainRecordStorage(NpgsqlDataSource dataSource, string serviceId, ILogger<PostgresGrainRecordStorage> logger) : IGrainRecordStorage
{
    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<StoredGrainRecord>> ReadAllAsync(GrainId grainId, string setName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(setName);
        await using var command = dataSource.CreateCommand(Sql.ReadAll);
        AddSetKey(command, grainId, setName);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var rows = new List<StoredGrainRecord>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            ReadOnlyMemory<byte>? data = reader.IsDBNull(1) ? null : (ReadOnlyMemory<byte>?)reader.GetFieldValue<byte[]>(1);
            rows.Add(new StoredGrainRecord(reader.GetString(0), data, reader.GetInt64(2)));
        }
        return rows;
    }

    /// <inheritdoc />
    public ValueTask<long> WriteAsync(GrainId grainId, string setName, string key, ReadOnlyMemory<byte> data, long expectedVersion, CancellationToken cancellationToken) =>
        PutAsync(grainId, setName, key, data, expectedVersion, cancellationToken);

    /// <inheritdoc />
    public ValueTask<long> RemoveAsync(GrainId grainId, string setName, string key, long expectedVersion, CancellationToken cancellationToken) =>
        PutAsync(grainId, setName, key, null, expectedVersion, cancellationToken);

    private async ValueTask<long> PutAsync(GrainId grainId, string setName, string key, ReadOnlyMemory<byte>? data, long expectedVersion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(setName);
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentOutOfRangeException.ThrowIfNegative(expectedVersion);
        await using var command = dataSource.CreateCommand(expectedVersion == 0 ? Sql.Insert : Sql.Update);
        AddSetKey(command, grainId, setName);
        command.Parameters.Add(new NpgsqlParameter<string>("record", key));
        command.Parameters.Add(data is { } bytes
            ? new NpgsqlParameter<ReadOnlyMemory<byte>>("data", bytes) { NpgsqlDbType = NpgsqlDbType.Bytea }
            : new NpgsqlParameter("data", NpgsqlDbType.Bytea) { Value = DBNull.Value });
        if (expectedVersion != 0) command.Parameters.Add(new NpgsqlParameter<long>("expected", expectedVersion));
        if (await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is long version) return version;

        // Nothing written: read what is stored, for the conflict's message and ETag.
        await using var read = dataSource.CreateCommand(Sql.ReadVersion);
        AddSetKey(read, grainId, setName);
        read.Parameters.Add(new NpgsqlParameter<string>("record", key));
        long stored = await read.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is long v ? v : 0;
        RecordConflictLogged(logger, setName, key, grainId, expectedVersion, stored);
        throw RecordConflict.Create(grainId, setName, key, expectedVersion, stored);
    }

    private void AddSetKey(NpgsqlCommand command, GrainId grainId, string setName)
    {
        command.Parameters.Add(new NpgsqlParameter<string>("service", serviceId));
        command.Parameters.Add(new NpgsqlParameter<string>("type", grainId.Type.ToString()!));
        command.Parameters.Add(new NpgsqlParameter<string>("key", grainId.Key.ToString()!));
        command.Parameters.Add(new NpgsqlParameter<string>("set", setName));
    }

    [LoggerMessage(4200, LogLevel.Information, "Record '{SetName}/{Key}' of {GrainId}: version {Expected} presented, {Stored} stored")]
    private static partial void RecordConflictLogged(ILogger logger, string setName, string key, GrainId grainId, long expected, long stored);

    /// <summary>The statements, as the home-made runtime's PostgreSQL provider ran them on the same table.</summary>
    private static class Sql
    {
        private const string Set = "service_id = @service AND grain_type = @type AND grain_key = @key AND set_name = @set";

        public const string ReadAll = "SELECT record_key, data, version FROM talentflow_grain_records WHERE " + Set + " ORDER BY record_key COLLATE \"C\"";

        public const string ReadVersion = "SELECT version FROM talentflow_grain_records WHERE " + Set + " AND record_key = @record";

        public const string Insert = """
            INSERT INTO talentflow_grain_records (service_id, grain_type, grain_key, set_name, record_key, data, version)
            VALUES (@service, @type, @key, @set, @record, @data, 1)
            ON CONFLICT (service_id, grain_type, grain_key, set_name, record_key) DO NOTHING
            RETURNING version
            """;

        public const string Update = """
            UPDATE talentflow_grain_records SET data = @data, version = version + 1, modified_at = now()
            WHERE 
            """ + Set + " AND record_key = @record AND version = @expected RETURNING version";
    }
}
