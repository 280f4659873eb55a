using TalentFlow.ML.Ranking;
using TalentFlow.Runtime;

namespace TalentFlow.Grains;

/// <summary>What a shard persists: each candidate's embedding and the encoder version that made it.</summary>
public sealed class CandidateShardState
{
    /// <summary>Candidate id → embedding.</summary>
    public Dictionary<string, ShardEntry> Entries { get; set; } = new(StringComparer.Ordinal);
}

/// <summary>One candidate's embedding in a shard.</summary>
public sealed class ShardEntry
{
    /// <summary>The encoder version.</summary>
    public string EncoderVersion { get; set; } = "";

    /// <summary>The unit-length embedding.</summary>
    public float[] Embedding { get; set; } = [];
}

/// <summary>
/// A partition of the candidate index: embeddings persisted as the source of truth, an in-memory <see cref="EmbeddingIndex"/>
/// per encoder version rebuilt from them on activation and searched exactly.
/// </summary>
[GrainType("candidate-shard")]
public sealed class CandidateShardGrain([PersistentState("shard")] IPersistentState<CandidateShardState> state) : Grain, ICandidateShardGrain, IDisposable
{
    private readonly Dictionary<string, EmbeddingIndex> _indexes = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public async Task UpsertAsync(string candidateId, string encoderVersion, float[] embedding, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(candidateId);
        ArgumentException.ThrowIfNullOrEmpty(encoderVersion);
        ArgumentNullException.ThrowIfNull(embedding);
        var entries = state.State.Entries;
        entries.TryGetValue(candidateId, out var previous);
        if (previous is not null && previous.EncoderVersion == encoderVersion && previous.Embedding.AsSpan().SequenceEqual(embedding)) return;
        var index = IndexFor(encoderVersion, embedding.Length);
        // Checks the vector (length, finite values) before anything durable changes.
        index.Upsert(candidateId, embedding);
        entries[candidateId] = new ShardEntry { EncoderVersion = encoderVersion, Embedding = embedding };
        try
        {
            await state.WriteStateAsync(cancellationToken).ConfigureAwait(true);
        }
        catch
        {
            // Not durable: memory returns to what storage holds.
            if (previous is null) entries.Remove(candidateId);
            else entries[candidateId] = previous;
            RebuildIndexes();
            throw;
        }
        if (previous is not null && previous.EncoderVersion != encoderVersion && _indexes.TryGetValue(previous.EncoderVersion, out var old))
        {
            old.Remove(candidateId);
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<RankedCandidate>> TopAsync(float[] query, string encoderVersion, int top, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(top);
        if (!_indexes.TryGetValue(encoderVersion, out var index)) return Task.FromResult<IReadOnlyList<RankedCandidate>>([]);
        if (index.Dimensions != query.Length)
        {
            throw new ArgumentException($"The query has {query.Length} dimensions; encoder {encoderVersion} makes {index.Dimensions}.");
        }
        var hits = index.Search(query, top);
        var result = new RankedCandidate[hits.Count];
        for (int i = 0; i < hits.Count; i++) result[i] = new RankedCandidate(hits[i].Id, hits[i].Score);
        return Task.FromResult<IReadOnlyList<RankedCandidate>>(result);
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
            IndexFor(entry.EncoderVersion, entry.Embedding.Length).Upsert(id, entry.Embedding);
        }
    }
}
