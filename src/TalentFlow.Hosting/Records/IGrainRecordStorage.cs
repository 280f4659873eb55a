namespace TalentFlow.Hosting.Records;

/// <summary>One stored record of a grain's record set: its key, its bytes (null once removed) and its own version.</summary>
/// <param name="Key">The record's key, unique within the set.</param>
/// <param name="Data">UTF-8 JSON of the record; null when the record was removed (the row stays so its version never goes back).</param>
/// <param name="Version">The version written last; always above 0 for a stored row.</param>
public sealed record StoredGrainRecord(string Key, ReadOnlyMemory<byte>? Data, long Version);

/// <summary>
/// Durable keyed records of grains, one row per (grain type, grain key, set name, record key), each fenced by its own version:
/// a write or removal succeeds only when the stored version equals the caller's (0: no row yet), and a removal keeps the row.
/// Implementations: <see cref="MemoryGrainRecordStorage"/> and the PostgreSQL one (table <c>talentflow_grain_records</c>).
/// </summary>
public interface IGrainRecordStorage
{
    /// <summary>Reads every row of a set, removed ones included (with <c>Data</c> null), in ordinal key order.</summary>
    ValueTask<IReadOnlyList<StoredGrainRecord>> ReadAllAsync(GrainId grainId, string setName, CancellationToken cancellationToken);

    /// <summary>
    /// Writes one record when its stored version equals <paramref name="expectedVersion"/> and returns the new version. Throws
    /// <see cref="Orleans.Storage.InconsistentStateException"/> (ETags: the versions as text) when another writer got there first.
    /// </summary>
    ValueTask<long> WriteAsync(GrainId grainId, string setName, string key, ReadOnlyMemory<byte> data, long expectedVersion, CancellationToken cancellationToken);

    /// <summary>Removes one record under the same condition, keeping its row, and returns the new version.</summary>
    ValueTask<long> RemoveAsync(GrainId grainId, string setName, string key, long expectedVersion, CancellationToken cancellationToken);
}
