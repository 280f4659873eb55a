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

    /// <summary>Every registered version of every model kind.</summary>
    [ReadOnly]
    [Alias("GetVersionsAsync")]
    Task<IReadOnlyList<ModelVersionInfo>> GetVersionsAsync(CancellationToken cancellationToken = default);

    /// <summary>The production version of <paramref name="model"/>, or null while the built-in one serves.</summary>
    [ReadOnly]
    [Alias("GetProductionAsync")]
    Task<string?> GetProductionAsync(string model, CancellationToken cancellationToken = default);

    /// <summary>The jobs that hold verdicts, in ordinal order (trainers and exports read the verdicts from them).</summary>
    [ReadOnly]
    [Alias("GetJobsWithVerdictsAsync")]
    Task<IReadOnlyList<string>> GetJobsWithVerdictsAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// A trainer's report: registers the version in Staging and promotes it (and fans it out) only when it clears the
    /// promotion bar. Ignored when the job was cancelled, has ended or was dispatched again since.
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
    /// Registers a version whose artifact is already stored (under <c>model:version</c>), in stage <c>None</c>: a model made
    /// outside the learning loop, not evaluated by it. Promote it by hand to serve it.
    /// </summary>
    /// <exception cref="ArgumentException">The model kind is not trainable or the version's artifact is missing.</exception>
    /// <exception cref="ModelRegistryConflictException">The model already has that version.</exception>
    [Alias("RegisterAsync")]
    Task RegisterAsync(string model, string version, IReadOnlyDictionary<string, double>? metrics, CancellationToken cancellationToken = default);

    /// <summary>
    /// Makes a registered version production (promotion or rollback) and fans it out to every silo; promoting the challenger of
    /// the running A/B test ends the test.
    /// </summary>
    /// <exception cref="KeyNotFoundException">No such version.</exception>
    [Alias("PromoteAsync")]
    Task PromoteAsync(string model, string version, CancellationToken cancellationToken = default);

    /// <summary>
    /// Rolls a model kind back: its production version is archived and the one it replaced — its parent if still registered,
    /// else the most recently archived former production version — serves again, fanned out to every silo.
    /// </summary>
    /// <returns>The version now in production.</returns>
    /// <exception cref="KeyNotFoundException">The model kind has no production version.</exception>
    /// <exception cref="ModelRegistryConflictException">There is no earlier production version to go back to.</exception>
    [Alias("RollbackAsync")]
    Task<ModelVersionInfo> RollbackAsync(string model, CancellationToken cancellationToken = default);

    /// <summary>
    /// Starts an A/B test of <paramref name="model"/> (or changes its share or challenger): <paramref name="challengerVersion"/>
    /// scores <paramref name="share"/> of the candidates on every silo, fanned out like a promotion. One test at a time: two
    /// would split by the same hash, so their arms would coincide and their effects could not be told apart.
    /// </summary>
    /// <returns>The test as stored.</returns>
    /// <exception cref="ArgumentException">Unknown kind, a kind that cannot be split, or a share outside (0, 1).</exception>
    /// <exception cref="KeyNotFoundException">No such version.</exception>
    /// <exception cref="ModelRegistryConflictException">The version is production already, or another kind is under test.</exception>
    [Alias("StartAbTestAsync")]
    Task<ModelAbTest> StartAbTestAsync(string model, string challengerVersion, double share, CancellationToken cancellationToken = default);

    /// <summary>The running A/B test, or null.</summary>
    [ReadOnly]
    [Alias("GetAbTestAsync")]
    Task<ModelAbTest?> GetAbTestAsync(CancellationToken cancellationToken = default);

    /// <summary>Ends the A/B test of <paramref name="model"/>: every silo scores every candidate with production again.</summary>
    /// <returns>The ended test, or null when <paramref name="model"/> had none.</returns>
    [Alias("EndAbTestAsync")]
    Task<ModelAbTest?> EndAbTestAsync(string model, CancellationToken cancellationToken = default);
}
