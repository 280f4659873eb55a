namespace TalentFlow.ML.Ranking;

/// <summary>A search hit: the item's id and its score.</summary>
/// <param name="Id">The item.</param>
/// <param name="Score">Dot product with the query (cosine for unit vectors).</param>
public readonly record struct IndexHit(string Id, float Score);

/// <summary>
/// An in-memory index of float32 embeddings keyed by id (a silo's partition of candidate embeddings): upsert and remove in
/// O(d), exact top-k search over one contiguous matrix. Searches run in parallel with each other; writes wait for them.
/// Ties rank by insertion slot, so the order is deterministic for a given history of writes.
/// </summary>
public sealed class EmbeddingIndex : IDisposable
{
    private readonly ReaderWriterLockSlim _lock = new(LockRecursionPolicy.NoRecursion);
    private readonly Dictionary<string, int> _rows = new(StringComparer.Ordinal);
    private readonly List<string> _ids = [];
    private float[] _matrix;

    /// <summary>An empty index of <paramref name="dimensions"/>-float vectors.</summary>
    public EmbeddingIndex(int dimensions, int initialCapacity = 1024)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dimensions);
        ArgumentOutOfRangeException.ThrowIfNegative(initialCapacity);
        Dimensions = dimensions;
        _matrix = new float[(long)Math.Max(initialCapacity, 1) * dimensions];
    }

    /// <summary>Floats per vector.</summary>
    public int Dimensions { get; }

    /// <summary>Items in the index.</summary>
    public int Count
    {
        get
        {
            _lock.EnterReadLock();
            try { return _ids.Count; }
            finally { _lock.ExitReadLock(); }
        }
    }

    /// <summary>Adds or replaces the vector of <paramref name="id"/>.</summary>
    public void Upsert(string id, ReadOnlySpan<float> vector)
    {
        ArgumentNullException.ThrowIfNull(id);
        if (vector.Length != Dimensions) throw new ArgumentException($"The vector has {vector.Length} dimensions, the index {Dimensions}.", nameof(vector));
        foreach (float value in vector)
        {
            if (!float.IsFinite(value)) throw new ArgumentException("The vector holds NaN or infinity.", nameof(vector));
        }
        _lock.EnterWriteLock();
        try
        {
            if (!_rows.TryGetValue(id, out int row))
            {
                row = _ids.Count;
                if ((long)(row + 1) * Dimensions > _matrix.Length) Array.Resize(ref _matrix, checked(_matrix.Length * 2));
                _rows.Add(id, row);
                _ids.Add(id);
            }
            vector.CopyTo(_matrix.AsSpan(row * Dimensions, Dimensions));
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    /// <summary>Removes <paramref name="id"/>; the last row moves into its slot.</summary>
    public bool Remove(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        _lock.EnterWriteLock();
        try
        {
            if (!_rows.Remove(id, out int row)) return false;
            int last = _ids.Count - 1;
            if (row != last)
            {
                _matrix.AsSpan(last * Dimensions, Dimensions).CopyTo(_matrix.AsSpan(row * Dimensions, Dimensions));
                _ids[row] = _ids[last];
                _rows[_ids[row]] = row;
            }
            _ids.RemoveAt(last);
            return true;
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    /// <summary>The best <paramref name="k"/> items for <paramref name="query"/>, best first.</summary>
    public IReadOnlyList<IndexHit> Search(ReadOnlySpan<float> query, int k)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        if (query.Length != Dimensions) throw new ArgumentException($"The query has {query.Length} dimensions, the index {Dimensions}.", nameof(query));
        _lock.EnterReadLock();
        try
        {
            var best = new ScoredRow[Math.Min(k, _ids.Count)];
            int found = ExactTopK.Search(_matrix.AsMemory(0, _ids.Count * Dimensions), Dimensions, query, best);
            var hits = new IndexHit[found];
            for (int i = 0; i < found; i++) hits[i] = new IndexHit(_ids[best[i].Row], best[i].Score);
            return hits;
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    /// <summary>
    /// The best <paramref name="k"/> items among those <paramref name="accept"/> admits, best first, at least
    /// <paramref name="minScore"/>. Exact: the filter runs before ranking, so a selective filter never leaves the result
    /// short while acceptable items remain. One pass on one thread (a filtered search reads only the admitted rows).
    /// </summary>
    public IReadOnlyList<IndexHit> Search(ReadOnlySpan<float> query, int k, Func<string, bool> accept, float minScore = float.NegativeInfinity)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        ArgumentNullException.ThrowIfNull(accept);
        if (query.Length != Dimensions) throw new ArgumentException($"The query has {query.Length} dimensions, the index {Dimensions}.", nameof(query));
        _lock.EnterReadLock();
        try
        {
            var best = new ScoredRow[Math.Min(k, _ids.Count)];
            var collector = new TopKCollector(best);
            var matrix = _matrix.AsSpan();
            for (int row = 0; row < _ids.Count; row++)
            {
                if (!accept(_ids[row])) continue;
                float score = System.Numerics.Tensors.TensorPrimitives.Dot(matrix.Slice(row * Dimensions, Dimensions), query);
                if (score >= minScore) collector.Offer(row, score);
            }
            var hits = new IndexHit[collector.Count];
            for (int i = 0; i < hits.Length; i++) hits[i] = new IndexHit(_ids[best[i].Row], best[i].Score);
            return hits;
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    /// <inheritdoc />
    public void Dispose() => _lock.Dispose();
}
