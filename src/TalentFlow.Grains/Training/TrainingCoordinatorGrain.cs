using Microsoft.Extensions.Options;
using TalentFlow.Runtime;
using TalentFlow.Runtime.Broadcast;

namespace TalentFlow.Grains;

/// <summary>What the coordinator persists: the latest verdict per screening result, per model kind.</summary>
public sealed class TrainingCoordinatorState
{
    /// <summary>Model kind → result id → the counted verdict.</summary>
    public Dictionary<string, Dictionary<string, CountedFeedback>> Feedback { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Training jobs by id.</summary>
    public Dictionary<string, TrainingJobInfo> Jobs { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The registry: every version of every model kind, oldest first.</summary>
    public List<ModelVersionInfo> Versions { get; set; } = [];

    /// <summary>Model kind → the versions that became production, in order, newest last (a rollback goes back along it).</summary>
    public Dictionary<string, List<string>> ProductionHistory { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Model kind → its labelled-sample count when training last started (the threshold counts new verdicts from there).</summary>
    public Dictionary<string, int> TrainedAtSamples { get; set; } = new(StringComparer.Ordinal);

    /// <summary>When the schedule's reminder last looked for a due occurrence.</summary>
    public DateTimeOffset? LastScheduleCheck { get; set; }
}

/// <summary>One result's verdict as the coordinator counts it.</summary>
public sealed class CountedFeedback
{
    /// <summary>Reviewer said match.</summary>
    public bool Positive { get; set; }

    /// <summary>Reviewer disagreed with the model.</summary>
    public bool NeedsRetraining { get; set; }
}

/// <summary>
/// The training coordinator: counts verdicts, starts training (on demand, at the threshold, on a schedule), dispatches jobs to
/// trainer silos and dispatches again when one is lost, keeps the registry and fans promoted versions out. Its state is fenced
/// by the storage ETag like every grain's, so a duplicate activation during a view change cannot commit twice: the loser's
/// write fails and it is deactivated.
/// </summary>
[GrainType("training-coordinator")]
public sealed partial class TrainingCoordinatorGrain(
    [PersistentState("coordinator")] IPersistentState<TrainingCoordinatorState> state,
    IOptions<TrainingOptions> options,
    IClusterBroadcaster broadcaster,
    Runtime.Hosting.Silo silo,
    Microsoft.Extensions.Logging.ILogger<TrainingCoordinatorGrain> logger) : Grain, ITrainingCoordinatorGrain, IRemindable
{
    /// <inheritdoc />
    public async Task RecordFeedbackAsync(FeedbackRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        // Screening scores with the baseline today; later model kinds tag their own results.
        string model = MatchingModels.BaselineModelName;
        if (!state.State.Feedback.TryGetValue(model, out var byResult))
        {
            state.State.Feedback[model] = byResult = new(StringComparer.Ordinal);
        }
        byResult.TryGetValue(record.ResultId, out var previous);
        var counted = new CountedFeedback { Positive = record.Feedback.IsPositive, NeedsRetraining = record.NeedsRetraining };
        if (previous is not null && previous.Positive == counted.Positive && previous.NeedsRetraining == counted.NeedsRetraining) return;
        byResult[record.ResultId] = counted;
        try
        {
            await state.WriteStateAsync(cancellationToken).ConfigureAwait(true);
        }
        catch
        {
            if (previous is null) byResult.Remove(record.ResultId);
            else byResult[record.ResultId] = previous;
            throw;
        }
        await AutoTriggerAsync(cancellationToken).ConfigureAwait(true);
    }

    /// <summary>
    /// Where a kind's labels come from: reviewers judge screening results, not a model, so every kind that scores a resume
    /// against a job (the baseline, the semantic encoder) learns from the same verdicts.
    /// </summary>
    private static string LabelSource(string model) =>
        MatchingModels.TrainableModels.Contains(model) ? MatchingModels.BaselineModelName : model;

    /// <inheritdoc />
    public Task<TrainingStatus> GetStatusAsync(string model, CancellationToken cancellationToken = default)
    {
        int total = 0, positive = 0, retrain = 0;
        if (state.State.Feedback.TryGetValue(LabelSource(model), out var byResult))
        {
            foreach (var counted in byResult.Values)
            {
                total++;
                if (counted.Positive) positive++;
                if (counted.NeedsRetraining) retrain++;
            }
        }
        int threshold = options.Value.Threshold;
        return Task.FromResult(new TrainingStatus(model, total, positive, total - positive, retrain, threshold, total >= threshold, Math.Max(0, threshold - total)));
    }
}
