using System.Globalization;
using TalentFlow.Client.Http;
using TalentFlow.Contracts.Training;
using TalentFlow.Contracts.Training.Registry;

namespace TalentFlow.Cli.Operations;

/// <summary>
/// Follows a training job until it ends: polls <c>GET /api/v1/training/jobs/{id}</c> every <c>interval</c> and writes one
/// line per new entry of the job's log (the coordinator appends one at every change of state or stage, so a stage passed
/// between two polls is still printed, once); then reads the registry to say whether the gate promoted the version.
/// The API offers no push (no server-sent events, no long-poll) for jobs; a job's log makes polling lossless.
/// </summary>
internal sealed class TrainingFollower(TalentFlowHttpClient client, TextWriter lines, TimeProvider time)
{
    /// <summary>How long a succeeded job's gate verdict may take to reach the registry's history after the job ended.</summary>
    private static readonly TimeSpan VerdictWait = TimeSpan.FromSeconds(10);

    /// <summary>Follows <paramref name="jobId"/> until it ends and returns how it ended.</summary>
    /// <exception cref="CliException">No such job (exit code 2).</exception>
    public async Task<FollowedJob> FollowAsync(string jobId, TimeSpan interval, CancellationToken cancellationToken)
    {
        TrainingLogLine? last = null;
        (string Status, string Message)? seen = null;
        while (true)
        {
            TrainingJobInfo job;
            try
            {
                job = await client.GetTrainingJobAsync(jobId, cancellationToken).ConfigureAwait(false);
            }
            catch (TalentFlowNotFoundException) when (last is null && seen is null)
            {
                throw new CliException($"no training job '{jobId}' on this cluster (talentflow training trigger prints a job's id)", CliApp.BadArguments);
            }

            if (job.Log is { Count: > 0 } log)
            {
                foreach (var line in Unseen(log, last)) await lines.WriteLineAsync(Format(line.At, line.Progress, line.Message)).ConfigureAwait(false);
                last = log[^1];
            }
            else if (seen != (job.Status, job.Message))
            {
                // A job recorded before jobs kept logs: its status and message are all there is.
                await lines.WriteLineAsync(Format(job.FinishedAt ?? job.CreatedAt, job.Progress, $"{job.Status}: {job.Message}")).ConfigureAwait(false);
            }
            seen = (job.Status, job.Message);

            if (job.IsFinished)
            {
                return job.Status == "succeeded" ? await VerdictAsync(job, interval, cancellationToken).ConfigureAwait(false) : new FollowedJob(job, null);
            }
            await Task.Delay(interval, time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The lines of <paramref name="log"/> after <paramref name="last"/>; all of them when it has scrolled out of the kept lines.</summary>
    internal static IEnumerable<TrainingLogLine> Unseen(IReadOnlyList<TrainingLogLine> log, TrainingLogLine? last)
    {
        int start = 0;
        if (last is not null)
        {
            for (int i = log.Count - 1; i >= 0; i--)
            {
                if (log[i] == last)
                {
                    start = i + 1;
                    break;
                }
            }
        }
        for (int i = start; i < log.Count; i++) yield return log[i];
    }

    /// <summary><c>00:41:07   20%  Collecting labelled samples.</c>: when (UTC), the job's progress then, what happened.</summary>
    internal static string Format(DateTimeOffset at, double progress, string message) =>
        string.Create(CultureInfo.InvariantCulture, $"{at.UtcDateTime:HH:mm:ss}  {progress,4:0%}  {message}");

    /// <summary>
    /// Whether the gate promoted a succeeded job's version: the registry records the gate's decision as a <c>promoted</c> or
    /// <c>gate_rejected</c> event of that version (the promotion lands just after the job ends, so it is waited for briefly).
    /// </summary>
    private async Task<FollowedJob> VerdictAsync(TrainingJobInfo job, TimeSpan interval, CancellationToken cancellationToken)
    {
        if (job.Version is not { } version) return new FollowedJob(job, null);
        var deadline = time.GetUtcNow() + VerdictWait;
        while (true)
        {
            var history = await client.GetModelHistoryAsync(job.Model, 1000, cancellationToken).ConfigureAwait(false);
            var decision = history.LastOrDefault(e => e.Version == version && e.Kind is RegistryEventKinds.Promoted or RegistryEventKinds.GateRejected);
            if (decision is not null) return new FollowedJob(job, decision.Kind == RegistryEventKinds.Promoted);
            if (time.GetUtcNow() >= deadline) return new FollowedJob(job, null);
            await Task.Delay(interval, time, cancellationToken).ConfigureAwait(false);
        }
    }
}

/// <summary>How a followed training job ended.</summary>
/// <param name="Job">The job as it ended.</param>
/// <param name="Promoted">For a succeeded job: whether the gate promoted its version (null: not known).</param>
internal sealed record FollowedJob(TrainingJobInfo Job, bool? Promoted)
{
    /// <summary>The stage the version entered: Production when the gate promoted it, else Staging (null: not known).</summary>
    public string? Stage => Promoted switch { true => "Production", false => "Staging", null => null };

    /// <summary>Exit code of <c>follow</c> and <c>trigger --wait</c> when the job failed.</summary>
    public const int JobFailed = 3;

    /// <summary>Exit code of <c>follow</c> and <c>trigger --wait</c> when the job was cancelled.</summary>
    public const int JobCancelled = 4;

    /// <summary>The one line that ends a follow: the outcome, the version and the gate's verdict in figures.</summary>
    public string Summary()
    {
        var job = Job;
        return job.Status switch
        {
            "succeeded" => string.Create(CultureInfo.InvariantCulture, $"succeeded: {job.Model} version {job.Version} ") + Promotion() + Verdict(),
            "cancelled" => $"training job {job.Id} ({job.Model}) was cancelled: {job.Message}",
            _ => $"training job {job.Id} ({job.Model}) failed: {job.Message}",
        };
    }

    private string Promotion() => Promoted switch
    {
        true => "promoted to Production by the gate",
        false => "kept in Staging: rejected by the promotion gate",
        null => "registered (the gate's decision is not in the registry's history yet)",
    };

    /// <summary>The gate's figures (every kind trained by the loop records them), else the job's own message.</summary>
    private string Verdict()
    {
        var m = Job.Metrics;
        if (m.TryGetValue("roc_auc", out double auc) && m.TryGetValue("production_roc_auc", out double production) && m.TryGetValue("auc_difference", out double difference)
            && m.TryGetValue("auc_difference_lower", out double lower) && m.TryGetValue("auc_difference_upper", out double upper))
        {
            double confidence = m.GetValueOrDefault("promotion_confidence", 0.95);
            return string.Create(CultureInfo.InvariantCulture,
                $"; held-out ROC-AUC {auc:0.###} against production's {production:0.###}, difference {difference:+0.###;-0.###;0} ({confidence:0.#%} interval [{lower:0.###}, {upper:0.###}])");
        }
        return "; " + Job.Message;
    }

    /// <summary>The outcome as fields of the <c>--json</c> object.</summary>
    public IEnumerable<KeyValuePair<string, object>> Fields()
    {
        yield return new("job_id", Job.Id);
        yield return new("status", Job.Status);
        yield return new("message", Job.Message);
        if (Job.Version is { } version) yield return new("version", version);
        if (Promoted is { } promoted) yield return new("promoted", promoted);
        if (Stage is { } stage) yield return new("stage", stage);
        yield return new("metrics", Job.Metrics);
    }

    /// <summary>0 for a job that completed (promoted or kept back by the gate alike); <see cref="JobFailed"/>, <see cref="JobCancelled"/>.</summary>
    public int ExitCode => Job.Status switch
    {
        "succeeded" => 0,
        "cancelled" => JobCancelled,
        _ => JobFailed,
    };
}
