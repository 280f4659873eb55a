using System.CommandLine;
using TalentFlow.Cli.Hosting;
using TalentFlow.Contracts.Training;

namespace TalentFlow.Cli.Operations;

/// <summary>
/// <c>training status|trigger</c>, seed 002's <c>scheduled_training.py</c> against a running cluster:
/// <c>status [--model M]</c> prints the feedback counts and whether training is due; <c>trigger [--model M] [--force]
/// [--min-samples N] [--dry-run]</c> starts a training job — when the coordinator's threshold is reached, or with
/// <c>--min-samples N</c> when at least N labelled samples are in, or regardless with <c>--force</c>; <c>--dry-run</c> only says
/// what it would do, and with <c>--wait</c> follows the started job to its end; <c>follow JOB [--interval 1s]</c> prints the job's
/// stages as they happen and its outcome (<see cref="TrainingFollower"/>): exit 0 when it completed (promoted or kept back by
/// the gate), <see cref="FollowedJob.JobFailed"/> when it failed, <see cref="FollowedJob.JobCancelled"/> when cancelled, 2 for
/// an unknown job.
/// </summary>
internal static class TrainingCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("training", "Feedback counts and training jobs of a running cluster.");
        command.Subcommands.Add(Status(context));
        command.Subcommands.Add(Trigger(context));
        command.Subcommands.Add(Follow(context));
        return command;
    }

    private static Option<string> ModelOption() =>
        new("--model") { Description = "The model kind.", DefaultValueFactory = _ => "baseline_tfidf" };

    private static Command Status(CliContext context)
    {
        var api = new ApiConnection();
        var model = ModelOption();
        var json = new Option<bool>("--json") { Description = "Print one JSON object." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Accepted for parity with the seed's script; status never changes anything." };
        var command = new Command("status", "Print the training status: samples, threshold, whether training is due.") { model, dryRun, json };
        api.AddTo(command);
        command.SetAction((parse, ct) => api.RunAsync(parse, async (client, token) =>
        {
            var status = await client.GetTrainingStatusAsync(parse.GetValue(model), token).ConfigureAwait(false);
            JsonOutput.Write(context.Stdout, Fields(status), parse.GetValue(json));
            return 0;
        }, ct));
        return command;
    }

    private static Command Trigger(CliContext context)
    {
        var api = new ApiConnection();
        var model = ModelOption();
        var force = new Option<bool>("--force") { Description = "Train regardless of the threshold." };
        var minSamples = new Option<int?>("--min-samples") { Description = "Train when at least N labelled samples are in, instead of the coordinator's threshold." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Say what would happen; start nothing." };
        var json = new Option<bool>("--json") { Description = "Print one JSON object." };
        var wait = new Option<bool>("--wait") { Description = "Follow the started job until it ends, as 'training follow' does." };
        var interval = IntervalOption.Create();
        var command = new Command("trigger", "Start a training job when enough feedback is in (or with --force).") { model, force, minSamples, dryRun, wait, interval, json };
        api.AddTo(command);
        command.Validators.Add(result =>
        {
            if (result.GetValue(minSamples) is < 1) result.AddError("--min-samples must be at least 1.");
        });
        command.SetAction((parse, ct) => api.RunAsync(parse, async (client, token) =>
        {
            string kind = parse.GetValue(model)!;
            var status = await client.GetTrainingStatusAsync(kind, token).ConfigureAwait(false);
            int? least = parse.GetValue(minSamples);
            bool due = parse.GetValue(force) || (least is { } n ? status.TotalSamples >= n : status.ReadyForTraining);
            string reason = parse.GetValue(force) ? "forced"
                : least is { } m ? $"{status.TotalSamples} labelled samples, at least {m} asked"
                : $"{status.TotalSamples} labelled samples, threshold {status.Threshold}";
            var fields = Fields(status);
            if (parse.GetValue(dryRun) || !due)
            {
                fields.Add(new("triggered", false));
                fields.Add(new("message", (due ? "would train: " : "would not train: ") + reason + (parse.GetValue(dryRun) ? " (dry run)" : "")));
                JsonOutput.Write(context.Stdout, fields, parse.GetValue(json));
                return 0;
            }
            // The coordinator's own gate is the threshold; a caller's lower --min-samples (or --force) overrides it.
            var result = await client.TriggerTrainingAsync(kind, force: true, token).ConfigureAwait(false);
            fields.Add(new("triggered", result.Success));
            fields.Add(new("message", result.Message));
            if (result.JobId is { } id) fields.Add(new("job_id", id));
            if (!result.Success || !parse.GetValue(wait))
            {
                JsonOutput.Write(context.Stdout, fields, parse.GetValue(json));
                return result.Success ? 0 : throw new CliException("training did not start: " + result.Message);
            }
            if (!parse.GetValue(json)) JsonOutput.Write(context.Stdout, fields, json: false);
            return await FollowAsync(context, client, result.JobId!, parse.GetValue(interval), parse.GetValue(json), parse.GetValue(json) ? [.. fields.Where(f => f.Key != "message" && f.Key != "job_id")] : [], token).ConfigureAwait(false);
        }, ct));
        return command;
    }

    private static Command Follow(CliContext context)
    {
        var api = new ApiConnection();
        var job = new Argument<string>("job") { Description = "The training job's id (as 'training trigger' prints it)." };
        var interval = IntervalOption.Create();
        var json = new Option<bool>("--json") { Description = "Print one JSON object with the outcome; the stages go to stderr." };
        var command = new Command("follow", "Print a training job's stages until it ends, then its outcome: promoted or kept back by the gate, and the version.")
        {
            job, interval, json,
        };
        api.AddTo(command);
        command.SetAction((parse, ct) => api.RunAsync(parse, (client, token) =>
            FollowAsync(context, client, parse.GetValue(job)!, parse.GetValue(interval), parse.GetValue(json), [], token), ct));
        return command;
    }

    /// <summary>Follows a job: stages on stdout (stderr with <c>--json</c>), then the outcome; a failed or cancelled job is an error with its own exit code.</summary>
    private static async Task<int> FollowAsync(CliContext context, Client.Http.TalentFlowHttpClient client, string jobId, TimeSpan interval, bool json,
        IReadOnlyList<KeyValuePair<string, object>> before, CancellationToken cancellationToken)
    {
        var follower = new TrainingFollower(client, json ? context.Environment.Stderr : context.Stdout, TimeProvider.System);
        var outcome = await follower.FollowAsync(jobId, interval, cancellationToken).ConfigureAwait(false);
        if (json) JsonOutput.Write(context.Stdout, [.. before, .. outcome.Fields()], json: true);
        else if (outcome.ExitCode == 0) await context.Stdout.WriteLineAsync(outcome.Summary()).ConfigureAwait(false);
        return outcome.ExitCode == 0 ? 0 : throw new CliException(outcome.Summary(), outcome.ExitCode);
    }

    private static List<KeyValuePair<string, object>> Fields(TrainingStatus status) =>
    [
        new("model", status.Model),
        new("total_samples", status.TotalSamples),
        new("positive_samples", status.PositiveSamples),
        new("negative_samples", status.NegativeSamples),
        new("needs_retraining", status.NeedsRetraining),
        new("threshold", status.Threshold),
        new("ready_for_training", status.ReadyForTraining),
        new("samples_needed", status.SamplesNeeded),
    ];
}
