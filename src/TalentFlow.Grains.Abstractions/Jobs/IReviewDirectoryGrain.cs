using Orleans;
using Orleans.Concurrency;

namespace TalentFlow.Grains.Jobs;

/// <summary>
/// The jobs that have screening results to review (one key, <see cref="Key"/>): job grains register once per activation when
/// they screen or receive a verdict, so agreement across jobs and the dashboard can find every job in review, including
/// those whose only verdicts are disputed (the training coordinator lists only jobs with labels).
/// </summary>
[Alias("TalentFlow.Grains.IReviewDirectoryGrain")]
public interface IReviewDirectoryGrain : IGrainWithStringKey
{
    /// <summary>The only key.</summary>
    public const string Key = "all";

    /// <summary>Adds a job (idempotent); acknowledged once durable.</summary>
    [Alias("RegisterAsync")]
    Task RegisterAsync(string jobId, CancellationToken cancellationToken = default);

    /// <summary>Every registered job id, in ordinal order.</summary>
    [ReadOnly]
    [Alias("GetJobsAsync")]
    Task<IReadOnlyList<string>> GetJobsAsync(CancellationToken cancellationToken = default);
}
