using Orleans;
using Orleans.Concurrency;

namespace TalentFlow.Grains.Recommendations;

/// <summary>
/// One partition of the job catalog (keyed <c>catalog-N</c>): durable entries, and in memory every job-side part of the
/// recommender's score computed once per job. Silo-side only; reached through <see cref="IJobCatalogGrain"/>.
/// </summary>
[Alias("TalentFlow.Grains.IJobCatalogShardGrain")]
public interface IJobCatalogShardGrain : IGrainWithStringKey
{
    /// <summary>Adds or replaces a job; acknowledged once durable.</summary>
    [Alias("UpsertAsync")]
    Task UpsertAsync(JobCatalogEntry entry, CancellationToken cancellationToken = default);

    /// <summary>Removes a job; false when it was not held.</summary>
    [Alias("RemoveAsync")]
    Task<bool> RemoveAsync(string jobId, CancellationToken cancellationToken = default);

    /// <summary>The entries of those of <paramref name="jobIds"/> this shard holds.</summary>
    [ReadOnly]
    [Alias("GetAsync")]
    Task<IReadOnlyList<JobCatalogEntry>> GetAsync(IReadOnlyList<string> jobIds, CancellationToken cancellationToken = default);

    /// <summary>This shard's exact best <paramref name="top"/> jobs for <paramref name="query"/>, best first (ties: lower id).</summary>
    [ReadOnly]
    [Alias("TopAsync")]
    Task<IReadOnlyList<CatalogHit>> TopAsync(CatalogQuery query, int top, CancellationToken cancellationToken = default);

    /// <summary>Jobs held.</summary>
    [ReadOnly]
    [Alias("CountAsync")]
    Task<int> CountAsync(CancellationToken cancellationToken = default);
}
