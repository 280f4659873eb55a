using TalentFlow.Runtime;

namespace TalentFlow.Grains;

/// <summary>
/// One partition of the job catalog (keyed <c>catalog-N</c>): durable entries, and in memory every job-side part of the
/// recommender's score computed once per job. Silo-side only; reached through <see cref="IJobCatalogGrain"/>.
/// </summary>
public interface IJobCatalogShardGrain : IGrain
{
    /// <summary>Adds or replaces a job; acknowledged once durable.</summary>
    Task UpsertAsync(JobCatalogEntry entry, CancellationToken cancellationToken = default);

    /// <summary>Removes a job; false when it was not held.</summary>
    Task<bool> RemoveAsync(string jobId, CancellationToken cancellationToken = default);

    /// <summary>The entries of those of <paramref name="jobIds"/> this shard holds.</summary>
    [ReadOnly]
    Task<IReadOnlyList<JobCatalogEntry>> GetAsync(IReadOnlyList<string> jobIds, CancellationToken cancellationToken = default);

    /// <summary>This shard's exact best <paramref name="top"/> jobs for <paramref name="query"/>, best first (ties: lower id).</summary>
    [ReadOnly]
    Task<IReadOnlyList<CatalogHit>> TopAsync(CatalogQuery query, int top, CancellationToken cancellationToken = default);

    /// <summary>Jobs held.</summary>
    [ReadOnly]
    Task<int> CountAsync(CancellationToken cancellationToken = default);
}
