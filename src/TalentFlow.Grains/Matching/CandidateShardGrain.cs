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
    public async Task UpsertAsync(CandidateIndexEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentException.ThrowIfNullOrEmpty(entry.CandidateId);
        ArgumentException.ThrowIfNullOrEmpty(entry.EncoderVersion);
        ArgumentNullException.ThrowIfNull(entry.Embedding);
        var entries = state.State.Entries;
        entries.TryGetValue(entry.CandidateId, out var previous);
        string[] skills = LowerDistinct(entry.Skills);
        bool sameContent = previous is not null && previous.ContentHash == entry.ContentHash
            && previous.YearsExperience.Equals(entry.YearsExperience) && previous.Skills.AsSpan().SequenceEqual(skills);
        if (sameContent && previous!.Embeddings.TryGetValue(entry.EncoderVersion, out var known) && known.AsSpan().SequenceEqual(entry.Embedding)) return;

        // Checks the vector (length, finite values) before anything changes.
        var index = IndexFor(entry.EncoderVersion, entry.Embedding.Length);
        index.Upsert(entry.CandidateId, entry.Embedding);
        var updated = new ShardEntry { ContentHash = entry.ContentHash, Skills = skills, YearsExperience = entry.YearsExperience };
        if (sameContent)
        {
            foreach (var (version, vector) in previous!.Embeddings) updated.Embeddings[version] = vector;
        }
        updated.Embeddings[entry.EncoderVersion] = entry.Embedding;
        entries[entry.CandidateId] = updated;
        try
        {
            await state.WriteStateAsync(cancellationToken).ConfigureAwait(true);
        }
        catch
        {
            // Not durable: memory returns to what storage holds.
            if (previous is null) entries.Remove(entry.CandidateId);
            else entries[entry.CandidateId] = previous;
            RebuildIndexes();
            throw;
        }
        if (previous is not null)
        {
            foreach (var version in previous.Embeddings.Keys)
            {
                if (!updated.Embeddings.ContainsKey(version) && _indexes.TryGetValue(version, out var old)) old.Remove(entry.CandidateId);
            }
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
