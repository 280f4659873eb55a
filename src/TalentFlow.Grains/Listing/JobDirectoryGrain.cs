using Orleans;
using Orleans.Concurrency;
using TalentFlow.Contracts.Jobs;
using TalentFlow.Grains.Jobs;

namespace TalentFlow.Grains.Listing;

/// <summary>The job directory's front: a stateless worker on every silo that routes each job to its shard and pages over all of them.</summary>
[GrainType("job-directory")]
[StatelessWorker]
public sealed class JobDirectoryGrain : Grain, IJobDirectoryGrain
{
    private const string Kind = "job";

    /// <inheritdoc />
    public Task RegisterAsync(JobSummary job, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentException.ThrowIfNullOrEmpty(job.Id);
        return Shard(DirectoryShards.KeyOf(Kind, job.Id)).UpsertAsync(job, cancellationToken);
    }

    /// <inheritdoc />
    public Task<bool> RemoveAsync(string jobId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(jobId);
        return Shard(DirectoryShards.KeyOf(Kind, jobId)).RemoveAsync(jobId, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<JobPage> ListAsync(int limit, string? cursor = null, CancellationToken cancellationToken = default)
    {
        var (items, next) = await DirectoryScatter.PageAsync<JobSummary>(limit, cursor, static j => j.Id,
            (shard, afterId, max) => Shard(DirectoryShards.Key(shard)).ListAsync(afterId, max, cancellationToken)).ConfigureAwait(true);
        return new JobPage(items, next);
    }

    private IJobDirectoryShardGrain Shard(string key) => GrainFactory.GetGrain<IJobDirectoryShardGrain>(key);
}
