namespace TalentFlow.Runtime.Storage;

/// <summary>The in-memory grain storage's keyed records, with the PostgreSQL provider's semantics (see <see cref="IGrainRecordStorage"/>).</summary>
internal sealed partial class InMemoryGrainStorage : IGrainRecordStorage
{
    private readonly Dictionary<(string Type, string Key, string Set), SortedDictionary<string, StoredGrainRecord>> _sets = [];

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<StoredGrainRecord>> ReadAllAsync(GrainId grainId, string setName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(setName);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            IReadOnlyList<StoredGrainRecord> rows = _sets.TryGetValue((grainId.Type, grainId.Key, setName), out var set) ? [.. set.Values] : [];
            return ValueTask.FromResult(rows);
        }
    }

    /// <inheritdoc />
    public ValueTask<long> WriteAsync(GrainId grainId, string setName, string key, ReadOnlyMemory<byte> data, long expectedVersion, CancellationToken cancellationToken) =>
        PutRecord(grainId, setName, key, data.ToArray(), expectedVersion, cancellationToken);

    /// <inheritdoc />
    public ValueTask<long> RemoveAsync(GrainId grainId, string setName, string key, long expectedVersion, CancellationToken cancellationToken) =>
        PutRecord(grainId, setName, key, null, expectedVersion, cancellationToken);

    private ValueTask<long> PutRecord(GrainId grainId, string setName, string key, byte[]? data, long expectedVersion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(setName);
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentOutOfRangeException.ThrowIfNegative(expectedVersion);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            var setKey = (grainId.Type, grainId.Key, setName);
            if (!_sets.TryGetValue(setKey, out var set)) _sets[setKey] = set = new SortedDictionary<string, StoredGrainRecord>(StringComparer.Ordinal);
            long stored = set.TryGetValue(key, out var row) ? row.Version : 0;
            if (stored != expectedVersion)
            {
                throw new InconsistentStateException(grainId, $"{setName}/{key}", expectedVersion, stored);
            }
            long next = stored + 1;
            set[key] = new StoredGrainRecord(key, data is null ? null : (ReadOnlyMemory<byte>?)data, next);
            return ValueTask.FromResult(next);
        }
    }
}
