using Microsoft.Extensions.Logging;
using TalentFlow.Contracts.Training;
using TalentFlow.Hosting.Cluster;

namespace TalentFlow.Grains.Training;

/// <summary>
/// Watches the running jobs' trainer silos: a job whose silo is no longer active is dispatched again (placement by role: only a
/// trainer silo can take it, never the one that was lost) until <see cref="TrainingOptions.MaxAttempts"/>, then fails. The
/// coordinator runs <see cref="CheckAsync"/> on a timer every <see cref="TrainingOptions.TrainerCheckInterval"/> while a job runs.
/// </summary>
internal sealed class TrainerWatchdog(TrainingJobBook jobs, TrainerDispatch dispatch, IClusterView cluster, TrainingOptions options, TimeProvider time, ILogger logger)
{
    /// <summary>Checks every running job's trainer silo once.</summary>
    public async Task CheckAsync(CancellationToken cancellationToken)
    {
        var active = new HashSet<string>(StringComparer.Ordinal);
        foreach (var member in cluster.Members())
        {
            if (member.IsActive) active.Add(member.Address);
        }
        foreach (var job in jobs.Running())
        {
            if (job.Silo is null || active.Contains(job.Silo)) continue;
            await DispatchAgainAsync(job, job.Silo, cancellationToken).ConfigureAwait(true);
        }
    }

    private async Task DispatchAgainAsync(TrainingJobInfo job, string lost, CancellationToken cancellationToken)
    {
        if (job.Attempt >= options.MaxAttempts)
        {
            string gaveUp = $"Trainer silo {lost} was lost; gave up after {job.Attempt} attempts.";
            await jobs.SaveAsync(TrainingJobLog.End(job, "failed", gaveUp, time.GetUtcNow()), cancellationToken).ConfigureAwait(true);
            return;
        }
        int attempt = job.Attempt + 1;
        try
        {
            string? trainer = await dispatch.StartAsync(job.Id, attempt, job.Model, cancellationToken).ConfigureAwait(true);
            // A timer turn may have interleaved with a cancellation: then the new attempt finds the job ended and stops.
            if (jobs.Get(job.Id) is not { Status: "running" } current || current.Attempt != job.Attempt) return;
            string again = $"Trainer silo {lost} was lost; dispatched again to {trainer} (attempt {attempt}).";
            await jobs.SaveAsync(TrainingJobLog.Append(job with { Attempt = attempt, Silo = trainer, Progress = 0.1, Message = again }, again, time.GetUtcNow()),
                cancellationToken).ConfigureAwait(true);
            TrainingCoordinatorLog.Redispatched(logger, job.Id, lost, trainer, attempt);
        }
        catch (Exception ex) when (TrainerDispatch.IsUnavailable(ex))
        {
            // No trainer can take it right now: the next check tries again, until the job times out.
            TrainingCoordinatorLog.Redispatched(logger, job.Id, lost, "none (" + ex.Message + ")", attempt);
        }
    }
}
