using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;
using TalentFlow.Runtime.Postgres.Internal;
using TalentFlow.Runtime.Storage;

namespace TalentFlow.Runtime.Postgres;

/// <summary>
/// Grain state in PostgreSQL (Orleans: <c>AdoNetGrainStorage</c>), one row per (service, grain type, grain key, state name).
/// A first write inserts with <c>ON CONFLICT DO NOTHING</c>; later writes are <c>UPDATE ... WHERE version = @expected</c>; no row
/// touched means another writer got there first and throws <see cref="InconsistentStateException"/>. A clear keeps the row with
/// <c>data = NULL</c> and the next version. Keyed records (<see cref="IGrainRecordStorage"/>) have their own table, see
/// <c>PostgresGrainStorage.Records.cs</c>.
/// </summary>
internal sealed partial class PostgresGrainStorage(NpgsqlDataSource dataSource, string serviceId, ILogger logger) : IGrainStorage
{
    private int _initialized;

    /// <summary>The service whose rows this storage reads and writes.</summary>
    public string ServiceId { get; } = serviceId;

    /// <summary>Applies the schema (idempotent). Called on first use; call it at start-up to fail early.</summary>
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await PostgresSchema.ApplyAsync(dataSource, PostgresSchema.GrainState, logger, cancellationToken).ConfigureAwait(false);
        await PostgresSchema.ApplyAsync(dataSource, PostgresSchema.GrainRecords, logger, cancellationToken).ConfigureAwait(false);
        Volatile.Write(ref _initialized, 1);
    }

    /// <inheritdoc />
    public async ValueTask<StoredGrainState> ReadAsync(GrainId grainId, string stateName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stateName);
        await EnsureInitializedAsync(cancellationToken).ConfigureAwait(false);
        await using var command = dataSource.CreateCommand(Sql.Read);
        AddKey(command, grainId, stateName);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false)) return new StoredGrainState(null, 0);
        // Cast before the conditional: a null byte[] would convert to an empty ReadOnlyMemory, not to null.
        ReadOnlyMemory<byte>? data = reader.IsDBNull(0) ? null : (ReadOnlyMemory<byte>?)reader.GetFieldValue<byte[]>(0);
        return new StoredGrainState(data, reader.GetInt64(1));
    }

    /// <inheritdoc />
    public ValueTask<long> WriteAsync(GrainId grainId, string stateName, ReadOnlyMemory<byte> data, long expectedVersion, CancellationToken cancellationToken) =>
        PutAsync(grainId, stateName, data, expectedVersion, cancellationToken);

    /// <inheritdoc />
    public ValueTask<long> ClearAsync(GrainId grainId, string stateName, long expectedVersion, CancellationToken cancellationToken) =>
        PutAsync(grainId, stateName, null, expectedVersion, cancellationToken);

    private async ValueTask<long> PutAsync(GrainId grainId, string stateName, ReadOnlyMemory<byte>? data, long expectedVersion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stateName);
        ArgumentOutOfRangeException.ThrowIfNegative(expectedVersion);
        await EnsureInitializedAsync(cancellationToken).ConfigureAwait(false);
        await using var command = dataSource.CreateCommand(expectedVersion == 0 ? Sql.Insert : Sql.Update);
        AddKey(command, grainId, stateName);
        command.Parameters.Add(data is { } bytes
            ? new NpgsqlParameter<ReadOnlyMemory<byte>>("data", bytes) { NpgsqlDbType = NpgsqlDbType.Bytea }
            : new NpgsqlParameter("data", NpgsqlDbType.Bytea) { Value = DBNull.Value });
        if (expectedVersion != 0) command.Parameters.Add(new NpgsqlParameter<long>("expected", expectedVersion));
        if (await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is long version) return version;

        long? stored = await ReadVersionAsync(grainId, stateName, cancellationToken).ConfigureAwait(false);
        logger.GrainStateConflict(stateName, grainId, expectedVersion, stored);
        throw new InconsistentStateException(grainId, stateName, expectedVersion, stored);
    }

    private async Task<long?> ReadVersionAsync(GrainId grainId, string stateName, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(Sql.ReadVersion);
        AddKey(command, grainId, stateName);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is long version ? version : 0;
    }

    private ValueTask EnsureInitializedAsync(CancellationToken cancellationToken) =>
        Volatile.Read(ref _initialized) == 1 ? ValueTask.CompletedTask : new ValueTask(InitializeAsync(cancellationToken));

    private void AddKey(NpgsqlCommand command, GrainId grainId, string stateName)
    {
        command.Parameters.Add(new NpgsqlParameter<string>("service", ServiceId));
        command.Parameters.Add(new NpgsqlParameter<string>("type", grainId.Type));
        command.Parameters.Add(new NpgsqlParameter<string>("key", grainId.Key));
        command.Parameters.Add(new NpgsqlParameter<string>("state", stateName));
    }
}
