using Npgsql;
using NpgsqlTypes;
using TalentFlow.Runtime.Postgres.Internal;
using TalentFlow.Runtime.Storage;

namespace TalentFlow.Runtime.Postgres;

/// <summary>
/// Keyed grain records in <c>talentflow_grain_records</c> (schema: <c>deploy/sql/004_grain_records.sql</c>), fenced per record
/// like the states: a first write inserts with <c>ON CONFLICT DO NOTHING</c>, later ones update <c>WHERE version = @expected</c>,
/// a removal sets <c>data = NULL</c> and the next version.
/// </summary>
internal sealed partial class PostgresGrainStorage : IGrainRecordStorage
{
    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<StoredGrainRecord>> ReadAllAsync(GrainId grainId, string setName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(setName);
        await EnsureInitializedAsync(cancellationToken).ConfigureAwait(false);
        await using var command = dataSource.CreateCommand(RecordSql.ReadAll);
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
        PutRecordAsync(grainId, setName, key, data, expectedVersion, cancellationToken);

    /// <inheritdoc />
    public ValueTask<long> RemoveAsync(GrainId grainId, string setName, string key, long expectedVersion, CancellationToken cancellationToken) =>
        PutRecordAsync(grainId, setName, key, null, expectedVersion, cancellationToken);

    private async ValueTask<long> PutRecordAsync(GrainId grainId, string setName, string key, ReadOnlyMemory<byte>? data, long expectedVersion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(setName);
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentOutOfRangeException.ThrowIfNegative(expectedVersion);
        await EnsureInitializedAsync(cancellationToken).ConfigureAwait(false);
        await using var command = dataSource.CreateCommand(expectedVersion == 0 ? RecordSql.Insert : RecordSql.Update);
        AddSetKey(command, grainId, setName);
        command.Parameters.Add(new NpgsqlParameter<string>("record", key));
        command.Parameters.Add(data is { } bytes
            ? new NpgsqlParameter<ReadOnlyMemory<byte>>("data", bytes) { NpgsqlDbType = NpgsqlDbType.Bytea }
            : new NpgsqlParameter("data", NpgsqlDbType.Bytea) { Value = DBNull.Value });
        if (expectedVersion != 0) command.Parameters.Add(new NpgsqlParameter<long>("expected", expectedVersion));
        if (await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is long version) return version;

        await using var read = dataSource.CreateCommand(RecordSql.ReadVersion);
        AddSetKey(read, grainId, setName);
        read.Parameters.Add(new NpgsqlParameter<string>("record", key));
        long stored = await read.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is long v ? v : 0;
        string name = setName + "/" + key;
        logger.GrainStateConflict(name, grainId, expectedVersion, stored);
        throw new InconsistentStateException(grainId, name, expectedVersion, stored);
    }

    private void AddSetKey(NpgsqlCommand command, GrainId grainId, string setName)
    {
        command.Parameters.Add(new NpgsqlParameter<string>("service", ServiceId));
        command.Parameters.Add(new NpgsqlParameter<string>("type", grainId.Type));
        command.Parameters.Add(new NpgsqlParameter<string>("key", grainId.Key));
        command.Parameters.Add(new NpgsqlParameter<string>("set", setName));
    }

    /// <summary>The record statements.</summary>
    private static class RecordSql
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
