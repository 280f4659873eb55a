using Orleans;
using TalentFlow.Contracts;
using TalentFlow.Contracts.Jobs;

namespace TalentFlow.Grains.Jobs;

/// <summary>
/// Every stored job, listed in id order (one key, <see cref="Key"/>; a stateless worker in front of the directory's shards). Job
/// grains register their summary when a posting is stored, before the store is acknowledged, so a job is listed as soon as its
/// create answers.
/// </summary>
[Alias("TalentFlow.Grains.IJobDirectoryGrain")]
public interface IJobDirectoryGrain : IGrainWithStringKey
{
    /// <summary>The only key.</summary>
    public const string Key = "jobs";

    /// <summary>Adds or replaces a job's summary; acknowledged once durable.</summary>
    [Alias("RegisterAsync")]
    Task RegisterAsync(JobSummary job, CancellationToken cancellationToken = default);

    /// <summary>Removes a job from the list; false when it was not listed.</summary>
    [Alias("RemoveAsync")]
    Task<bool> RemoveAsync(string jobId, CancellationToken cancellationToken = default);

    /// <summary>
    /// At most <paramref name="limit"/> jobs after <paramref name="cursor"/> (from the start when null), in ordinal id order,
    /// with the cursor of the next page (<see cref="Paging"/>).
    /// </summary>
    /// <exception cref="ArgumentException">The limit is not 1–500, or the cursor is not one this directory made.</exception>
    [Alias("ListAsync")]
    Task<JobPage> ListAsync(int limit, string? cursor = null, CancellationToken cancellationToken = default);
}
