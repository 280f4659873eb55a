namespace TalentFlow.Hosting.Records;

/// <summary>
/// Keyed records in this process's memory, with the PostgreSQL provider's semantics (see <see cref="IGrainRecordStorage"/>).
/// One instance per silo by default: silos of one cluster share it only when the host registers one instance for all (tests
/// do); the embedded single-silo default needs no more.
/// </summary>
public sealed class MemoryGrainRecordStorage : IGrainRecordStorage
{
    private readonly Lock _lock = new();
    private readonly Dictionary<(GrainId Grain, string Set), SortedDictionary<string, StoredGrainRecord>> _sets = [];

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<StoredGrainRecord>> ReadAllAsync(GrainId grainId, string setName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(setName);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            IReadOnlyList<StoredGrainRecord> rows = _sets.TryGetValue((grainId, setName), out var set) ? [.. set.Values] : [];
            return ValueTask.FromResult(rows);
        }
    }

    /// <inheritdoc />
    public ValueTask<long> WriteAsync(GrainId grainId, string setName, string key, ReadOnlyMemory<byte> data, long expectedVersion, CancellationToken cancellationToken) =>
        Put(grainId, setName, key, data.ToArray(), expectedVersion, cancellationToken);

    /// <inheritdoc />
    public ValueTask<long> RemoveAsync(GrainId grainId, string setName, string key, long expectedVersion, CancellationToken cancellationToken) =>
        Put(grainId, setName, key, null, expectedVersion, cancellationToken);

    private ValueTask<long> Put(GrainId grainId, string setName, string key, byte[]? data, long expectedVersion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(setName);
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentOutOfRangeException.ThrowIfNegative(expectedVersion);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            if (!_sets.TryGetValue((grainId, setName), out var set))
            {
                _sets[(grainId, setName)] = set = new SortedDictionary<string, StoredGrainRecord>(StringComparer.Ordinal);
            }
            long stored = set.TryGetValue(key, out var row) ? row.Version : 0;
            if (stored != expectedVersion) throw RecordConflict.Create(grainId, setName, key, expectedVersion, stored);
            long next = stored + 1;
            set[key] = new StoredGrainRecord(key, data is null ? null : (ReadOnlyMemory<byte>?)data, next);
            return ValueTask.FromResult(next);
        }
    }
}
