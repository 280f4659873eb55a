using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using TalentFlow.Cli.Hosting;
using TalentFlow.Contracts.Training.Registry;

namespace TalentFlow.Cli.Operations;

/// <summary>
/// <c>models alias set|delete|list</c>, <c>models history</c>, <c>models lineage</c>: the registry's governance routes from the
/// command line. With <c>--json</c> each prints one object in the API's snake_case.
/// </summary>
internal static class ModelsGovernanceCommands
{
    private static readonly JsonSerializerOptions Snake = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public static IEnumerable<Command> Create(CliContext context) => [Alias(context), History(context), Lineage(context)];

    private static Command Alias(CliContext context)
    {
        var command = new Command("alias", "Set, delete or list a model's aliases (champion is the production version).");
        command.Subcommands.Add(AliasSet(context));
        command.Subcommands.Add(AliasDelete(context));
        command.Subcommands.Add(AliasList(context));
        return command;
    }

    private static Command AliasSet(CliContext context)
    {
        var api = new ApiConnection();
        var model = new Argument<string>("model") { Description = "The model kind, e.g. baseline_tfidf." };
        var alias = new Argument<string>("alias") { Description = "The alias, e.g. challenger (champion promotes)." };
        var version = new Argument<string>("version") { Description = "The registered version it names." };
        var reason = new Option<string>("--reason") { Description = "Why (recorded in the history).", Required = true };
        var json = new Option<bool>("--json") { Description = "Print one JSON object." };
        var command = new Command("set", "Set or move an alias to a version.") { model, alias, version, reason, json };
        api.AddTo(command);
        command.SetAction((parse, ct) => api.RunAsync(parse, async (client, token) =>
        {
            var set = await client.SetModelAliasAsync(parse.GetValue(model)!, parse.GetValue(alias)!, parse.GetValue(version)!, parse.GetValue(reason)!, token).ConfigureAwait(false);
            WriteAlias(context, set, parse.GetValue(json));
            return 0;
        }, ct));
        return command;
    }

    private static Command AliasDelete(CliContext context)
    {
        var api = new ApiConnection();
        var model = new Argument<string>("model") { Description = "The model kind." };
        var alias = new Argument<string>("alias") { Description = "The alias to remove." };
        var reason = new Option<string>("--reason") { Description = "Why (recorded in the history).", Required = true };
        var json = new Option<bool>("--json") { Description = "Print one JSON object." };
        var command = new Command("delete", "Remove an alias.") { model, alias, reason, json };
        api.AddTo(command);
        command.SetAction((parse, ct) => api.RunAsync(parse, async (client, token) =>
        {
            WriteAlias(context, await client.DeleteModelAliasAsync(parse.GetValue(model)!, parse.GetValue(alias)!, parse.GetValue(reason)!, token).ConfigureAwait(false), parse.GetValue(json));
            return 0;
        }, ct));
        return command;
    }

    private static Command AliasList(CliContext context)
    {
        var api = new ApiConnection();
        var model = new Argument<string>("model") { Description = "The model kind." };
        var json = new Option<bool>("--json") { Description = "Print one JSON object: {model, aliases: [...]}." };
        var command = new Command("list", "List a model's aliases and the versions they name.") { model, json };
        api.AddTo(command);
        command.SetAction((parse, ct) => api.RunAsync(parse, async (client, token) =>
        {
            string name = parse.GetValue(model)!;
            var aliases = await client.GetModelAliasesAsync(name, token).ConfigureAwait(false);
            if (parse.GetValue(json))
            {
                JsonOutput.Write(context.Stdout, [new("model", name), new("aliases", ToJson(aliases))], json: true);
                return 0;
            }
            if (aliases.Count == 0) context.Stdout.WriteLine($"{name} has no aliases");
            foreach (var a in aliases) context.Stdout.WriteLine(FormattableString.Invariant($"{a.Alias,-20} {a.Version,-28} {a.SetAt:yyyy-MM-dd HH:mm}  {a.SetBy}  {a.Reason}"));
            return 0;
        }, ct));
        return command;
    }

    private static Command History(CliContext context)
    {
        var api = new ApiConnection();
        var model = new Argument<string>("model") { Description = "The model kind." };
        var limit = new Option<int?>("--limit") { Description = "The newest this many events (1–1000; default 100)." };
        var json = new Option<bool>("--json") { Description = "Print one JSON object: {model, events: [...]}." };
        var command = new Command("history", "Which version held which alias or stage when, who moved it and why (oldest first).") { model, limit, json };
        api.AddTo(command);
        command.SetAction((parse, ct) => api.RunAsync(parse, async (client, token) =>
        {
            string name = parse.GetValue(model)!;
            var events = await client.GetModelHistoryAsync(name, parse.GetValue(limit), token).ConfigureAwait(false);
            if (parse.GetValue(json))
            {
                JsonOutput.Write(context.Stdout, [new("model", name), new("events", ToJson(events))], json: true);
                return 0;
            }
            foreach (var e in events)
            {
                string what = e.Alias is not null ? "alias " + e.Alias : e.Stage is not null ? "stage " + e.Stage : "";
                context.Stdout.WriteLine(FormattableString.Invariant(
                    $"{e.Sequence,5} {e.At:yyyy-MM-dd HH:mm:ss}  {e.Kind,-14} {e.Version ?? "-",-24} {what,-22} by {e.Actor}{(e.Reason is null ? "" : ": " + e.Reason)}"));
            }
            return 0;
        }, ct));
        return command;
    }

    private static Command Lineage(CliContext context)
    {
        var api = new ApiConnection();
        var model = new Argument<string>("model") { Description = "The model kind." };
        var version = new Argument<string>("version") { Description = "The version." };
        var limit = new Option<int?>("--limit") { Description = "At most this many feedback items and decisions (0–10000; default 100)." };
        var json = new Option<bool>("--json") { Description = "Print one JSON object: the lineage." };
        var command = new Command("lineage", "A version's fingerprint, parent, training-set feedback items and the decisions it made.") { model, version, limit, json };
        api.AddTo(command);
        command.SetAction((parse, ct) => api.RunAsync(parse, async (client, token) =>
        {
            var l = await client.GetModelLineageAsync(parse.GetValue(model)!, parse.GetValue(version)!, parse.GetValue(limit), token).ConfigureAwait(false);
            bool asJson = parse.GetValue(json);
            JsonOutput.Write(context.Stdout,
            [
                new("model", l.Model), new("version", l.Version), new("stage", l.Stage), new("data_fingerprint", (object?)l.DataFingerprint ?? "none"),
                new("parent", (object?)l.Parent ?? "none"), new("aliases", l.Aliases), new("training_set_size", l.TrainingSetSize),
                new("training_set", asJson ? ToJson(l.TrainingSet) : string.Join(", ", l.TrainingSet.Select(i => $"{i.ResultId}={i.Label}"))),
                new("decisions_total", l.DecisionsTotal),
                new("decisions", asJson ? ToJson(l.Decisions) : string.Join(", ", l.Decisions.Select(d => FormattableString.Invariant($"{d.ResultId}={d.Decision} ({d.Score:0.###})")))),
            ], asJson);
            return 0;
        }, ct));
        return command;
    }

    private static void WriteAlias(CliContext context, ModelAlias a, bool json) =>
        JsonOutput.Write(context.Stdout,
        [
            new("model", a.Model), new("alias", a.Alias), new("version", a.Version), new("set_at", a.SetAt.ToString("O", CultureInfo.InvariantCulture)),
            new("set_by", a.SetBy), new("reason", (object?)a.Reason ?? ""),
        ], json);

    private static JsonElement ToJson<T>(T value) => JsonSerializer.SerializeToElement(value, Snake);
}
