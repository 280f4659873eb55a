using Microsoft.Extensions.Logging;
using Orleans;
using Quartz;
using TalentFlow.Grains.Matching;

namespace TalentFlow.Grains.Training;

/// <summary>What started a training job.</summary>
public static class TriggerKinds
{
    /// <summary>Someone asked (API, CLI, grain call).</summary>
    public const string Manual = "manual";

    /// <summary><see cref="TrainingOptions.Threshold"/> new verdicts arrived.</summary>
    public const string Threshold = "threshold";

    /// <summary>An occurrence of <see cref="TrainingOptions.Schedule"/>.</summary>
    public const string Schedule = "schedule";
}

public sealed partial class TrainingCoordinatorGrain
{
    private const string ScheduleReminder = "training-schedule";
    private IDisposable? _watchdog;
    private IDisposable? _handoverTimer;

    /// <inheritdoc />
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await MigrateLegacyVerdictsAsync(cancellationToken).ConfigureAwait(true);
        // Not here but in a timer's turn: a registry grain asks the coordinator while it activates, which waits for this.
        if (_handover.Pending) _handoverTimer = this.RegisterGrainTimer(HandOverRegistryAsync, TimeSpan.Zero, TimeSpan.FromMinutes(1));
        EnsureWatchdog();
        // The schedule lives in a durable reminder: registered while a schedule is configured, removed when it no longer is.
        if (options.Value.Schedule is not null)
        {
            await this.RegisterOrUpdateReminder(ScheduleReminder, options.Value.ScheduleCheckPeriod, options.Value.ScheduleCheckPeriod, cancellationToken).ConfigureAwait(true);
        }
        else
        {
            if (await this.GetReminder(ScheduleReminder, cancellationToken).ConfigureAwait(true) is { } stale) await this.UnregisterReminder(stale, cancellationToken).ConfigureAwait(true);
        }
    }

    /// <inheritdoc />
    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != ScheduleReminder || options.Value.Schedule is not { } schedule) return;
        var cron = new CronExpression(schedule, TimeZoneInfo.Utc);
        var now = timeProvider.GetUtcNow();
        var next = cron.GetNextValidTimeAfter(state.State.LastScheduleCheck ?? now - options.Value.ScheduleCheckPeriod);
        state.State.LastScheduleCheck = now;
        await state.WriteStateAsync().ConfigureAwait(true);
        if (next is null || next > now) return;
        await StartKindsWithNewVerdictsAsync(1, TriggerKinds.Schedule, CancellationToken.None).ConfigureAwait(true);
    }

    /// <summary>After a verdict is counted: start every kind that has <see cref="TrainingOptions.Threshold"/> new verdicts.</summary>
    private Task AutoTriggerAsync(CancellationToken cancellationToken) =>
        options.Value.AutoTrigger ? StartKindsWithNewVerdictsAsync(options.Value.Threshold, TriggerKinds.Threshold, cancellationToken) : Task.CompletedTask;

    /// <summary>Starts every trainable kind with no running job and at least <paramref name="atLeast"/> verdicts since its last start.</summary>
    private async Task StartKindsWithNewVerdictsAsync(int atLeast, string trigger, CancellationToken cancellationToken)
    {
        foreach (var model in MatchingModels.TrainableModels.Order(StringComparer.Ordinal))
        {
            // The count of labelled results is the size of the kind's verdict map: no need to walk it.
            int total = Verdicts(model).Total;
            if (total - state.State.TrainedAtSamples.GetValueOrDefault(model) < atLeast || RunningJob(model) is not null) continue;
            await TryStartAsync(model, trigger, cancellationToken).ConfigureAwait(true);
        }
    }

    private async Task TryStartAsync(string model, string trigger, CancellationToken cancellationToken)
    {
        try
        {
            var result = await StartJobAsync(model, force: true, trigger, cancellationToken).ConfigureAwait(true);
            Started(logger, model, trigger, result.Message);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The verdict that tipped the count is durable already; training can start later (next threshold, schedule, by hand).
            StartFailed(logger, model, trigger, ex.Message);
        }
    }

    /// <summary>While a job runs, its trainer silo is checked for life every <see cref="TrainingOptions.TrainerCheckInterval"/>.</summary>
    private void EnsureWatchdog()
    {
        if (_watchdog is not null || !state.State.Jobs.Values.Any(j => j.Status is "running")) return;
        _watchdog = this.RegisterGrainTimer(CheckTrainersAsync, options.Value.TrainerCheckInterval, options.Value.TrainerCheckInterval);
    }

    private async Task CheckTrainersAsync(CancellationToken cancellationToken)
    {
        var active = new HashSet<string>(StringComparer.Ordinal);
        foreach (var member in cluster.Members())
        {
            if (member.IsActive) active.Add(member.Address);
        }
        var running = state.State.Jobs.Values.Where(j => j.Status == "running").ToList();
        foreach (var job in running)
        {
            if (job.Silo is null || active.Contains(job.Silo)) continue;
            if (job.Attempt >= options.Value.MaxAttempts)
            {
                string gaveUp = $"Trainer silo {job.Silo} was lost; gave up after {job.Attempt} attempts.";
                await SaveJobAsync(Ended(job, "failed", gaveUp), cancellationToken).ConfigureAwait(true);
                continue;
            }
            int attempt = job.Attempt + 1;
            try
            {
                // Placement by role: only a trainer silo can take it, never the silo that was lost (it is no longer active).
                string? trainer = await DispatchAsync(TrainerKey(job.Id, attempt), job.Model, cancellationToken).ConfigureAwait(true);
                // A timer turn may have interleaved with a cancellation: then the new attempt finds the job ended and stops.
                if (state.State.Jobs.GetValueOrDefault(job.Id) is not { Status: "running" } current || current.Attempt != job.Attempt) continue;
                string again = $"Trainer silo {job.Silo} was lost; dispatched again to {trainer} (attempt {attempt}).";
                await SaveJobAsync(Logged(job with { Attempt = attempt, Silo = trainer, Progress = 0.1, Message = again }, again), cancellationToken).ConfigureAwait(true);
                Redispatched(logger, job.Id, job.Silo, trainer, attempt);
            }
            catch (Exception ex) when (ex is SiloUnavailableException or TalentFlow.Hosting.Placement.NoSiloWithRoleException)
            {
                // No trainer can take it right now: the next check tries again, until the job times out.
                Redispatched(logger, job.Id, job.Silo, "none (" + ex.Message + ")", attempt);
            }
        }
        if (!state.State.Jobs.Values.Any(j => j.Status is "running"))
        {
            _watchdog?.Dispose();
            _watchdog = null;
        }
    }

    [LoggerMessage(2201, LogLevel.Information, "Training of {Model} ({Trigger}): {Message}")]
    private static partial void Started(ILogger logger, string model, string trigger, string message);

    [LoggerMessage(2202, LogLevel.Warning, "Training of {Model} ({Trigger}) could not start: {Reason}")]
    private static partial void StartFailed(ILogger logger, string model, string trigger, string reason);

    [LoggerMessage(2203, LogLevel.Warning, "Job {JobId} lost its trainer silo {Lost}; dispatched to {Next} (attempt {Attempt}).")]
    private static partial void Redispatched(ILogger logger, string jobId, string lost, string? next, int attempt);
}
