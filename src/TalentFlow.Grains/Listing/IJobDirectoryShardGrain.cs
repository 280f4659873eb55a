using Orleans;
using Orleans.Concurrency;
using TalentFlow.Contracts.Jobs;

namespace TalentFlow.Grains.Listing;

/// <summary>One partition of the job directory (keyed <c>shard-N</c>). Silo-side only; reached through <see cref="TalentFlow.Grains.Jobs.IJobDirectoryGrain"/>.</summary>
[Alias("TalentFlow.Grains.IJobDirectoryShardGrain")]
public interface IJobDirectoryShardGrain : IGrainWithStringKey
{
    /// <summary>Adds or replaces a job; acknowledged once durable.</summary>
    [Alias("UpsertAsync")]
    Task UpsertAsync(JobSummary job, CancellationToken cancellationToken = default);

    /// <summary>Removes a job; false when it was not held.</summary>
    [Alias("RemoveAsync")]
    Task<bool> RemoveAsync(string jobId, CancellationToken cancellationToken = default);

    /// <summary>At most <paramref name="limit"/> jobs with an id ordinally after <paramref name="afterId"/> (from the start when null).</summary>
    [ReadOnly]
    [Alias("ListAsync")]
    Task<DirectoryPart<JobSummary>> ListAsync(string? afterId, int limit, CancellationToken cancellationToken = default);
}
