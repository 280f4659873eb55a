using TalentFlow.Contracts.Training;

namespace TalentFlow.Grains.Training;

/// <summary>
/// A training job's progress and log as the coordinator keeps them: every change of a job appends a line (at the job's
/// progress then) to its log, of which only the last <see cref="TrainingJobInfo.MaxLogLines"/> are kept.
/// </summary>
internal static class TrainingJobLog
{
    /// <summary>The job with <paramref name="line"/> appended to its log at its current progress, keeping the last lines only.</summary>
    public static TrainingJobInfo Append(TrainingJobInfo job, string line, DateTimeOffset at)
    {
        var log = new List<TrainingLogLine>(TrainingJobInfo.MaxLogLines);
        if (job.Log is { } previous) log.AddRange(previous.Skip(Math.Max(0, previous.Count - (TrainingJobInfo.MaxLogLines - 1))));
        log.Add(new TrainingLogLine(at, job.Progress, line));
        return job with { Log = log };
    }

    /// <summary>The job ended as <paramref name="status"/> at <paramref name="at"/>, with <paramref name="message"/> as its last log line.</summary>
    public static TrainingJobInfo End(TrainingJobInfo job, string status, string message, DateTimeOffset at) =>
        Append(job with { Status = status, Message = message, FinishedAt = at }, message, at);

    /// <summary>The job at <paramref name="progress"/> (clamped to [0, 1]) with a trainer's <paramref name="line"/>.</summary>
    public static TrainingJobInfo Progress(TrainingJobInfo job, double progress, string line, DateTimeOffset at) =>
        Append(job with { Progress = Math.Clamp(progress, 0, 1), Message = line }, line, at);

    /// <summary>The job cancelled at <paramref name="at"/>.</summary>
    public static TrainingJobInfo Cancel(TrainingJobInfo job, DateTimeOffset at) =>
        Append(job with { Status = "cancelled", Message = "Cancelled.", FinishedAt = at }, "Cancelled; whatever the trainer reports now is ignored.", at);

    /// <summary>
    /// The job ended by its trainer's <paramref name="outcome"/>; a succeeded job says whether its version was promoted or kept in
    /// Staging, and why (<paramref name="requireSignificantGain"/>: <see cref="TrainingOptions.RequireSignificantGain"/>).
    /// </summary>
    public static TrainingJobInfo Finish(TrainingJobInfo job, TrainingOutcome outcome, bool requireSignificantGain, DateTimeOffset at)
    {
        string message = !outcome.Succeeded ? outcome.Message
            : outcome.BeatsProduction ? outcome.Message + " Promoted to Production."
            : outcome.Message + (requireSignificantGain
                ? " Kept in Staging: the interval of the gain over production does not exclude 0."
                : " Kept in Staging: it does not beat production.");
        return Append(job with
        {
            Status = outcome.Succeeded ? "succeeded" : "failed", Progress = 1, Message = message, Metrics = outcome.Metrics,
            Version = outcome.Version, Silo = outcome.Silo, FinishedAt = at,
        }, message, at);
    }

    /// <summary>How an ended job's status reads after "has already": succeeded, failed, been cancelled.</summary>
    public static string EndedAs(string status) => status switch
    {
        "succeeded" => "succeeded",
        "failed" => "failed",
        _ => "been cancelled",
    };
}
