using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Concurrency;
using TalentFlow.Contracts.Jobs;

namespace TalentFlow.Grains.Recommendations;

/// <summary>
/// The catalog's front: a stateless worker on every silo that routes each job to its shard and merges the shards' rankings.
/// Each shard answers its exact top k, so the best k of their union is the exact top k of the whole catalog.
/// </summary>
[GrainType("job-catalog")]
[StatelessWorker]
public sealed class JobCatalogGrain(IOptions<RecommendationOptions> options) : Grain, IJobCatalogGrain
{
    /// <inheritdoc />
    public Task RegisterAsync(string jobId, JobPosting posting, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(jobId);
        ArgumentNullException.ThrowIfNull(posting);
        return Shard(jobId).UpsertAsync(CatalogScoring.Entry(jobId, posting), cancellationToken);
    }

    /// <inheritdoc />
    public Task<bool> RemoveAsync(string jobId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(jobId);
        return Shard(jobId).RemoveAsync(jobId, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<JobCatalogEntry?> GetAsync(string jobId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(jobId);
        var found = await Shard(jobId).GetAsync([jobId], cancellationToken).ConfigureAwait(true);
        return found.Count == 0 ? null : found[0];
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<CatalogHit>> TopAsync(CatalogQuery query, int top, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(top);
        int shards = options.Value.CatalogShards;
        var calls = new Task<IReadOnlyList<CatalogHit>>[shards];
        for (int shard = 0; shard < shards; shard++)
        {
            calls[shard] = GrainFactory.GetGrain<IJobCatalogShardGrain>(JobCatalogShards.Key(shard)).TopAsync(query, top, cancellationToken);
        }
        var partitions = await Task.WhenAll(calls).ConfigureAwait(true);
        var merged = new List<CatalogHit>(shards * top);
        foreach (var partition in partitions) merged.AddRange(partition);
        merged.Sort(CatalogScoring.Compare);
        return merged.Count > top ? merged.GetRange(0, top) : merged;
    }

    /// <inheritdoc />
    public async Task<int> CountAsync(CancellationToken cancellationToken = default)
    {
        int shards = options.Value.CatalogShards;
        var calls = new Task<int>[shards];
        for (int shard = 0; shard < shards; shard++)
        {
            calls[shard] = GrainFactory.GetGrain<IJobCatalogShardGrain>(JobCatalogShards.Key(shard)).CountAsync(cancellationToken);
        }
        return (await Task.WhenAll(calls).ConfigureAwait(true)).Sum();
    }

    private IJobCatalogShardGrain Shard(string jobId) =>
        GrainFactory.GetGrain<IJobCatalogShardGrain>(JobCatalogShards.KeyOf(jobId, options.Value.CatalogShards));
}
