using System.CommandLine;
using TalentFlow.Cli.Hosting;
using TalentFlow.ML.Careers;

namespace TalentFlow.Cli;

/// <summary>
/// <c>train career [--data DIR | --train CSV] [--onet DIR] [--classifier auto|mlp|tfidf] [--folds K] --output FILE [--seed S] [--json]</c>:
/// loads seed 004's CSVs from DIR (any subset; missing files fall back to generated sample data) and adds O*NET occupations
/// and skills — or, with <c>--train</c>, labelled resumes (Category, Resume; no skills or books) — validates, prints
/// statistics per source and career, trains the career model (LSA centroids + the MLP or the TF-IDF SVM, by default
/// whichever cross-validates better on the training texts) and saves it.
/// </summary>
internal static class TrainCareerCommand
{
    public static Command Create(CliContext context)
    {
        var data = new Option<string?>("--data") { Description = "Folder with career_qa.csv, skills_mapping.csv, job_descriptions.csv, books_recommendations.csv (any subset); default: generated sample data." };
        var onet = new Option<string?>("--onet") { Description = "O*NET folder (occupation_data.csv, technology_skills.csv), e.g. ../shared/data/onet_occupations_tech_skills." };
        var output = new Option<string>("--output") { Description = "Model file to write.", DefaultValueFactory = _ => "career_model.json" };
        var train = new Option<string?>("--train") { Description = "CSV with Category and Resume columns (e.g. eng/ml/make_eval_splits.py's pdf_train.csv), instead of --data." };
        var classifier = new Option<string>("--classifier") { Description = "mlp (LSA embeddings → hidden 256 → softmax), tfidf (TF-IDF one-vs-rest linear SVM, C by cross-validation), or auto: whichever has the better stratified k-fold accuracy on the training texts.", DefaultValueFactory = _ => "auto" };
        classifier.AcceptOnlyFromAmong("auto", "mlp", "tfidf");
        var folds = new Option<int>("--folds") { Description = "Cross-validation folds for the choice.", DefaultValueFactory = _ => 5 };
        var seed = new Option<int>("--seed") { Description = "Seed of the folds, the encoder and the classifiers.", DefaultValueFactory = _ => 0 };
        var json = new Option<bool>("--json") { Description = "Print one JSON object." };
        var command = new Command("career", "Train the career advisor's model.") { data, train, onet, classifier, folds, output, seed, json };
        command.SetAction((parse, cancellationToken) =>
        {
            if (parse.GetValue(folds) < 2) throw new CliException("--folds must be at least 2");
            if (parse.GetValue(train) is not null && parse.GetValue(data) is not null) throw new CliException("give at most one of --data and --train");
            var options = new CareerModelOptions
            {
                Seed = parse.GetValue(seed),
                Folds = parse.GetValue(folds),
                ClassifierKind = parse.GetValue(classifier) switch { "mlp" => CareerClassifierKind.Mlp, "tfidf" => CareerClassifierKind.Tfidf, _ => null },
            };
            var catalog = parse.GetValue(onet) is { } onetDir ? context.Progress.Run("Reading O*NET", _ => OnetCatalog.Load(onetDir)) : null;
            CareerModel model;
            List<KeyValuePair<string, object>> stats;
            if (parse.GetValue(train) is { } csv)
            {
                var (texts, labels) = EvalCareerCommand.Load(context, csv);
                model = context.Progress.Run("Training the career model", _ => CareerModelTrainer.Train(texts, labels, options,
                    new Dictionary<string, int> { ["resumes"] = texts.Count }, cancellationToken: cancellationToken));
                stats = [new("samples", texts.Count), new("is_sample", false), new("samples_by_career", model.Metadata.SamplesByCareer)];
            }
            else
            {
                var set = context.Progress.Run("Loading career data", _ => CareerDataSetLoader.Load(parse.GetValue(data), catalog));
                var validation = set.Validate();
                foreach (var warning in validation.Warnings) CliLog.CareerDataWarning(context.Logger, warning);
                if (!validation.IsValid) throw new CliException("career data: " + string.Join("; ", validation.Errors));
                model = context.Progress.Run("Training the career model", _ => CareerModelTrainer.Train(set, catalog, options, cancellationToken));
                stats =
                [
                    new("samples", set.Samples.Count),
                    new("duplicates_removed", set.DuplicatesRemoved),
                    new("is_sample", set.IsSample),
                    new("onet_occupations", catalog?.Occupations.Count ?? 0),
                    new("samples_by_source", set.CountsBySource().ToDictionary(p => p.Key, p => p.Value)),
                    new("samples_by_career", set.CountsByRole().ToDictionary(p => p.Key, p => p.Value)),
                    new("warnings", validation.Warnings.ToArray()),
                ];
            }

            var path = parse.GetValue(output)!;
            if (Path.GetDirectoryName(Path.GetFullPath(path)) is { } dir) Directory.CreateDirectory(dir);
            model.Save(path);
            var m = model.Metadata;
            JsonOutput.Write(context.Stdout,
            [
                new("model_path", path),
                new("version", model.VersionId),
                new("careers", model.Careers.Count),
                .. stats,
                new("classifier", m.Classifier),
                new("selection", m.Selection),
                new("mlp_cv_accuracy", m.MlpCrossValidationAccuracy),
                new("tfidf_cv_accuracy", m.TfidfCrossValidationAccuracy),
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
