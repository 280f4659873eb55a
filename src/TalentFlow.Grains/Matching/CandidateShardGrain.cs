using Orleans;
using TalentFlow.Contracts.Matching;
using TalentFlow.ML.Ranking;

namespace TalentFlow.Grains.Matching;

/// <summary>
/// A partition of the candidate index: embeddings persisted as the source of truth, an in-memory <see cref="EmbeddingIndex"/>
/// per encoder version rebuilt from them on activation and searched exactly. After an encoder swap a candidate holds two
/// versions until every candidate of every shard has the new one; then <see cref="EncoderMigration"/> retires the old.
/// </summary>
[GrainType("candidate-shard")]
// Shards spread over the silos by their id (not where the first caller was), so one ranking runs on every silo at once.
[Orleans.Placement.HashBasedPlacement]
public sealed class CandidateShardGrain([PersistentState("shard")] IPersistentState<CandidateShardState> state) : Grain, ICandidateShardGrain, IDisposable
{
    private readonly Dictionary<string, EmbeddingIndex> _indexes = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public Task UpsertAsync(CandidateIndexEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return UpsertManyAsync([entry], cancellationToken);
    }

    /// <inheritdoc />
    public async Task UpsertManyAsync(IReadOnlyList<CandidateIndexEntry> entries, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entries);
        if (entries.Count > MaxBatch) throw new ArgumentException($"A batch holds at most {MaxBatch} entries (was {entries.Count}).", nameof(entries));
        // Every entry is checked before anything changes: one bad entry rejects the batch, and memory stays what storage holds.
        var dimensions = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var entry in entries) Check(entry, dimensions);

        var stored = state.State.Entries;
        // What storage holds for each candidate the batch touches (null: absent), to put back if the write fails.
        var before = new Dictionary<string, ShardEntry?>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            stored.TryGetValue(entry.CandidateId, out var previous);
            before.TryAdd(entry.CandidateId, previous);
            string[] skills = LowerDistinct(entry.Skills);
            bool sameContent = previous is not null && previous.ContentHash == entry.ContentHash
                && previous.YearsExperience.Equals(entry.YearsExperience) && previous.Skills.AsSpan().SequenceEqual(skills);
            if (sameContent && previous!.Embeddings.TryGetValue(entry.EncoderVersion, out var known) && known.AsSpan().SequenceEqual(entry.Embedding)) continue;

            IndexFor(entry.EncoderVersion, entry.Embedding.Length).Upsert(entry.CandidateId, entry.Embedding);
            var updated = new ShardEntry { ContentHash = entry.ContentHash, Skills = skills, YearsExperience = entry.YearsExperience };
            if (sameContent)
            {
                foreach (var (version, vector) in previous!.Embeddings) updated.Embeddings[version] = vector;
            }
            updated.Embeddings[entry.EncoderVersion] = entry.Embedding;
            stored[entry.CandidateId] = updated;
            if (previous is null) continue;
            // A changed resume drops the embeddings of other versions: they no longer describe it.
            foreach (var version in previous.Embeddings.Keys)
            {
                if (!updated.Embeddings.ContainsKey(version) && _indexes.TryGetValue(version, out var old)) old.Remove(entry.CandidateId);
            }
        }
        if (before.All(b => stored.TryGetValue(b.Key, out var now) && ReferenceEquals(now, b.Value))) return;
        try
        {
            // One write for the whole batch: the state is written whole, so loading n candidates one call at a time costs
            // O(n²) bytes written, in batches of b about O(n²/b).
            await state.WriteStateAsync(cancellationToken).ConfigureAwait(true);
        }
        catch
        {
            // Not durable: memory returns to what storage holds.
            foreach (var (id, previous) in before)
            {
                if (previous is null) stored.Remove(id);
                else stored[id] = previous;
            }
            RebuildIndexes();
            throw;
        }
    }

    /// <summary>The most entries one <see cref="UpsertManyAsync"/> call takes (a message of ~10k × 384 floats is ~15 MB).</summary>
    internal const int MaxBatch = 10_000;

    /// <summary>Rejects an entry that cannot be indexed: missing ids, a vector of the wrong length for its version, NaN or infinity.</summary>
    private void Check(CandidateIndexEntry entry, Dictionary<string, int> dimensions)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentException.ThrowIfNullOrEmpty(entry.CandidateId);
        ArgumentException.ThrowIfNullOrEmpty(entry.EncoderVersion);
        ArgumentNullException.ThrowIfNull(entry.Embedding);
        ArgumentNullException.ThrowIfNull(entry.Skills);
        if (!dimensions.TryGetValue(entry.EncoderVersion, out int expected))
        {
            expected = _indexes.TryGetValue(entry.EncoderVersion, out var index) ? index.Dimensions : entry.Embedding.Length;
            dimensions.Add(entry.EncoderVersion, expected);
        }
        if (entry.Embedding.Length != expected || expected == 0)
        {
            throw new ArgumentException($"Candidate {entry.CandidateId}: the vector has {entry.Embedding.Length} dimensions, encoder {entry.EncoderVersion} makes {expected}.");
        }
        foreach (float value in entry.Embedding)
        {
            if (!float.IsFinite(value)) throw new ArgumentException($"Candidate {entry.CandidateId}: the vector holds NaN or infinity.");
        }
    }

    /// <inheritdoc />
    public async Task RemoveAsync(string candidateId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(candidateId);
        if (!state.State.Entries.Remove(candidateId, out var previous)) return;
        try
        {
            await state.WriteStateAsync(cancellationToken).ConfigureAwait(true);
        }
        catch
        {
            state.State.Entries[candidateId] = previous;
            throw;
        }
        foreach (var version in previous.Embeddings.Keys)
        {
            if (_indexes.TryGetValue(version, out var index)) index.Remove(candidateId);
        }
    }

    /// <inheritdoc />
    public async Task<bool> RetireAsync(IReadOnlyCollection<string> keep, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keep);
        int total = state.State.Entries.Count;
        bool safe = false;
        foreach (var version in keep) safe |= total == 0 || (_indexes.TryGetValue(version, out var index) && index.Count == total);
        if (!safe) return false;
        var retired = new List<string>();
        foreach (var version in _indexes.Keys)
        {
            if (!keep.Contains(version)) retired.Add(version);
        }
        if (retired.Count == 0) return true;
        foreach (var entry in state.State.Entries.Values)
        {
            foreach (var version in retired) entry.Embeddings.Remove(version);
        }
        try
        {
            await state.WriteStateAsync(cancellationToken).ConfigureAwait(true);
        }
        finally
        {
            // Written or not, memory matches the entries again (a failed write leaves storage with more, never less).
            RebuildIndexes();
        }
        return true;
    }

    /// <inheritdoc />
    public Task<ShardRanking> TopAsync(float[] query, string encoderVersion, int top, CandidateFilter? filter = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(top);
        int total = state.State.Entries.Count;
        if (!_indexes.TryGetValue(encoderVersion, out var index)) return Task.FromResult(new ShardRanking([], Complete: total == 0));
        if (index.Dimensions != query.Length)
        {
            throw new ArgumentException($"The query has {query.Length} dimensions; encoder {encoderVersion} makes {index.Dimensions}.");
        }
        // One row past the cut shows whether an exact tie straddles it; only then is every row at least as good read, so
        // that ties are cut by id as the merge orders them (the top k stays a prefix of the top k + 1).
        var hits = Search(index, query, top + 1, filter, (float)(filter?.MinScore ?? double.NegativeInfinity));
        if (hits.Count > top && hits[top].Score == hits[top - 1].Score) hits = Search(index, query, index.Count, filter, hits[top - 1].Score);
        var ordered = new List<IndexHit>(hits);
        ordered.Sort(static (a, b) => b.Score != a.Score ? b.Score.CompareTo(a.Score) : string.CompareOrdinal(a.Id, b.Id));
        var result = new RankedCandidate[Math.Min(top, ordered.Count)];
        for (int i = 0; i < result.Length; i++) result[i] = new RankedCandidate(ordered[i].Id, ordered[i].Score, ordered[i].Score);
        return Task.FromResult(new ShardRanking(result, Complete: index.Count == total));
    }

    private IReadOnlyList<IndexHit> Search(EmbeddingIndex index, float[] query, int k, CandidateFilter? filter, float minScore) =>
        filter is null || filter.IsEmpty
            ? (float.IsNegativeInfinity(minScore) ? index.Search(query, k) : index.Search(query, k, static _ => true, minScore))
            : index.Search(query, k, Accept(filter), minScore);

    /// <inheritdoc />
    public Task<IReadOnlyList<string>> PendingAsync(string encoderVersion, int max, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(max);
        var pending = new List<string>();
        foreach (var (id, entry) in state.State.Entries)
        {
            if (!entry.Embeddings.ContainsKey(encoderVersion)) pending.Add(id);
        }
        pending.Sort(StringComparer.Ordinal);
        if (pending.Count > max) pending.RemoveRange(max, pending.Count - max);
        return Task.FromResult<IReadOnlyList<string>>(pending);
    }

    /// <inheritdoc />
    public Task<int> CountAsync(CancellationToken cancellationToken = default) => Task.FromResult(state.State.Entries.Count);

    /// <inheritdoc />
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        RebuildIndexes();
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var index in _indexes.Values) index.Dispose();
        _indexes.Clear();
    }

    private Func<string, bool> Accept(CandidateFilter filter)
    {
        string[] skills = LowerDistinct(filter.RequiredSkills ?? []);
        double years = filter.MinYearsExperience ?? double.NegativeInfinity;
        var entries = state.State.Entries;
        return id =>
        {
            var entry = entries[id];
            if (entry.YearsExperience < years) return false;
            foreach (var skill in skills)
            {
                if (Array.IndexOf(entry.Skills, skill) < 0) return false;
            }
            return true;
        };
    }

    private EmbeddingIndex IndexFor(string version, int dimensions)
    {
        if (!_indexes.TryGetValue(version, out var index))
        {
            index = new EmbeddingIndex(dimensions, initialCapacity: 64);
            _indexes.Add(version, index);
        }
        return index;
    }

    private void RebuildIndexes()
    {
        Dispose();
        // Sorted by id, so that ties rank the same after every rebuild, on whichever silo the shard lands.
        foreach (var (id, entry) in state.State.Entries.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            foreach (var (version, vector) in entry.Embeddings) IndexFor(version, vector.Length).Upsert(id, vector);
        }
    }

    private static string[] LowerDistinct(IReadOnlyList<string> values)
    {
        var result = new List<string>(values.Count);
        foreach (var value in values)
        {
            if (string.IsNullOrWhiteSpace(value)) continue;
            string lower = value.Trim().ToLowerInvariant();
            if (!result.Contains(lower)) result.Add(lower);
        }
        return [.. result];
    }
}
