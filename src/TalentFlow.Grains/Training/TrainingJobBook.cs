using System.Globalization;
using Orleans.Runtime;
using TalentFlow.Contracts.Training;
using TalentFlow.Hosting.Diagnostics;

namespace TalentFlow.Grains.Training;

/// <summary>
/// The coordinator's training jobs, kept in its state by id: the lookups its calls and its watchdog need, a new job's id, and
/// the write of a changed job (put back when storage refuses it), and the count of jobs that ended (<see cref="TalentFlowMetrics"/>).
/// </summary>
internal sealed class TrainingJobBook(IPersistentState<TrainingCoordinatorState> state, TalentFlowMetrics? metrics = null)
{
    private Dictionary<string, TrainingJobInfo> Jobs => state.State.Jobs;

    /// <summary>Whether a job is running on a trainer silo (then the watchdog checks its silo).</summary>
    public bool AnyRunning => Jobs.Values.Any(j => j.Status is "running");

    /// <summary>A job, or null.</summary>
    public TrainingJobInfo? Get(string jobId) => Jobs.GetValueOrDefault(jobId);

    /// <summary>Every job, newest first (ties by id).</summary>
    public IReadOnlyList<TrainingJobInfo> NewestFirst() =>
        [.. Jobs.Values.OrderByDescending(j => j.CreatedAt).ThenBy(j => j.Id, StringComparer.Ordinal)];

    /// <summary><paramref name="model"/>'s queued or running job, or null.</summary>
    public TrainingJobInfo? Active(string model) => Jobs.Values.FirstOrDefault(j => j.Model == model && j.Status is "queued" or "running");

    /// <summary>The jobs running on a trainer silo now.</summary>
    public IReadOnlyList<TrainingJobInfo> Running() => [.. Jobs.Values.Where(j => j.Status == "running")];

    /// <summary>
    /// The unfinished job whose current attempt <paramref name="trainerKey"/> names, or null: a report from an attempt given up
    /// as lost (its silo came back, or was only slow), or about a cancelled or ended job, is not the job's any more.
    /// </summary>
    public TrainingJobInfo? OfAttempt(string trainerKey)
    {
        var (jobId, attempt) = TrainerDispatch.ParseKey(trainerKey);
        return Jobs.TryGetValue(jobId, out var job) && !job.IsFinished && job.Attempt == attempt ? job : null;
    }

    /// <summary>A new job for <paramref name="model"/>, queued at <paramref name="now"/> (not yet written).</summary>
    public static TrainingJobInfo Queue(string model, string trigger, DateTimeOffset now)
    {
        string id = "train-" + now.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..6];
        return TrainingJobLog.Append(
            new TrainingJobInfo(id, model, "queued", 0, "Waiting for a trainer silo.", new Dictionary<string, double>(), null, null, now, null, 1, trigger),
            $"Queued ({trigger}); waiting for a trainer silo.", now);
    }

    /// <summary>Writes <paramref name="job"/> (new or changed); when the write fails the book keeps what it had.</summary>
    public async Task SaveAsync(TrainingJobInfo job, CancellationToken cancellationToken)
    {
        Jobs.TryGetValue(job.Id, out var previous);
        Jobs[job.Id] = job;
        await state.WriteOrRestoreAsync(() =>
        {
            if (previous is null) Jobs.Remove(job.Id);
            else Jobs[job.Id] = previous;
        }, cancellationToken).ConfigureAwait(true);
        // Counted once the end is durable: every end (report, cancel, watchdog) is written through here.
        if (job.IsFinished && previous is not { IsFinished: true }) metrics?.TrainingJobEnded(job.Model, job.Status);
    }
}
