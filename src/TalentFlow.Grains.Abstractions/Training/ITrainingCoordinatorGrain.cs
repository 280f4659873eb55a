using TalentFlow.Runtime;

namespace TalentFlow.Grains;

/// <summary>
/// The singleton (key <see cref="SingletonKey"/>) that aggregates reviewers' feedback per model kind and decides when to train.
/// Recording is idempotent per screening result: feedback submitted again replaces the earlier verdict in the counts.
/// </summary>
public interface ITrainingCoordinatorGrain : IGrain
{
    /// <summary>The one key.</summary>
    public const string SingletonKey = "singleton";

    /// <summary>Counts (or re-counts) one result's feedback; acknowledged once durable.</summary>
    Task RecordFeedbackAsync(FeedbackRecord record, CancellationToken cancellationToken = default);

    /// <summary>The counts and readiness of <paramref name="model"/>.</summary>
    [ReadOnly]
    Task<TrainingStatus> GetStatusAsync(string model, CancellationToken cancellationToken = default);

    /// <summary>
    /// Starts a training job for <paramref name="model"/> on a trainer silo when enough feedback is in (or when
    /// <paramref name="force"/>); one running job per model kind.
    /// </summary>
    Task<TriggerResult> TriggerAsync(string model, bool force, CancellationToken cancellationToken = default);

    /// <summary>A training job, or null.</summary>
    [ReadOnly]
    Task<TrainingJobInfo?> GetJobAsync(string jobId, CancellationToken cancellationToken = default);

    /// <summary>Every training job, newest first.</summary>
    [ReadOnly]
    Task<IReadOnlyList<TrainingJobInfo>> GetJobsAsync(CancellationToken cancellationToken = default);

    /// <summary>Every registered version of every model kind.</summary>
    [ReadOnly]
    Task<IReadOnlyList<ModelVersionInfo>> GetVersionsAsync(CancellationToken cancellationToken = default);

    /// <summary>The production version of <paramref name="model"/>, or null while the built-in one serves.</summary>
    [ReadOnly]
    Task<string?> GetProductionAsync(string model, CancellationToken cancellationToken = default);

    /// <summary>The labelled samples of <paramref name="model"/> (for trainers).</summary>
    [ReadOnly]
    Task<IReadOnlyList<LabelledResult>> GetLabelledResultsAsync(string model, CancellationToken cancellationToken = default);

    /// <summary>A trainer's report: registers the version and promotes it (and fans it out) only when it beats production.</summary>
    Task ReportAsync(TrainingOutcome outcome, CancellationToken cancellationToken = default);

    /// <summary>Makes a registered version production (promotion or rollback) and fans it out to every silo.</summary>
    /// <exception cref="KeyNotFoundException">No such version.</exception>
    Task PromoteAsync(string model, string version, CancellationToken cancellationToken = default);
}
