using Orleans;
using Orleans.Concurrency;
using TalentFlow.Contracts.Matching;

namespace TalentFlow.Grains.Matching;

/// <summary>
/// One partition of the candidate embedding index (keyed <c>shard-N</c>): durable, spread over the silos by placement, and
/// searched by every ranking (scatter-gather). Silo-side only; candidates register themselves.
/// </summary>
[Alias("TalentFlow.Grains.ICandidateShardGrain")]
public interface ICandidateShardGrain : IGrainWithStringKey
{
    /// <summary>
    /// Adds or replaces a candidate's embedding in one encoder version; acknowledged once durable. Embeddings of other
    /// versions stay while the content is unchanged (an encoder swap re-embeds candidates one by one, and rankings keep
    /// using the old version until the new one is complete everywhere; see <see cref="RetireAsync"/>); a changed resume drops them.
    /// </summary>
    [Alias("UpsertAsync")]
    Task UpsertAsync(CandidateIndexEntry entry, CancellationToken cancellationToken = default);

    /// <summary>
    /// <see cref="UpsertAsync"/> for many candidates with one durable write (a bulk load: one call per candidate would rewrite
    /// the shard's whole state each time). Every entry is checked first; one bad entry rejects the batch, nothing changed.
    /// At most 10,000 entries per call.
    /// </summary>
    [Alias("UpsertManyAsync")]
    Task UpsertManyAsync(IReadOnlyList<CandidateIndexEntry> entries, CancellationToken cancellationToken = default);

    /// <summary>
    /// Drops every embedding whose version is not in <paramref name="keep"/>, once every candidate of the shard has one of
    /// <paramref name="keep"/> (false, and nothing dropped, otherwise). Called when a re-embedding walk found every shard done.
    /// </summary>
    [Alias("RetireAsync")]
    Task<bool> RetireAsync(IReadOnlyCollection<string> keep, CancellationToken cancellationToken = default);

    /// <summary>Removes a candidate from the index (every version); acknowledged once durable.</summary>
    [Alias("RemoveAsync")]
    Task RemoveAsync(string candidateId, CancellationToken cancellationToken = default);

    /// <summary>
    /// The best <paramref name="top"/> candidates of this shard for <paramref name="query"/> among embeddings of
    /// <paramref name="encoderVersion"/> that pass <paramref name="filter"/>, and whether every candidate of the shard has an
    /// embedding of that version.
    /// </summary>
    [ReadOnly]
    [Alias("TopAsync")]
    Task<ShardRanking> TopAsync(float[] query, string encoderVersion, int top, CandidateFilter? filter = null, CancellationToken cancellationToken = default);

    /// <summary>Up to <paramref name="max"/> candidates (in id order) that have no embedding of <paramref name="encoderVersion"/> yet.</summary>
    [ReadOnly]
    [Alias("PendingAsync")]
    Task<IReadOnlyList<string>> PendingAsync(string encoderVersion, int max, CancellationToken cancellationToken = default);

    /// <summary>How many candidates this shard holds (any encoder version).</summary>
    [ReadOnly]
    [Alias("CountAsync")]
    Task<int> CountAsync(CancellationToken cancellationToken = default);
}

/// <summary>What a candidate registers in its shard.</summary>
/// <param name="CandidateId">The candidate.</param>
/// <param name="ContentHash">Identifies the resume text the embedding was made from.</param>
/// <param name="EncoderVersion">The encoder that made <paramref name="Embedding"/>.</param>
/// <param name="Embedding">Unit-length embedding.</param>
/// <param name="Skills">The profile's canonical skills (filters).</param>
/// <param name="YearsExperience">The profile's total years of experience (filters).</param>
public sealed record CandidateIndexEntry(
    string CandidateId, string ContentHash, string EncoderVersion, float[] Embedding, IReadOnlyList<string> Skills, double YearsExperience);

/// <summary>A shard's answer to a ranking.</summary>
/// <param name="Hits">Its best candidates, best first.</param>
/// <param name="Complete">Whether every candidate of the shard has an embedding of the version asked for.</param>
public sealed record ShardRanking(IReadOnlyList<RankedCandidate> Hits, bool Complete);
