using Orleans;
using Orleans.Concurrency;
using TalentFlow.Contracts.Training;

namespace TalentFlow.Grains.Training;

/// <summary>
/// The singleton (key <see cref="SingletonKey"/>) that aggregates reviewers' feedback and decides when to train. The verdicts
/// themselves stay with their job grains; the coordinator keeps each job's counts, reported as absolute values, so reporting
/// again is idempotent and its state grows with the jobs, not with the verdicts.
/// </summary>
[Alias("TalentFlow.Grains.ITrainingCoordinatorGrain")]
public interface ITrainingCoordinatorGrain : IGrainWithStringKey
{
    /// <summary>The one key.</summary>
    public const string SingletonKey = "singleton";

    /// <summary>
    /// A job's verdict counts as they are now (its latest verdict per screening result); replaces what the job reported
    /// before, and may start training at the threshold. Acknowledged once durable.
    /// </summary>
    [Alias("RecordVerdictsAsync")]
    Task RecordVerdictsAsync(string jobId, VerdictCounts counts, CancellationToken cancellationToken = default);

    /// <summary>The counts and readiness of <paramref name="model"/>.</summary>
    [ReadOnly]
    [Alias("GetStatusAsync")]
    Task<TrainingStatus> GetStatusAsync(string model, CancellationToken cancellationToken = default);

    /// <summary>
    /// Starts a training job for <paramref name="model"/> on a trainer silo when enough feedback is in (or when
    /// <paramref name="force"/>); one running job per model kind.
    /// </summary>
    [Alias("TriggerAsync")]
    Task<TriggerResult> TriggerAsync(string model, bool force, CancellationToken cancellationToken = default);

    /// <summary>A training job, or null.</summary>
    [ReadOnly]
    [Alias("GetJobAsync")]
    Task<TrainingJobInfo?> GetJobAsync(string jobId, CancellationToken cancellationToken = default);

    /// <summary>Every training job, newest first.</summary>
    [ReadOnly]
    [Alias("GetJobsAsync")]
    Task<IReadOnlyList<TrainingJobInfo>> GetJobsAsync(CancellationToken cancellationToken = default);

    /// <summary>The jobs that hold verdicts, in ordinal order (trainers and exports read the verdicts from them).</summary>
    [ReadOnly]
    [Alias("GetJobsWithVerdictsAsync")]
    Task<IReadOnlyList<string>> GetJobsWithVerdictsAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// A trainer's report: registers the version in Staging with the kind's <see cref="IModelRegistryGrain"/> and has it
    /// promote it (and fan it out) only when it clears the promotion bar. Ignored when the job was cancelled, has ended or
    /// was dispatched again since.
    /// </summary>
    [Alias("ReportAsync")]
    Task ReportAsync(TrainingOutcome outcome, CancellationToken cancellationToken = default);

    /// <summary>
    /// A trainer's progress between phases (key: the trainer grain's key, <c>job</c> or <c>job~attempt</c>): sets the job's
    /// progress and message and appends <paramref name="line"/> to its log. Answers whether the trainer should go on: false
    /// when the job was cancelled, has ended or belongs to another attempt now, and then nothing is recorded.
    /// </summary>
    [Alias("ReportProgressAsync")]
    Task<bool> ReportProgressAsync(string trainerKey, double progress, string line, CancellationToken cancellationToken = default);

    /// <summary>
    /// Cancels a queued or running job: it ends as <c>cancelled</c>, its trainer stops at its next phase, and whatever the
    /// trainer reports afterwards is ignored (nothing is registered).
    /// </summary>
    /// <returns>The cancelled job.</returns>
    /// <exception cref="KeyNotFoundException">No such job.</exception>
    /// <exception cref="TrainingJobEndedException">The job has already ended.</exception>
    [Alias("CancelAsync")]
    Task<TrainingJobInfo> CancelAsync(string jobId, CancellationToken cancellationToken = default);

    /// <summary>
    /// The registry state of <paramref name="model"/> that an earlier version of the coordinator kept (versions, production
    /// history, aliases, A/B test, events), for the kind's <see cref="IModelRegistryGrain"/> to take over at its first
    /// activation; empty once handed over. A read of memory only, so it interleaves: the registry may ask while the
    /// coordinator waits on it.
    /// </summary>
    [AlwaysInterleave]
    [Alias("GetLegacyRegistryAsync")]
    Task<LegacyRegistry> GetLegacyRegistryAsync(string model, CancellationToken cancellationToken = default);
}
