using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans;
using TalentFlow.Contracts.Training;
using TalentFlow.Contracts.Training.Registry;
using TalentFlow.Grains.Matching;
using TalentFlow.Grains.Training.Registry;
using TalentFlow.Hosting.Cluster;
using TalentFlow.Hosting.Records;

namespace TalentFlow.Grains.Training;

/// <summary>
/// The training coordinator: counts verdicts (<see cref="VerdictTally"/>), starts training on demand, at the threshold and on a
/// schedule (<see cref="TrainingTriggerPolicy"/>), keeps the jobs and their logs (<see cref="TrainingJobBook"/>,
/// <see cref="TrainingJobLog"/>), dispatches them to trainer silos (<see cref="TrainerDispatch"/>) and again when one is lost
/// (<see cref="TrainerWatchdog"/>), and hands each trained version to its kind's <see cref="IModelRegistryGrain"/>, which
/// registers, promotes and fans it out. Its state is fenced by the storage ETag like every grain's, so a duplicate activation
/// during a view change cannot commit twice: the loser's write fails and it is deactivated.
/// </summary>
[GrainType("training-coordinator")]
public sealed class TrainingCoordinatorGrain(
    [PersistentState("coordinator")] IPersistentState<TrainingCoordinatorState> state,
    [PersistentRecords("registry-events")] IPersistentRecords<RegistryEvent> legacyEvents,
    IOptions<TrainingOptions> options,
    IClusterView cluster,
    IGrainFactory grains,
    ILogger<TrainingCoordinatorGrain> logger,
    [FromKeyedServices(GrainClock.Key)] TimeProvider timeProvider,
    Hosting.Diagnostics.TalentFlowMetrics metrics) : Grain, ITrainingCoordinatorGrain, IRemindable
{
    private const string ScheduleReminder = "training-schedule";
    private readonly LegacyRegistryHandover _handover = new(state, legacyEvents);
    private readonly VerdictTally _verdicts = new(state);
    private readonly TrainingJobBook _jobs = new(state, metrics);
    private readonly TrainingTriggerPolicy _triggers = new(options.Value);
    private readonly TrainerDispatch _dispatch = new(grains, cluster);
    private TrainerWatchdog? _watchdog;
    private IDisposable? _watchdogTimer;
    private IDisposable? _handoverTimer;

    private TrainerWatchdog Watchdog => _watchdog ??= new(_jobs, _dispatch, cluster, options.Value, timeProvider, logger);

    /// <inheritdoc />
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await _verdicts.MigrateLegacyAsync(cancellationToken).ConfigureAwait(true);
        // Not here but in a timer's turn: a registry grain asks the coordinator while it activates, which waits for this.
        if (_handover.Pending) _handoverTimer = this.RegisterGrainTimer(HandOverRegistryAsync, TimeSpan.Zero, TimeSpan.FromMinutes(1));
        EnsureWatchdog();
        // The schedule lives in a durable reminder: registered while a schedule is configured, removed when it no longer is.
        if (_triggers.HasSchedule)
        {
            await this.RegisterOrUpdateReminder(ScheduleReminder, options.Value.ScheduleCheckPeriod, options.Value.ScheduleCheckPeriod, cancellationToken).ConfigureAwait(true);
        }
        else
        {
            if (await this.GetReminder(ScheduleReminder, cancellationToken).ConfigureAwait(true) is { } stale) await this.UnregisterReminder(stale, cancellationToken).ConfigureAwait(true);
        }
    }

    /// <inheritdoc />
    public async Task RecordVerdictsAsync(string jobId, VerdictCounts counts, CancellationToken cancellationToken = default)
    {
        if (!await _verdicts.RecordAsync(jobId, counts, cancellationToken).ConfigureAwait(true)) return;
        // After a verdict is counted: start every kind that has the threshold's new verdicts.
        if (_triggers.AutoThreshold is { } threshold) await StartKindsWithNewVerdictsAsync(threshold, TriggerKinds.Threshold, cancellationToken).ConfigureAwait(true);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<string>> GetJobsWithVerdictsAsync(CancellationToken cancellationToken = default) => Task.FromResult(_verdicts.Jobs());

    /// <inheritdoc />
    public Task<TrainingStatus> GetStatusAsync(string model, CancellationToken cancellationToken = default) =>
        Task.FromResult(_triggers.Status(model, _verdicts.Of(model)));

    /// <inheritdoc />
    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != ScheduleReminder || !_triggers.HasSchedule) return;
        var now = timeProvider.GetUtcNow();
        bool due = _triggers.ScheduleDue(state.State.LastScheduleCheck, now);
        state.State.LastScheduleCheck = now;
        await state.WriteStateAsync().ConfigureAwait(true);
        if (due) await StartKindsWithNewVerdictsAsync(1, TriggerKinds.Schedule, CancellationToken.None).ConfigureAwait(true);
    }

    /// <inheritdoc />
    public Task<TriggerResult> TriggerAsync(string model, bool force, CancellationToken cancellationToken = default) =>
        StartJobAsync(model, force, TriggerKinds.Manual, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<TrainingJobInfo>> GetJobsAsync(CancellationToken cancellationToken = default) => Task.FromResult(_jobs.NewestFirst());

    /// <inheritdoc />
    public Task<TrainingJobInfo?> GetJobAsync(string jobId, CancellationToken cancellationToken = default) => Task.FromResult(_jobs.Get(jobId));

    /// <inheritdoc />
    public async Task<bool> ReportProgressAsync(string trainerKey, double progress, string line, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(trainerKey);
        ArgumentNullException.ThrowIfNull(line);
        if (_jobs.OfAttempt(trainerKey) is not { } job) return false;
        await _jobs.SaveAsync(TrainingJobLog.Progress(job, progress, line, timeProvider.GetUtcNow()), cancellationToken).ConfigureAwait(true);
        return true;
    }

    /// <inheritdoc />
    public async Task ReportAsync(TrainingOutcome outcome, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        // A cancelled job's report is ignored too: nothing is registered.
        if (_jobs.OfAttempt(outcome.JobId) is not { } job) return;
        var now = timeProvider.GetUtcNow();
        var registry = grains.GetGrain<IModelRegistryGrain>(job.Model);
        // Registered (in Staging, with the gate's verdict when it kept the version back) before the job ends, so a succeeded
        // job's version is always in the registry; a report retried after a failure registers it once.
        if (outcome.Succeeded && outcome.Version is not null) await registry.RegisterTrainedAsync(job.Id, outcome, cancellationToken).ConfigureAwait(true);
        await _jobs.SaveAsync(TrainingJobLog.Finish(job, outcome, options.Value.RequireSignificantGain, now), cancellationToken).ConfigureAwait(true);
        if (outcome.Succeeded && outcome.BeatsProduction)
        {
            await registry.PromoteAsync(outcome.Version!, new RegistryChange(RegistryChange.GateActor, outcome.Message), cancellationToken).ConfigureAwait(true);
        }
    }

    /// <inheritdoc />
    public async Task<TrainingJobInfo> CancelAsync(string jobId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(jobId);
        var job = _jobs.Get(jobId) ?? throw new KeyNotFoundException($"Training job '{jobId}' does not exist.");
        if (job.IsFinished) throw new TrainingJobEndedException($"Training job '{jobId}' has already {TrainingJobLog.EndedAs(job.Status)}; only a queued or running job can be cancelled.");
        var cancelled = TrainingJobLog.Cancel(job, timeProvider.GetUtcNow());
        await _jobs.SaveAsync(cancelled, cancellationToken).ConfigureAwait(true);
        TrainingCoordinatorLog.Cancelled(logger, jobId, job.Silo);
        return cancelled;
    }

    /// <inheritdoc />
    public Task<LegacyRegistry> GetLegacyRegistryAsync(string model, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(model);
        return Task.FromResult(_handover.Of(model));
    }

    private async Task<TriggerResult> StartJobAsync(string model, bool force, string trigger, CancellationToken cancellationToken)
    {
        if (!MatchingModels.TrainableModels.Contains(model))
        {
            return new TriggerResult(false, $"Model '{model}' cannot be trained yet; {string.Join(" and ", MatchingModels.TrainableModels.Order(StringComparer.Ordinal))} can.", null);
        }
        var running = _jobs.Active(model);
        if (running is not null && timeProvider.GetUtcNow() - running.CreatedAt > options.Value.JobTimeout)
        {
            string lost = $"No report within {options.Value.JobTimeout}; the trainer was lost.";
            await _jobs.SaveAsync(TrainingJobLog.End(running, "failed", lost, timeProvider.GetUtcNow()), cancellationToken).ConfigureAwait(true);
            running = null;
        }
        if (running is not null) return new TriggerResult(false, $"Job {running.Id} for {model} is already {running.Status}.", running.Id);
        var status = await GetStatusAsync(model, cancellationToken).ConfigureAwait(true);
        if (!status.ReadyForTraining && !force)
        {
            return new TriggerResult(false, $"Not enough feedback: {status.TotalSamples} of {status.Threshold} samples ({status.SamplesNeeded} more needed); force to train anyway.", null);
        }

        var job = TrainingJobBook.Queue(model, trigger, timeProvider.GetUtcNow());
        // The threshold counts verdicts from this start on, whether or not a trainer takes it (a failed start waits for the
        // next threshold or a manual trigger rather than retrying on every verdict).
        _verdicts.StartedTraining(model, status.TotalSamples);
        await _jobs.SaveAsync(job, cancellationToken).ConfigureAwait(true);
        try
        {
            // Placement puts the trainer grain on a silo with the trainer role only; none active means none can take it.
            string? trainer = await _dispatch.StartAsync(job.Id, 1, model, cancellationToken).ConfigureAwait(true);
            string dispatched = $"Training on trainer silo {trainer}.";
            var started = job with { Status = "running", Progress = 0.1, Message = dispatched, Silo = trainer };
            await _jobs.SaveAsync(TrainingJobLog.Append(started, dispatched, timeProvider.GetUtcNow()), cancellationToken).ConfigureAwait(true);
            EnsureWatchdog();
            return new TriggerResult(true, $"Training job {job.Id} started.", job.Id);
        }
        catch (Exception ex) when (TrainerDispatch.IsUnavailable(ex))
        {
            string none = "No trainer silo can take it: " + ex.Message;
            await _jobs.SaveAsync(TrainingJobLog.End(job, "failed", none, timeProvider.GetUtcNow()), cancellationToken).ConfigureAwait(true);
            return new TriggerResult(false, "No trainer silo is available.", job.Id);
        }
    }

    /// <summary>Starts every trainable kind with no running job and at least <paramref name="atLeast"/> verdicts since its last start.</summary>
    private async Task StartKindsWithNewVerdictsAsync(int atLeast, string trigger, CancellationToken cancellationToken)
    {
        foreach (var model in TrainingTriggerPolicy.DueKinds(atLeast, _verdicts.NewSinceLastStart, m => _jobs.Active(m) is not null))
        {
            try
            {
                var result = await StartJobAsync(model, force: true, trigger, cancellationToken).ConfigureAwait(true);
                TrainingCoordinatorLog.Started(logger, model, trigger, result.Message);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The verdict that tipped the count is durable already; training can start later (next threshold, schedule, by hand).
                TrainingCoordinatorLog.StartFailed(logger, model, trigger, ex.Message);
            }
        }
    }

    /// <summary>While a job runs, its trainer silo is checked for life every <see cref="TrainingOptions.TrainerCheckInterval"/>.</summary>
    private void EnsureWatchdog()
    {
        if (_watchdogTimer is not null || !_jobs.AnyRunning) return;
        _watchdogTimer = this.RegisterGrainTimer(CheckTrainersAsync, options.Value.TrainerCheckInterval, options.Value.TrainerCheckInterval);
    }

    private async Task CheckTrainersAsync(CancellationToken cancellationToken)
    {
        await Watchdog.CheckAsync(cancellationToken).ConfigureAwait(true);
        if (_jobs.AnyRunning) return;
        _watchdogTimer?.Dispose();
        _watchdogTimer = null;
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
            foreach (var model in kinds) await grains.GetGrain<IModelRegistryGrain>(model).GetVersionsAsync(cancellationToken).ConfigureAwait(true);
            await _handover.ForgetAsync(cancellationToken).ConfigureAwait(true);
            TrainingCoordinatorLog.HandedOver(logger, kinds.Count);
            _handoverTimer?.Dispose();
            _handoverTimer = null;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            TrainingCoordinatorLog.HandoverFailed(logger, ex.Message);
        }
    }
}
