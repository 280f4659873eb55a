using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans;
using TalentFlow.Contracts.Training;
using TalentFlow.Contracts.Training.Registry;
using TalentFlow.Grains;
using TalentFlow.Grains.Matching;
using TalentFlow.Grains.Training.Registry;
using TalentFlow.Hosting.Cluster;
using TalentFlow.Hosting.Records;

namespace TalentFlow.Grains.Training;

/// <summary>
/// What the coordinator persists: each job's verdict counts, the jobs, the trigger bookkeeping. The registry lives in one
/// <see cref="IModelRegistryGrain"/> per model kind; the registry properties below are what earlier versions kept here, read
/// only to hand them over (<see cref="LegacyRegistryHandover"/>) and empty afterwards.
/// </summary>
public sealed class TrainingCoordinatorState
{
    /// <summary>Job id → its latest verdict counts (the verdicts stay with the job grain).</summary>
    public Dictionary<string, VerdictCounts> VerdictsByJob { get; set; } = new(StringComparer.Ordinal);

    /// <summary>
    /// The verdicts as an earlier version kept them, one entry per result (model kind → result id → verdict); read once at
    /// activation into <see cref="VerdictsByJob"/> and emptied, so old state keeps its counts.
    /// </summary>
    public Dictionary<string, Dictionary<string, CountedFeedback>> Feedback { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Training jobs by id.</summary>
    public Dictionary<string, TrainingJobInfo> Jobs { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Model kind → its labelled-sample count when training last started (the threshold counts new verdicts from there).</summary>
    public Dictionary<string, int> TrainedAtSamples { get; set; } = new(StringComparer.Ordinal);

    /// <summary>When the schedule's reminder last looked for a due occurrence.</summary>
    public DateTimeOffset? LastScheduleCheck { get; set; }

    /// <summary>Legacy: every version of every model kind, as the coordinator kept the registry before (handed over once).</summary>
    public List<ModelVersionInfo> Versions { get; set; } = [];

    /// <summary>Legacy: model kind → the versions that became production, newest last (handed over once).</summary>
    public Dictionary<string, List<string>> ProductionHistory { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Legacy: the running A/B test (handed over once to its kind's registry).</summary>
    public ModelAbTest? AbTest { get; set; }

    /// <summary>Legacy: model kind → alias → the version it names (handed over once).</summary>
    public Dictionary<string, Dictionary<string, ModelAlias>> Aliases { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Legacy: registry events committed with their change but not yet moved to the event records (handed over once).</summary>
    public List<RegistryEvent> PendingEvents { get; set; } = [];

    /// <summary>Legacy: the sequence number of the last registry event, across kinds.</summary>
    public long EventSequence { get; set; }
}

/// <summary>One result's verdict as an earlier version of the coordinator counted it (read only to migrate).</summary>
public sealed class CountedFeedback
{
    /// <summary>Reviewer said match.</summary>
    public bool Positive { get; set; }

    /// <summary>Reviewer disagreed with the model.</summary>
    public bool NeedsRetraining { get; set; }
}

/// <summary>
/// The training coordinator: counts verdicts, starts training (on demand, at the threshold, on a schedule), dispatches jobs to
/// trainer silos and dispatches again when one is lost, and hands each trained version to its kind's
/// <see cref="IModelRegistryGrain"/>, which registers, promotes and fans it out. Its state is fenced
/// by the storage ETag like every grain's, so a duplicate activation during a view change cannot commit twice: the loser's
/// write fails and it is deactivated.
/// </summary>
[GrainType("training-coordinator")]
public sealed partial class TrainingCoordinatorGrain(
    [PersistentState("coordinator")] IPersistentState<TrainingCoordinatorState> state,
    [PersistentRecords("registry-events")] IPersistentRecords<RegistryEvent> legacyEvents,
    IOptions<TrainingOptions> options,
    IClusterView cluster,
    ILogger<TrainingCoordinatorGrain> logger,
    [FromKeyedServices(GrainClock.Key)] TimeProvider timeProvider) : Grain, ITrainingCoordinatorGrain, IRemindable
{
    private readonly LegacyRegistryHandover _handover = new(state, legacyEvents);

    /// <inheritdoc />
    public async Task RecordVerdictsAsync(string jobId, VerdictCounts counts, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(jobId);
        ArgumentNullException.ThrowIfNull(counts);
        if (counts.Total < 0 || counts.Positive < 0 || counts.NeedsRetraining < 0 || counts.Positive > counts.Total || counts.NeedsRetraining > counts.Total)
        {
            throw new ArgumentException($"Inconsistent verdict counts for job {jobId}: {counts}.", nameof(counts));
        }
        var byJob = state.State.VerdictsByJob;
        byJob.TryGetValue(jobId, out var previous);
        if (previous == counts || (previous is null && counts.Total == 0)) return;
        if (counts.Total == 0) byJob.Remove(jobId);
        else byJob[jobId] = counts;
        try
        {
            await state.WriteStateAsync(cancellationToken).ConfigureAwait(true);
        }
        catch
        {
            if (previous is null) byJob.Remove(jobId);
            else byJob[jobId] = previous;
            throw;
        }
        await AutoTriggerAsync(cancellationToken).ConfigureAwait(true);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<string>> GetJobsWithVerdictsAsync(CancellationToken cancellationToken = default)
    {
        var jobs = new List<string>(state.State.VerdictsByJob.Keys);
        jobs.Sort(StringComparer.Ordinal);
        return Task.FromResult<IReadOnlyList<string>>(jobs);
    }

    /// <summary>
    /// Reviewers judge screening results, not a model, so every kind that scores a resume against a job (the baseline, the
    /// semantic encoder) learns from the same verdicts; other kinds have none yet.
    /// </summary>
    private VerdictCounts Verdicts(string model)
    {
        if (!MatchingModels.TrainableModels.Contains(model)) return new VerdictCounts(0, 0, 0);
        int total = 0, positive = 0, retrain = 0;
        foreach (var counts in state.State.VerdictsByJob.Values)
        {
            total += counts.Total;
            positive += counts.Positive;
            retrain += counts.NeedsRetraining;
        }
        return new VerdictCounts(total, positive, retrain);
    }

    /// <summary>State written before the verdicts moved to their jobs: per-result entries become per-job counts, once.</summary>
    private async Task MigrateLegacyVerdictsAsync(CancellationToken cancellationToken)
    {
        if (state.State.Feedback.Count == 0) return;
        foreach (var byResult in state.State.Feedback.Values)
        {
            var counted = new Dictionary<string, VerdictCounts>(StringComparer.Ordinal);
            foreach (var (resultId, verdict) in byResult)
            {
                int bar = resultId.IndexOf('|', StringComparison.Ordinal);
                if (bar <= 0) continue;
                string job = resultId[..bar];
                var c = counted.GetValueOrDefault(job) ?? new VerdictCounts(0, 0, 0);
                counted[job] = new VerdictCounts(c.Total + 1, c.Positive + (verdict.Positive ? 1 : 0), c.NeedsRetraining + (verdict.NeedsRetraining ? 1 : 0));
            }
            foreach (var (job, c) in counted) state.State.VerdictsByJob.TryAdd(job, c);
        }
        state.State.Feedback.Clear();
        await state.WriteStateAsync(cancellationToken).ConfigureAwait(true);
    }

    /// <inheritdoc />
    public Task<TrainingStatus> GetStatusAsync(string model, CancellationToken cancellationToken = default)
    {
        var counts = Verdicts(model);
        int threshold = options.Value.Threshold;
        return Task.FromResult(new TrainingStatus(model, counts.Total, counts.Positive, counts.Total - counts.Positive, counts.NeedsRetraining, threshold,
            counts.Total >= threshold, Math.Max(0, threshold - counts.Total)));
    }

    /// <inheritdoc />
    public Task<LegacyRegistry> GetLegacyRegistryAsync(string model, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(model);
        return Task.FromResult(_handover.Of(model));
    }

    /// <summary>
    /// While state of an earlier version holds a registry: each kind's registry grain is activated (it takes its part over at
    /// activation, asking <see cref="GetLegacyRegistryAsync"/>), then the coordinator forgets its copy. Tried again on the
    /// timer's next tick when a registry or the write fails.
    /// </summary>
    private async Task HandOverRegistryAsync(CancellationToken cancellationToken)
    {
        try
        {
            var kinds = _handover.Kinds();
            foreach (var model in kinds) await GrainFactory.GetGrain<IModelRegistryGrain>(model).GetVersionsAsync(cancellationToken).ConfigureAwait(true);
            await _handover.ForgetAsync(cancellationToken).ConfigureAwait(true);
            HandedOver(logger, kinds.Count);
            _handoverTimer?.Dispose();
            _handoverTimer = null;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            HandoverFailed(logger, ex.Message);
        }
    }

    [LoggerMessage(2212, LogLevel.Information, "The coordinator handed the registries of {Kinds} model kinds over to their registry grains.")]
    private static partial void HandedOver(ILogger logger, int kinds);

    [LoggerMessage(2213, LogLevel.Warning, "The registry handover is not finished ({Reason}); it is tried again.")]
    private static partial void HandoverFailed(ILogger logger, string reason);
}
