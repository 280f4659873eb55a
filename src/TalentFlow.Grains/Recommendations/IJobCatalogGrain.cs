using Orleans;
using TalentFlow.Contracts.Jobs;

namespace TalentFlow.Grains.Recommendations;

/// <summary>
/// The job catalog as a whole (a stateless worker, one key <see cref="Key"/>): routes a job to its shard, and answers a ranking
/// by scatter-gather over every <see cref="IJobCatalogShardGrain"/> with an exact merge of their top k. Job grains register
/// into it when a posting is stored; User grains rank against it without calling any Job grain.
/// </summary>
[Alias("TalentFlow.Grains.IJobCatalogGrain")]
public interface IJobCatalogGrain : IGrainWithStringKey
{
    /// <summary>The only key.</summary>
    public const string Key = "catalog";

    /// <summary>Adds or replaces the catalog entry of a posting; acknowledged once durable in its shard.</summary>
    [Alias("RegisterAsync")]
    Task RegisterAsync(string jobId, JobPosting posting, CancellationToken cancellationToken = default);

    /// <summary>Removes a job from the catalog (a deleted posting); false when it was not there.</summary>
    [Alias("RemoveAsync")]
    Task<bool> RemoveAsync(string jobId, CancellationToken cancellationToken = default);

    /// <summary>The catalog entry of a job, or null.</summary>
    [Alias("GetAsync")]
    Task<JobCatalogEntry?> GetAsync(string jobId, CancellationToken cancellationToken = default);

    /// <summary>The exact best <paramref name="top"/> jobs of the whole catalog for <paramref name="query"/>.</summary>
    [Alias("TopAsync")]
    Task<IReadOnlyList<CatalogHit>> TopAsync(CatalogQuery query, int top, CancellationToken cancellationToken = default);

    /// <summary>Jobs in the catalog.</summary>
    [Alias("CountAsync")]
    Task<int> CountAsync(CancellationToken cancellationToken = default);
}
