using System.CommandLine;
using TalentFlow.Cli.Hosting;
using TalentFlow.Client.Http;

namespace TalentFlow.Cli.Operations;

/// <summary>
/// <c>models list|promote|rollback|compare|register|ab-test|alias|history|lineage</c>: the model registry of a running cluster (seed 002's <c>register_model.py</c>
/// and MLflow's stages). <c>register --model M --model-path FILE --version V [--activate]</c> uploads an artifact written by
/// a <c>train</c> command; the API checks it loads before it stores it.
/// </summary>
internal static class ModelsCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("models", "List, promote, roll back and register model versions of a running cluster.");
        command.Subcommands.Add(List(context));
        command.Subcommands.Add(Promote(context));
        command.Subcommands.Add(Rollback(context));
        command.Subcommands.Add(Compare(context));
        command.Subcommands.Add(Register(context));
        command.Subcommands.Add(AbTestCommand.Create(context));
        foreach (var governance in ModelsGovernanceCommands.Create(context)) command.Subcommands.Add(governance);
        return command;
    }

    private static Command List(CliContext context)
    {
        var api = new ApiConnection();
        var model = new Option<string?>("--model") { Description = "Only this model kind." };
        var json = new Option<bool>("--json") { Description = "Print one JSON object: {models: [{name, versions: [...]}]}." };
        var command = new Command("list", "List model kinds with their versions, stages and metrics.") { model, json };
        api.AddTo(command);
        command.SetAction((parse, ct) => api.RunAsync(parse, async (client, token) =>
        {
            var models = await client.GetModelsAsync(token).ConfigureAwait(false);
            string? only = parse.GetValue(model);
            var shown = models.Where(m => only is null || m.Name == only).ToList();
            if (parse.GetValue(json))
            {
                // The API's own snake_case shape, not the SDK records' property names.
                var body = shown.Select(m => new
                {
                    name = m.Name,
                    versions = m.Versions.Select(v => new
                    {
                        version = v.Version, stage = v.Stage, metrics = v.Metrics, created_at = v.CreatedAt, parent = v.Parent, promoted_at = v.PromotedAt,
                        parameters = v.Parameters, data_fingerprint = v.DataFingerprint,
                    }).ToArray(),
                }).ToArray();
                JsonOutput.Write(context.Stdout, [new("models", body)], json: true);
                return 0;
            }
            if (shown.Count == 0) context.Stdout.WriteLine(only is null ? "no registered models" : $"no versions of {only}");
            foreach (var m in shown)
            {
                context.Stdout.WriteLine(m.Name);
                foreach (var v in m.Versions)
                {
                    string metrics = string.Join(", ", v.Metrics.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => FormattableString.Invariant($"{p.Key}={p.Value:0.####}")));
                    context.Stdout.WriteLine(FormattableString.Invariant($"  {v.Version,-28} {v.Stage,-10} {v.CreatedAt:yyyy-MM-dd HH:mm}  {metrics}"));
                }
            }
            return 0;
        }, ct));
        return command;
    }

    private static Command Promote(CliContext context)
    {
        var api = new ApiConnection();
        var model = new Argument<string>("model") { Description = "The model kind, e.g. baseline_tfidf." };
        var version = new Argument<string>("version") { Description = "The registered version to serve." };
        var reason = new Option<string?>("--reason") { Description = "Why (recorded in the registry's history)." };
        var json = new Option<bool>("--json") { Description = "Print one JSON object." };
        var command = new Command("promote", "Make a registered version production and fan it out to every silo.") { model, version, reason, json };
        api.AddTo(command);
        command.SetAction((parse, ct) => api.RunAsync(parse, async (client, token) =>
        {
            Write(context, await client.PromoteModelAsync(parse.GetValue(model)!, parse.GetValue(version)!, parse.GetValue(reason), token).ConfigureAwait(false), parse.GetValue(json));
            return 0;
        }, ct));
        return command;
    }

    private static Command Rollback(CliContext context)
    {
        var api = new ApiConnection();
        var model = new Argument<string>("model") { Description = "The model kind, e.g. baseline_tfidf." };
        var toVersion = new Option<string?>("--to-version") { Description = "Go back to this former production version." };
        var alias = new Option<string?>("--alias") { Description = "Move this alias back to an earlier holder (champion: that holder serves again)." };
        var steps = new Option<int?>("--steps") { Description = "With --alias: how many holders back (default 1)." };
        var at = new Option<DateTimeOffset?>("--at") { Description = "With --alias: the holder at this time (ISO 8601)." };
        var reason = new Option<string?>("--reason") { Description = "Why (required with --to-version or --alias)." };
        var json = new Option<bool>("--json") { Description = "Print one JSON object." };
        var command = new Command("rollback", "Serve the production version before the current one again, or any earlier holder of production or of an alias.")
        {
            model, toVersion, alias, steps, at, reason, json,
        };
        api.AddTo(command);
        command.SetAction((parse, ct) => api.RunAsync(parse, async (client, token) =>
        {
            var target = new Contracts.Training.Registry.RollbackTarget(parse.GetValue(toVersion), parse.GetValue(alias), parse.GetValue(steps), parse.GetValue(at));
            bool targeted = target.ToVersion is not null || target.Alias is not null || target.Steps is not null || target.At is not null;
            if (targeted && string.IsNullOrWhiteSpace(parse.GetValue(reason))) throw new CliException("--reason is required with --to-version, --alias, --steps or --at");
            var result = targeted || parse.GetValue(reason) is not null
                ? await client.RollbackModelAsync(parse.GetValue(model)!, target, parse.GetValue(reason)!, token).ConfigureAwait(false)
                : await client.RollbackModelAsync(parse.GetValue(model)!, token).ConfigureAwait(false);
            Write(context, result, parse.GetValue(json));
            return 0;
        }, ct));
        return command;
    }

    private static Command Compare(CliContext context)
    {
        var api = new ApiConnection();
        var model = new Argument<string>("model") { Description = "The model kind, e.g. baseline_tfidf." };
        var a = new Argument<string>("a") { Description = "The first version." };
        var b = new Argument<string>("b") { Description = "The second version." };
        var json = new Option<bool>("--json") { Description = "Print one JSON object." };
        var command = new Command("compare", "Show two versions' stages and metrics, and the second's metrics minus the first's.") { model, a, b, json };
        api.AddTo(command);
        command.SetAction((parse, ct) => api.RunAsync(parse, async (client, token) =>
        {
            var c = await client.CompareModelsAsync(parse.GetValue(model)!, parse.GetValue(a)!, parse.GetValue(b)!, token).ConfigureAwait(false);
            JsonOutput.Write(context.Stdout,
            [
                new("model", c.Model),
                new("a", $"{c.A.Version} ({c.A.Stage})"),
                new("b", $"{c.B.Version} ({c.B.Stage})"),
                new("same_data", c.SameData),
                new("differences", c.Differences),
            ], parse.GetValue(json));
            return 0;
        }, ct));
        return command;
    }

    private static Command Register(CliContext context)
    {
        var api = new ApiConnection();
        var model = new Option<string>("--model") { Description = "The model kind.", DefaultValueFactory = _ => "baseline_tfidf" };
        var path = new Option<string>("--model-path")
        {
            Description = "The artifact file, e.g. models/baseline/baseline_model.json (semantic_scorer: a zip of, or the folder of, 'train scorer').",
            Required = true,
        };
        var version = new Option<string>("--version") { Description = "The new version id.", Required = true };
        var activate = new Option<bool>("--activate") { Description = "Promote it to production at once." };
        var json = new Option<bool>("--json") { Description = "Print one JSON object." };
        var command = new Command("register", "Register a model artifact as a new version (stage None, or Production with --activate).") { model, path, version, activate, json };
        api.AddTo(command);
        command.SetAction((parse, ct) =>
        {
            string file = parse.GetValue(path)!;
            bool folder = Directory.Exists(file);
            if (!File.Exists(file) && !folder) throw new CliException($"--model-path: no such file '{file}'");
            return api.RunAsync(parse, async (client, token) =>
            {
                // A semantic_scorer artifact is the folder 'train scorer' wrote, zipped; a folder given here is zipped on the way.
                await using Stream artifact = folder ? ZipFolder(file) : File.OpenRead(file);
                Write(context, await client.RegisterModelAsync(parse.GetValue(model)!, parse.GetValue(version)!, artifact, parse.GetValue(activate), token).ConfigureAwait(false),
                    parse.GetValue(json));
                return 0;
            }, ct);
        });
        return command;
    }

    /// <summary>The three files of a <c>train scorer</c> folder in one zip archive (the <c>semantic_scorer</c> artifact).</summary>
    private static MemoryStream ZipFolder(string folder)
    {
        var buffer = new MemoryStream();
        using (var zip = new System.IO.Compression.ZipArchive(buffer, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var name in (string[])["baseline_model.json", "encoder.json", "scorer.json"])
            {
                string source = Path.Combine(folder, name);
                if (!File.Exists(source)) throw new CliException($"--model-path: the folder '{folder}' has no {name} (a 'train scorer' folder has baseline_model.json, encoder.json and scorer.json)");
                System.IO.Compression.ZipFileExtensions.CreateEntryFromFile(zip, source, name);
            }
        }
        buffer.Position = 0;
        return buffer;
    }

    private static void Write(CliContext context, PromotionResult result, bool json) =>
        JsonOutput.Write(context.Stdout, [new("success", result.Success), new("model", result.Model), new("version", result.Version), new("stage", result.Stage)], json);
}
