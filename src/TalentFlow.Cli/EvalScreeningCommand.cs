using System.CommandLine;
using TalentFlow.Cli.Hosting;
using TalentFlow.ML.Screening;

namespace TalentFlow.Cli;

/// <summary>
/// <c>eval screening --resumes CSV --occupations DIR [--model FILE] [--seed S] [--json]</c>: a screening model (default: the
/// built-in) on the held-out resumes × held-out occupations of <see cref="ScreeningCorpus"/> (the same split as training with
/// the same seed), and on the protocol (one held-out occupation per category), beside today's baseline score.
/// </summary>
internal static class EvalScreeningCommand
{
    public static Command Create(CliContext context)
    {
        var resumes = new Option<string>("--resumes") { Description = "CSV with ID, Category, Resume.", Required = true };
        var occupations = new Option<string>("--occupations") { Description = "O*NET folder (occupation_data.csv, technology_skills.csv).", Required = true };
        var modelPath = new Option<string?>("--model") { Description = "Screening model file; default: the built-in model." };
        var seed = new Option<int>("--seed") { Description = "Seed of the resume split (as at training).", DefaultValueFactory = _ => 0 };
        var json = new Option<bool>("--json") { Description = "Print one JSON object." };
        var command = new Command("screening", "Measure a screening model on held-out resumes and occupations.") { resumes, occupations, modelPath, seed, json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            ScreeningModel model;
            if (parse.GetValue(modelPath) is { } path)
            {
                await using var stream = File.OpenRead(path);
                model = ScreeningModel.Load(stream);
            }
            else
            {
                model = ScreeningModel.BuiltIn;
            }
            var corpus = context.Progress.Run("Loading resumes and occupations", _ => ScreeningCorpus.Load(parse.GetValue(resumes)!, parse.GetValue(occupations)!, parse.GetValue(seed)));
            var evaluation = await ScreeningOfflineTraining.EvaluateAsync(model, corpus, cancellationToken: cancellationToken).ConfigureAwait(false);
            JsonOutput.Write(context.Stdout, Fields(model, corpus, evaluation), parse.GetValue(json));
        });
        return command;
    }

    internal static List<KeyValuePair<string, object>> Fields(ScreeningModel model, ScreeningCorpus corpus, ScreeningEvaluation evaluation) =>
    [
        new("version", model.Version),
        new("data_fingerprint", model.DataFingerprint),
        new("threshold", Math.Round(model.Threshold, 4)),
        new("train_resumes", corpus.TrainResumes.Count),
        new("test_resumes", corpus.TestResumes.Count),
        new("train_occupations", corpus.TrainJobs.Count),
        new("test_occupations", corpus.TestJobs.Count),
        new("held_out", evaluation.HeldOut.ToDictionary()),
        new("protocol", evaluation.Protocol.ToDictionary()),
        new("baseline_held_out", evaluation.BaselineHeldOut.ToDictionary()),
        new("baseline_protocol", evaluation.BaselineProtocol.ToDictionary()),
        new("weights", model.FeatureNames.Zip(model.Weights).ToDictionary(p => p.First, p => Math.Round(p.Second, 4))),
    ];
}
