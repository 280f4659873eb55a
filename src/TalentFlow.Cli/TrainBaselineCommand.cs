using System.CommandLine;
using TalentFlow.Cli.Hosting;
using TalentFlow.ML.Matching;

namespace TalentFlow.Cli;

/// <summary>
/// <c>train baseline --train FILE [--validation FILE] [--output DIR] [--json]</c>: fits seed 000's per-section TF-IDF matcher
/// on the training pairs' texts, evaluates it on the validation pairs (or on a seeded 20 % hold-out of the training file),
/// and saves it as DIR/baseline_model.json.
/// </summary>
internal static class TrainBaselineCommand
{
    public static Command Create(CliContext context)
    {
        var train = new Option<string>("--train") { Description = "Training pairs: JSON [{resume, job_description, score}] or CSV.", Required = true };
        var validation = new Option<string?>("--validation") { Description = "Validation pairs; default: 20 % of --train, held out." };
        var output = new Option<string>("--output") { Description = "Folder for baseline_model.json.", DefaultValueFactory = _ => Path.Combine("models", "baseline") };
        var seed = new Option<int>("--seed") { Description = "Seed of the hold-out split.", DefaultValueFactory = _ => 42 };
        var json = new Option<bool>("--json") { Description = "Print one JSON object." };
        var command = new Command("baseline", "Train the TF-IDF baseline matcher.") { train, validation, output, seed, json };
        command.SetAction(parse =>
        {
            var all = LabelledPair.Load(parse.GetValue(train)!);
            CliLog.RowsRead(context.Logger, all.Count, parse.GetValue(train)!);
            IReadOnlyList<LabelledPair> trainPairs = all, validationPairs;
            if (parse.GetValue(validation) is { } path)
            {
                validationPairs = LabelledPair.Load(path);
            }
            else
            {
                if (all.Count < 5)
                {
                    throw new CliException("need at least 5 pairs to hold out a validation set; pass --validation");
                }

                var random = new Random(parse.GetValue(seed));
                var shuffled = all.OrderBy(_ => random.Next()).ToList();
                var cut = Math.Max(1, shuffled.Count / 5);
                validationPairs = shuffled[..cut];
                trainPairs = shuffled[cut..];
            }

            var matcher = context.Progress.Run("Fitting section vectorizers",
                _ => BaselineMatcher.Fit([.. trainPairs.Select(p => p.Resume), .. trainPairs.Select(p => p.JobDescription)]));
            var raw = new double[validationPairs.Count];
            context.Progress.Run("Scoring validation pairs", progress => EvalMatchCommand.ParallelWithProgress(raw.Length, progress,
                i => raw[i] = matcher.Score(validationPairs[i].Resume, validationPairs[i].JobDescription).RawScore));
            var dir = parse.GetValue(output)!;
            Directory.CreateDirectory(dir);
            var modelPath = Path.Combine(dir, "baseline_model.json");
            using (var file = File.Create(modelPath))
            {
                matcher.Save(file);
            }

            JsonOutput.Write(context.Stdout,
            [
                new("model", "tfidf-sections"),
                new("model_path", modelPath),
                new("train_pairs", trainPairs.Count),
                new("validation_pairs", validationPairs.Count),
                new("feature_counts", matcher.FeatureCounts),
                .. EvalMatchCommand.Metrics(raw, validationPairs.Select(p => p.Score).ToArray()),
            ], parse.GetValue(json));
            return 0;
        });
        return command;
    }
}
