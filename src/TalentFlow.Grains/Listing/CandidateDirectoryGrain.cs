using Orleans;
using Orleans.Concurrency;
using TalentFlow.Contracts.Candidates;
using TalentFlow.Grains.Candidates;

namespace TalentFlow.Grains.Listing;

/// <summary>The candidate directory's front: a stateless worker on every silo that routes each candidate to its shard and pages over all of them.</summary>
[GrainType("candidate-directory")]
[StatelessWorker]
public sealed class CandidateDirectoryGrain : Grain, ICandidateDirectoryGrain
{
    private const string Kind = "candidate";

    /// <inheritdoc />
    public Task RegisterAsync(CandidateSummary candidate, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        ArgumentException.ThrowIfNullOrEmpty(candidate.Id);
        return Shard(DirectoryShards.KeyOf(Kind, candidate.Id)).UpsertAsync(candidate, cancellationToken);
    }

    /// <inheritdoc />
    public Task<bool> RemoveAsync(string candidateId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(candidateId);
        return Shard(DirectoryShards.KeyOf(Kind, candidateId)).RemoveAsync(candidateId, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<CandidatePage> ListAsync(int limit, string? cursor = null, CancellationToken cancellationToken = default)
    {
        var (items, next) = await DirectoryScatter.PageAsync<CandidateSummary>(limit, cursor, static c => c.Id,
            (shard, afterId, max) => Shard(DirectoryShards.Key(shard)).ListAsync(afterId, max, cancellationToken)).ConfigureAwait(true);
        return new CandidatePage(items, next);
    }

    private ICandidateDirectoryShardGrain Shard(string key) => GrainFactory.GetGrain<ICandidateDirectoryShardGrain>(key);
}
