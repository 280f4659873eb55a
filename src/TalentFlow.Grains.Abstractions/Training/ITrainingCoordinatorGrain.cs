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
}
