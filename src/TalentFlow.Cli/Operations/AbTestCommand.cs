using System.CommandLine;
using TalentFlow.Cli.Hosting;
using TalentFlow.Client.Http;
using TalentFlow.Contracts.Training;

namespace TalentFlow.Cli.Operations;

/// <summary>
/// <c>models ab-test set|clear|show</c>: an A/B test of a model kind on a running cluster. <c>set MODEL VERSION --share S</c>
/// lets the registered VERSION score the share S of the candidates; <c>show</c> prints the test and both arms' metrics;
/// <c>clear</c> ends it (so does promoting the challenger).
/// </summary>
internal static class AbTestCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("ab-test", "Start, show or end an A/B test of a model kind (baseline_tfidf, semantic_scorer).");
        command.Subcommands.Add(Set(context));
        command.Subcommands.Add(Clear(context));
        command.Subcommands.Add(Show(context));
        return command;
    }

    private static Command Set(CliContext context)
    {
        var api = new ApiConnection();
        var model = new Argument<string>("model") { Description = "The model kind, e.g. baseline_tfidf." };
        var version = new Argument<string>("version") { Description = "The registered challenger version." };
        var share = new Option<double>("--share") { Description = "The challenger's share of the candidates, between 0 and 1.", DefaultValueFactory = _ => 0.1 };
        var json = new Option<bool>("--json") { Description = "Print one JSON object." };
        var command = new Command("set", "Let a registered version score a share of the candidates (by a stable hash of their ids).") { model, version, share, json };
        api.AddTo(command);
        command.SetAction((parse, ct) => api.RunAsync(parse, async (client, token) =>
        {
            Write(context, await client.StartAbTestAsync(parse.GetValue(model)!, parse.GetValue(version)!, parse.GetValue(share), token).ConfigureAwait(false), parse.GetValue(json));
            return 0;
        }, ct));
        return command;
    }

    private static Command Clear(CliContext context)
    {
        var api = new ApiConnection();
        var model = new Argument<string>("model") { Description = "The model kind under test." };
        var json = new Option<bool>("--json") { Description = "Print one JSON object." };
        var command = new Command("clear", "End the A/B test: production scores every candidate again.") { model, json };
        api.AddTo(command);
        command.SetAction((parse, ct) => api.RunAsync(parse, async (client, token) =>
        {
            Write(context, await client.EndAbTestAsync(parse.GetValue(model)!, token).ConfigureAwait(false), parse.GetValue(json));
            return 0;
        }, ct));
        return command;
    }

    private static Command Show(CliContext context)
    {
        var api = new ApiConnection();
        var model = new Argument<string>("model") { Description = "The model kind under test." };
        var json = new Option<bool>("--json") { Description = "Print one JSON object." };
        var command = new Command("show", "Show the A/B test and both arms' metrics from reviewers' verdicts.") { model, json };
        api.AddTo(command);
        command.SetAction((parse, ct) => api.RunAsync(parse, async (client, token) =>
        {
            var report = await client.GetAbTestMetricsAsync(parse.GetValue(model)!, token).ConfigureAwait(false);
            var test = report.Test;
            JsonOutput.Write(context.Stdout,
            [
                new("model", test.Model),
                new("challenger_version", test.ChallengerVersion),
                new("share", test.Share),
                new("control_version", test.ControlVersion ?? "(built-in)"),
                new("started_at", test.StartedAt),
                new("control", Arm(report.Control)),
                new("challenger", Arm(report.Challenger)),
            ], parse.GetValue(json));
            return 0;
        }, ct));
        return command;
    }

    private static Dictionary<string, object?> Arm(AbArmMetrics m) => new(StringComparer.Ordinal)
    {
        ["version"] = m.Version,
        ["results"] = m.Results,
        ["reviewed"] = m.Reviewed,
        ["agreement"] = m.Agreement,
        ["shortlisted"] = m.Shortlisted,
        ["shortlist_precision"] = m.ShortlistPrecision,
        ["scored_by_reviewer"] = m.ScoredByReviewer,
        ["mean_absolute_score_error"] = m.MeanAbsoluteScoreError,
    };

    private static void Write(CliContext context, ModelAbTest test, bool json) =>
        JsonOutput.Write(context.Stdout,
        [
            new("model", test.Model), new("challenger_version", test.ChallengerVersion), new("share", test.Share),
            new("control_version", test.ControlVersion ?? "(built-in)"), new("started_at", test.StartedAt),
        ], json);
}
