using TalentFlow.Runtime;

namespace TalentFlow.Grains;

/// <summary>
/// One partition of the candidate embedding index (keyed <c>shard-N</c>): durable, spread over the silos by placement, and
/// searched by every ranking (scatter-gather). Silo-side only; candidates register themselves.
/// </summary>
public interface ICandidateShardGrain : IGrain
{
    /// <summary>Adds or replaces a candidate's embedding; acknowledged once durable.</summary>
    Task UpsertAsync(string candidateId, string encoderVersion, float[] embedding, CancellationToken cancellationToken = default);

    /// <summary>The best <paramref name="top"/> candidates of this shard for <paramref name="query"/> among embeddings of <paramref name="encoderVersion"/>.</summary>
    [ReadOnly]
    Task<IReadOnlyList<RankedCandidate>> TopAsync(float[] query, string encoderVersion, int top, CancellationToken cancellationToken = default);

    /// <summary>How many candidates this shard holds (any encoder version).</summary>
    [ReadOnly]
    Task<int> CountAsync(CancellationToken cancellationToken = default);
}
