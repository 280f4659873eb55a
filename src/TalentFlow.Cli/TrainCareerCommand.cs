using System.CommandLine;
using TalentFlow.Cli.Hosting;
using TalentFlow.ML.Careers;

namespace TalentFlow.Cli;

/// <summary>
/// <c>train career [--data DIR] [--onet DIR] --output FILE [--seed S] [--json]</c>: loads seed 004's CSVs from DIR (any subset;
/// missing files fall back to generated sample data), adds O*NET occupations and skills, validates, prints statistics per
/// source and career, trains the career model (LSA + MLP) and saves it.
/// </summary>
internal static class TrainCareerCommand
{
    public static Command Create(CliContext context)
    {
        var data = new Option<string?>("--data") { Description = "Folder with career_qa.csv, skills_mapping.csv, job_descriptions.csv, books_recommendations.csv (any subset); default: generated sample data." };
        var onet = new Option<string?>("--onet") { Description = "O*NET folder (occupation_data.csv, technology_skills.csv), e.g. ../shared/data/onet_occupations_tech_skills." };
        var output = new Option<string>("--output") { Description = "Model file to write.", DefaultValueFactory = _ => "career_model.json" };
        var seed = new Option<int>("--seed") { Description = "Seed of the encoder and the classifier.", DefaultValueFactory = _ => 0 };
        var json = new Option<bool>("--json") { Description = "Print one JSON object." };
        var command = new Command("career", "Train the career advisor's model.") { data, onet, output, seed, json };
        command.SetAction((parse, cancellationToken) =>
        {
            var catalog = parse.GetValue(onet) is { } onetDir ? context.Progress.Run("Reading O*NET", _ => OnetCatalog.Load(onetDir)) : null;
            var set = context.Progress.Run("Loading career data", _ => CareerDataSetLoader.Load(parse.GetValue(data), catalog));
            var validation = set.Validate();
            foreach (var warning in validation.Warnings) CliLog.CareerDataWarning(context.Logger, warning);
            if (!validation.IsValid) throw new CliException("career data: " + string.Join("; ", validation.Errors));
            var model = context.Progress.Run("Training the career model",
                _ => CareerModelTrainer.Train(set, catalog, new CareerModelOptions { Seed = parse.GetValue(seed) }, cancellationToken));
            var path = parse.GetValue(output)!;
            if (Path.GetDirectoryName(Path.GetFullPath(path)) is { } dir) Directory.CreateDirectory(dir);
            model.Save(path);
            var m = model.Metadata;
            JsonOutput.Write(context.Stdout,
            [
                new("model_path", path),
                new("version", model.VersionId),
                new("careers", model.Careers.Count),
                new("samples", set.Samples.Count),
                new("duplicates_removed", set.DuplicatesRemoved),
                new("is_sample", set.IsSample),
                new("onet_occupations", catalog?.Occupations.Count ?? 0),
                new("samples_by_source", set.CountsBySource().ToDictionary(p => p.Key, p => p.Value)),
                new("samples_by_career", set.CountsByRole().ToDictionary(p => p.Key, p => p.Value)),
                new("warnings", validation.Warnings.ToArray()),
                new("settings", m.Settings),
                new("epochs", m.Epochs),
                new("best_epoch", m.BestEpoch),
                new("validation_accuracy", m.ValidationAccuracy),
                new("temperature", m.Temperature),
            ], parse.GetValue(json));
            return Task.FromResult(0);
        });
        return command;
    }
}
