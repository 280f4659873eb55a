using TalentFlow.Runtime;

namespace TalentFlow.Grains;

/// <summary>
/// The jobs that have screening results to review (one key, <see cref="Key"/>): job grains register once per activation when
/// they screen or receive a verdict, so agreement across jobs and the dashboard can find every job in review, including
/// those whose only verdicts are disputed (the training coordinator lists only jobs with labels).
/// </summary>
public interface IReviewDirectoryGrain : IGrain
{
    /// <summary>The only key.</summary>
    public const string Key = "all";

    /// <summary>Adds a job (idempotent); acknowledged once durable.</summary>
    Task RegisterAsync(string jobId, CancellationToken cancellationToken = default);

    /// <summary>Every registered job id, in ordinal order.</summary>
    [ReadOnly]
    Task<IReadOnlyList<string>> GetJobsAsync(CancellationToken cancellationToken = default);
}
