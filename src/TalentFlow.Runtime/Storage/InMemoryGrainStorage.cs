namespace TalentFlow.Runtime.Storage;

/// <summary>
/// Grain state in a dictionary (the embedded default), with the PostgreSQL provider's semantics: a write succeeds only when
/// the stored version equals the caller's (0: no row yet), every write and clear adds one to the version, and a clear keeps
/// the row so a stale writer cannot resurrect the state. Written bytes are copied, so callers may reuse their buffers.
/// One instance holds one service's state (PostgreSQL scopes rows by <c>service_id</c> instead).
/// </summary>
internal sealed partial class InMemoryGrainStorage : IGrainStorage
{
    private readonly Dictionary<(string Type, string Key, string State), StoredGrainState> _rows = [];
    private readonly Lock _lock = new();

    /// <inheritdoc />
    public ValueTask<StoredGrainState> ReadAsync(GrainId grainId, string stateName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stateName);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            return ValueTask.FromResult(_rows.TryGetValue(Key(grainId, stateName), out var row) ? row : new StoredGrainState(null, 0));
        }
    }

    /// <inheritdoc />
    public ValueTask<long> WriteAsync(GrainId grainId, string stateName, ReadOnlyMemory<byte> data, long expectedVersion, CancellationToken cancellationToken) =>
        Put(grainId, stateName, data.ToArray(), expectedVersion, cancellationToken);

    /// <inheritdoc />
    public ValueTask<long> ClearAsync(GrainId grainId, string stateName, long expectedVersion, CancellationToken cancellationToken) =>
        Put(grainId, stateName, null, expectedVersion, cancellationToken);

    private ValueTask<long> Put(GrainId grainId, string stateName, byte[]? data, long expectedVersion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stateName);
        ArgumentOutOfRangeException.ThrowIfNegative(expectedVersion);
        cancellationToken.ThrowIfCancellationRequested();
        var key = Key(grainId, stateName);
        lock (_lock)
        {
            long stored = _rows.TryGetValue(key, out var row) ? row.Version : 0;
            if (stored != expectedVersion)
            {
                throw new InconsistentStateException(grainId, stateName, expectedVersion, stored);
            }
            long next = stored + 1;
            _rows[key] = new StoredGrainState(data is null ? null : (ReadOnlyMemory<byte>?)data, next);
            return ValueTask.FromResult(next);
        }
    }

    private static (string, string, string) Key(GrainId grainId, string stateName) => (grainId.Type, grainId.Key, stateName);
}
