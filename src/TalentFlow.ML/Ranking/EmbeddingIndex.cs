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
public sealed unsafe class EmbeddingIndex : IDisposable
{
    private readonly ReaderWriterLockSlim _lock = new(LockRecursionPolicy.NoRecursion);
    private readonly Dictionary<string, int> _rows = new(StringComparer.Ordinal);
    private readonly List<string> _ids = [];
    private readonly EmbeddingMatrix _matrix;

    /// <summary>An empty index of <paramref name="dimensions"/>-float vectors.</summary>
    public EmbeddingIndex(int dimensions, int initialCapacity = 1024)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dimensions);
        ArgumentOutOfRangeException.ThrowIfNegative(initialCapacity);
        Dimensions = dimensions;
        _matrix = new EmbeddingMatrix(dimensions, initialCapacity);
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
            if (_rows.TryGetValue(id, out int row))
            {
                _matrix.Set(row, vector);
            }
            else
            {
                _rows.Add(id, _matrix.Add(vector));
                _ids.Add(id);
            }
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
                _matrix.Set(row, _matrix.Row(last));
                _ids[row] = _ids[last];
                _rows[_ids[row]] = row;
            }
            _matrix.RemoveLast();
            _ids.RemoveAt(last);
            return true;
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    /// <summary>The best <paramref name="k"/> items for <paramref name="query"/>, best first.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="k"/> is not positive.</exception>
    /// <exception cref="ArgumentException">The query's length is not <see cref="Dimensions"/>.</exception>
    public IReadOnlyList<IndexHit> Search(ReadOnlySpan<float> query, int k)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(k);
        if (query.Length != Dimensions) throw new ArgumentException($"The query has {query.Length} dimensions, the index {Dimensions}.", nameof(query));
        _lock.EnterReadLock();
        try
        {
            if (_ids.Count == 0) return [];
            var best = new ScoredRow[Math.Min(k, _ids.Count)];
            int found = ExactTopK.Search(_matrix, query, best);
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
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(k);
        ArgumentNullException.ThrowIfNull(accept);
        if (query.Length != Dimensions) throw new ArgumentException($"The query has {query.Length} dimensions, the index {Dimensions}.", nameof(query));
        _lock.EnterReadLock();
        try
        {
            var best = new ScoredRow[Math.Min(k, _ids.Count)];
            var collector = new TopKCollector(best);
            float[] padded = _matrix.PadQuery(query);
            fixed (float* q = padded)
            {
                for (int row = 0; row < _ids.Count; row++)
                {
                    if (!accept(_ids[row])) continue;
                    float score = _matrix.Score(row, q);
                    if (score >= minScore) collector.Offer(row, score);
                }
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
    public void Dispose()
    {
        _lock.Dispose();
        _matrix.Dispose();
    }
}
