using System.Globalization;
using System.Text.Json;
using Orleans;
using TalentFlow.Contracts.Training;
using TalentFlow.Contracts.Training.Registry;
using TalentFlow.Grains.Matching;

namespace TalentFlow.Grains.Training;

public sealed partial class TrainingCoordinatorGrain
{
    /// <inheritdoc />
    public Task<TriggerResult> TriggerAsync(string model, bool force, CancellationToken cancellationToken = default) =>
        StartJobAsync(model, force, TriggerKinds.Manual, cancellationToken);

    private async Task<TriggerResult> StartJobAsync(string model, bool force, string trigger, CancellationToken cancellationToken)
    {
        if (!MatchingModels.TrainableModels.Contains(model))
        {
            return new TriggerResult(false, $"Model '{model}' cannot be trained yet; {string.Join(" and ", MatchingModels.TrainableModels.Order(StringComparer.Ordinal))} can.", null);
        }
        var running = RunningJob(model);
        if (running is not null && timeProvider.GetUtcNow() - running.CreatedAt > options.Value.JobTimeout)
        {
            string lost = $"No report within {options.Value.JobTimeout}; the trainer was lost.";
            await SaveJobAsync(Ended(running, "failed", lost), cancellationToken).ConfigureAwait(true);
            running = null;
        }
        if (running is not null) return new TriggerResult(false, $"Job {running.Id} for {model} is already {running.Status}.", running.Id);
        var status = await GetStatusAsync(model, cancellationToken).ConfigureAwait(true);
        if (!status.ReadyForTraining && !force)
        {
            return new TriggerResult(false, $"Not enough feedback: {status.TotalSamples} of {status.Threshold} samples ({status.SamplesNeeded} more needed); force to train anyway.", null);
        }

        var now = timeProvider.GetUtcNow();
        string id = "train-" + now.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..6];
        var job = Logged(new TrainingJobInfo(id, model, "queued", 0, "Waiting for a trainer silo.", new Dictionary<string, double>(), null, null, now, null, 1, trigger),
            $"Queued ({trigger}); waiting for a trainer silo.");
        // The threshold counts verdicts from this start on, whether or not a trainer takes it (a failed start waits for the
        // next threshold or a manual trigger rather than retrying on every verdict).
        state.State.TrainedAtSamples[model] = status.TotalSamples;
        await SaveJobAsync(job, cancellationToken).ConfigureAwait(true);
        try
        {
            // Placement puts the trainer grain on a silo with the trainer role only; none active means none can take it.
            string? trainer = await DispatchAsync(TrainerKey(id, 1), model, cancellationToken).ConfigureAwait(true);
            string dispatched = $"Training on trainer silo {trainer}.";
            await SaveJobAsync(Logged(job with { Status = "running", Progress = 0.1, Message = dispatched, Silo = trainer }, dispatched), cancellationToken).ConfigureAwait(true);
            EnsureWatchdog();
            return new TriggerResult(true, $"Training job {id} started.", id);
        }
        catch (Exception ex) when (ex is SiloUnavailableException or TalentFlow.Hosting.Placement.NoSiloWithRoleException)
        {
            string none = "No trainer silo can take it: " + ex.Message;
            await SaveJobAsync(Ended(job, "failed", none), cancellationToken).ConfigureAwait(true);
            return new TriggerResult(false, "No trainer silo is available.", id);
        }
    }

    /// <summary>
    /// Starts a trainer: on a trainer silo with an accelerator when one is Active (<see cref="SiloCapabilities"/>), else on any
    /// trainer silo. Placement by role either way, so never on a silo without the role.
    /// </summary>
    private Task<string?> DispatchAsync(string trainerKey, string model, CancellationToken cancellationToken) =>
        SiloCapabilities.AnyAcceleratedTrainer(cluster.Members())
            ? GrainFactory.GetGrain<IAcceleratedTrainerGrain>(trainerKey).StartAsync(model, cancellationToken)
            : GrainFactory.GetGrain<ITrainerGrain>(trainerKey).StartAsync(model, cancellationToken);

    private TrainingJobInfo? RunningJob(string model) =>
        state.State.Jobs.Values.FirstOrDefault(j => j.Model == model && j.Status is "queued" or "running");

    /// <summary>The trainer grain of a job's attempt: the job id, then <c>id~2</c>, <c>id~3</c> for dispatches after a loss.</summary>
    private static string TrainerKey(string jobId, int attempt) =>
        attempt == 1 ? jobId : jobId + "~" + attempt.ToString(CultureInfo.InvariantCulture);

    private static (string JobId, int Attempt) ParseTrainerKey(string key)
    {
        int tilde = key.LastIndexOf('~');
        return tilde < 0 ? (key, 1) : (key[..tilde], int.Parse(key.AsSpan(tilde + 1), CultureInfo.InvariantCulture));
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<TrainingJobInfo>> GetJobsAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<TrainingJobInfo>>([.. state.State.Jobs.Values.OrderByDescending(j => j.CreatedAt).ThenBy(j => j.Id, StringComparer.Ordinal)]);

    /// <inheritdoc />
    public Task<TrainingJobInfo?> GetJobAsync(string jobId, CancellationToken cancellationToken = default) =>
        Task.FromResult(state.State.Jobs.GetValueOrDefault(jobId));

    /// <inheritdoc />
    public async Task ReportAsync(TrainingOutcome outcome, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        var (jobId, attempt) = ParseTrainerKey(outcome.JobId);
        // A report from an attempt given up as lost (its silo came back, or was only slow) is not the job's any more.
        // A cancelled job's report is ignored too: nothing is registered.
        if (!state.State.Jobs.TryGetValue(jobId, out var job) || job.IsFinished || job.Attempt != attempt) return;
        var now = timeProvider.GetUtcNow();
        var registry = GrainFactory.GetGrain<IModelRegistryGrain>(job.Model);
        // Registered (in Staging, with the gate's verdict when it kept the version back) before the job ends, so a succeeded
        // job's version is always in the registry; a report retried after a failure registers it once.
        if (outcome.Succeeded && outcome.Version is not null) await registry.RegisterTrainedAsync(jobId, outcome, cancellationToken).ConfigureAwait(true);
        string message = !outcome.Succeeded ? outcome.Message
            : outcome.BeatsProduction ? outcome.Message + " Promoted to Production."
            : outcome.Message + (options.Value.RequireSignificantGain
                ? " Kept in Staging: the interval of the gain over production does not exclude 0."
                : " Kept in Staging: it does not beat production.");
        await SaveJobAsync(Logged(job with
        {
            Status = outcome.Succeeded ? "succeeded" : "failed", Progress = 1, Message = message, Metrics = outcome.Metrics,
            Version = outcome.Version, Silo = outcome.Silo, FinishedAt = now,
        }, message, now), cancellationToken).ConfigureAwait(true);
        if (outcome.Succeeded && outcome.BeatsProduction)
        {
            await registry.PromoteAsync(outcome.Version!, new RegistryChange(RegistryChange.GateActor, outcome.Message), cancellationToken).ConfigureAwait(true);
        }
    }

    private async Task SaveJobAsync(TrainingJobInfo job, CancellationToken cancellationToken)
    {
        state.State.Jobs.TryGetValue(job.Id, out var previous);
        state.State.Jobs[job.Id] = job;
        try
        {
            await state.WriteStateAsync(cancellationToken).ConfigureAwait(true);
        }
        catch
        {
            if (previous is null) state.State.Jobs.Remove(job.Id);
            else state.State.Jobs[job.Id] = previous;
            throw;
        }
    }
}
