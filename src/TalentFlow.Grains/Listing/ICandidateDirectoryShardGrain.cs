using Orleans;
using Orleans.Concurrency;
using TalentFlow.Contracts.Candidates;

namespace TalentFlow.Grains.Listing;

/// <summary>One partition of the candidate directory (keyed <c>shard-N</c>). Silo-side only; reached through <see cref="TalentFlow.Grains.Candidates.ICandidateDirectoryGrain"/>.</summary>
[Alias("TalentFlow.Grains.ICandidateDirectoryShardGrain")]
public interface ICandidateDirectoryShardGrain : IGrainWithStringKey
{
    /// <summary>Adds or replaces a candidate; acknowledged once durable.</summary>
    [Alias("UpsertAsync")]
    Task UpsertAsync(CandidateSummary candidate, CancellationToken cancellationToken = default);

    /// <summary>Removes a candidate; false when it was not held.</summary>
    [Alias("RemoveAsync")]
    Task<bool> RemoveAsync(string candidateId, CancellationToken cancellationToken = default);

    /// <summary>At most <paramref name="limit"/> candidates with an id ordinally after <paramref name="afterId"/> (from the start when null).</summary>
    [ReadOnly]
    [Alias("ListAsync")]
    Task<DirectoryPart<CandidateSummary>> ListAsync(string? afterId, int limit, CancellationToken cancellationToken = default);
}
