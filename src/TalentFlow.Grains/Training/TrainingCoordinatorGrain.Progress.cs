using Microsoft.Extensions.Logging;
using TalentFlow.Contracts.Training;

namespace TalentFlow.Grains.Training;

public sealed partial class TrainingCoordinatorGrain
{
    /// <inheritdoc />
    public async Task<bool> ReportProgressAsync(string trainerKey, double progress, string line, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(trainerKey);
        ArgumentNullException.ThrowIfNull(line);
        var (jobId, attempt) = ParseTrainerKey(trainerKey);
        if (!state.State.Jobs.TryGetValue(jobId, out var job) || job.IsFinished || job.Attempt != attempt) return false;
        double clamped = Math.Clamp(progress, 0, 1);
        await SaveJobAsync(Logged(job with { Progress = clamped, Message = line }, line), cancellationToken).ConfigureAwait(true);
        return true;
    }

    /// <inheritdoc />
    public async Task<TrainingJobInfo> CancelAsync(string jobId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(jobId);
        if (!state.State.Jobs.TryGetValue(jobId, out var job)) throw new KeyNotFoundException($"Training job '{jobId}' does not exist.");
        if (job.IsFinished) throw new TrainingJobEndedException($"Training job '{jobId}' has already {EndedAs(job.Status)}; only a queued or running job can be cancelled.");
        var now = timeProvider.GetUtcNow();
        var cancelled = Logged(job with { Status = "cancelled", Message = "Cancelled.", FinishedAt = now }, "Cancelled; whatever the trainer reports now is ignored.", now);
        await SaveJobAsync(cancelled, cancellationToken).ConfigureAwait(true);
        Cancelled(logger, jobId, job.Silo);
        return cancelled;
    }

    private static string EndedAs(string status) => status switch
    {
        "succeeded" => "succeeded",
        "failed" => "failed",
        _ => "been cancelled",
    };

    /// <summary>The job with <paramref name="line"/> appended to its log at its current progress, keeping the last lines only.</summary>
    private TrainingJobInfo Logged(TrainingJobInfo job, string line) => Logged(job, line, timeProvider.GetUtcNow());

    /// <summary>The job ended as <paramref name="status"/> now, with <paramref name="message"/> as its last log line.</summary>
    private TrainingJobInfo Ended(TrainingJobInfo job, string status, string message)
    {
        var now = timeProvider.GetUtcNow();
        return Logged(job with { Status = status, Message = message, FinishedAt = now }, message, now);
    }

    private static TrainingJobInfo Logged(TrainingJobInfo job, string line, DateTimeOffset at)
    {
        var log = new List<TrainingLogLine>(TrainingJobInfo.MaxLogLines);
        if (job.Log is { } previous) log.AddRange(previous.Skip(Math.Max(0, previous.Count - (TrainingJobInfo.MaxLogLines - 1))));
        log.Add(new TrainingLogLine(at, job.Progress, line));
        return job with { Log = log };
    }

    [LoggerMessage(2204, LogLevel.Information, "Training job {JobId} cancelled (trainer silo {Silo}).")]
    private static partial void Cancelled(ILogger logger, string jobId, string? silo);
}
