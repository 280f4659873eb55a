using System.Diagnostics;
using TalentFlow.Cli.Hosting;
using TalentFlow.ML.Careers;
using TalentFlow.ML.Classification;

namespace TalentFlow.Cli;

/// <content><c>--model mlp</c> and <c>--model career</c>: the career advisor's model, alone or against the TF-IDF pick.</content>
internal static partial class EvalCareerCommand
{
    private static List<KeyValuePair<string, object>> RunCareerModel(CliContext context, CareerRun run, List<string> trainTexts, List<string> trainLabels,
        int[] y, string[] classes, List<string> testTexts, int[] actual, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        var mlpOptions = new CareerModelOptions { Seed = run.Seed, ClassifierKind = CareerClassifierKind.Mlp };
        if (run.Model == "career")
        {
            // Keep the better per evaluation: cross-validated accuracy on the training file only, the MLP against auto's TF-IDF pick.
            var foldOf = CrossValidation.StratifiedFolds(y, run.Folds, run.Seed);
            var tfidf = context.Progress.Run($"Choosing a TF-IDF model by {run.Folds}-fold cross-validation", progress => Choose(context, run, trainTexts, y, classes.Length, progress, cancellationToken));
            var tfidfAccuracy = CrossValidation.Accuracy(trainTexts, y, classes.Length, tfidf, foldOf, cancellationToken);
            var mlpAccuracy = context.Progress.Run("Cross-validating the MLP", _ => MlpCrossValidation(trainTexts, trainLabels, foldOf, mlpOptions, cancellationToken));
            CliLog.CrossValidation(context.Logger, tfidf.Describe(), tfidfAccuracy);
            CliLog.CrossValidation(context.Logger, "mlp", mlpAccuracy);
            if (tfidfAccuracy >= mlpAccuracy)
            {
                var classifier = context.Progress.Run("Fitting TF-IDF and training", progress => TextClassifier.Train(trainTexts, y, classes.Length, tfidf, progress, cancellationToken));
                var fit = watch.Elapsed.TotalSeconds;
                return Report(ModelName(tfidf), classifier.Scores(testTexts), actual, trainTexts.Count, testTexts.Count, classes.Length,
                    $"{tfidf.Describe()} cv={tfidfAccuracy:0.000} (mlp cv={mlpAccuracy:0.000})", fit);
            }

            var chosen = TrainMlp(context, trainTexts, trainLabels, mlpOptions, cancellationToken);
            return ReportMlp(chosen, watch, trainTexts, testTexts, actual, classes, $" cv={mlpAccuracy:0.000} ({tfidf.Describe()} cv={tfidfAccuracy:0.000})");
        }

        var model = TrainMlp(context, trainTexts, trainLabels, mlpOptions, cancellationToken);
        return ReportMlp(model, watch, trainTexts, testTexts, actual, classes, string.Empty);
    }

    private static CareerModel TrainMlp(CliContext context, List<string> texts, List<string> labels, CareerModelOptions options, CancellationToken cancellationToken) =>
        context.Progress.Run("Fitting the encoder and training the MLP", _ => CareerModelTrainer.Train(texts, labels, options, cancellationToken: cancellationToken));

    private static List<KeyValuePair<string, object>> ReportMlp(CareerModel model, Stopwatch watch, List<string> trainTexts, List<string> testTexts, int[] actual,
        string[] classes, string note)
    {
        var fitSeconds = watch.Elapsed.TotalSeconds;
        if (!model.Careers.SequenceEqual(classes)) throw new CliException("internal: the model's careers differ from the training labels");
        var scores = testTexts.Select(model.Probabilities).ToArray();
        var m = model.Metadata;
        return Report("mlp", scores, actual, trainTexts.Count, testTexts.Count, classes.Length,
            $"{m.Settings} epochs={m.Epochs} best_epoch={m.BestEpoch} val_acc={m.ValidationAccuracy:0.000} T={m.Temperature:0.00}{note}", fitSeconds);
    }

    /// <summary>Mean held-out accuracy of the MLP over the folds (encoder and classifier refitted inside each).</summary>
    internal static double MlpCrossValidation(List<string> texts, List<string> labels, int[] foldOf, CareerModelOptions options, CancellationToken cancellationToken)
    {
        int correct = 0;
        for (int f = 0; f <= foldOf.Max(); f++)
        {
            var train = Enumerable.Range(0, texts.Count).Where(i => foldOf[i] != f).ToArray();
            var held = Enumerable.Range(0, texts.Count).Where(i => foldOf[i] == f).ToArray();
            if (held.Length == 0 || train.Select(i => labels[i]).Distinct().Count() < 2) continue;
            var model = CareerModelTrainer.Train([.. train.Select(i => texts[i])], [.. train.Select(i => labels[i])], options, cancellationToken: cancellationToken);
            correct += held.Count(i => model.Predict(texts[i], 1)[0].Career == labels[i]);
        }

        return correct / (double)texts.Count;
    }
}
