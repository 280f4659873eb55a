using System.Diagnostics;
using TalentFlow.Cli.Hosting;
using TalentFlow.ML.Careers;
using TalentFlow.ML.Classification;

namespace TalentFlow.Cli;

/// <content><c>--model mlp</c> and <c>--model career</c>: the career advisor's MLP alone, or the model the advisor serves (the better by cross-validation).</content>
internal static partial class EvalCareerCommand
{
    private static List<KeyValuePair<string, object>> RunCareerModel(CliContext context, CareerRun run, List<string> trainTexts, List<string> trainLabels,
        int[] y, string[] classes, List<string> testTexts, int[] actual, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        if (run.Model == "career")
        {
            // Keep the better per evaluation: the served model itself — the advisor's trainer chooses the MLP or the TF-IDF SVM
            // (C, headline) by cross-validated accuracy on the training file only.
            var served = context.Progress.Run("Training the career model (choosing by cross-validation)",
                _ => CareerModelTrainer.Train(trainTexts, trainLabels, new CareerModelOptions { Seed = run.Seed, Folds = run.Folds }, cancellationToken: cancellationToken));
            var m = served.Metadata;
            CliLog.CrossValidation(context.Logger, "tfidf", m.TfidfCrossValidationAccuracy);
            CliLog.CrossValidation(context.Logger, "mlp", m.MlpCrossValidationAccuracy);
            return ReportModel(m.Classifier == "tfidf" ? "tfidf+svm" : "mlp", served, watch, trainTexts, testTexts, actual, classes,
                $" cv={m.TfidfCrossValidationAccuracy:0.000} (mlp cv={m.MlpCrossValidationAccuracy:0.000})");
        }

        var model = TrainMlp(context, trainTexts, trainLabels, new CareerModelOptions { Seed = run.Seed, ClassifierKind = CareerClassifierKind.Mlp }, cancellationToken);
        return ReportModel("mlp", model, watch, trainTexts, testTexts, actual, classes, string.Empty);
    }

    private static CareerModel TrainMlp(CliContext context, List<string> texts, List<string> labels, CareerModelOptions options, CancellationToken cancellationToken) =>
        context.Progress.Run("Fitting the encoder and training the MLP", _ => CareerModelTrainer.Train(texts, labels, options, cancellationToken: cancellationToken));

    private static List<KeyValuePair<string, object>> ReportModel(string name, CareerModel model, Stopwatch watch, List<string> trainTexts, List<string> testTexts, int[] actual,
        string[] classes, string note)
    {
        var fitSeconds = watch.Elapsed.TotalSeconds;
        if (!model.Careers.SequenceEqual(classes)) throw new CliException("internal: the model's careers differ from the training labels");
        var scores = testTexts.Select(model.Probabilities).ToArray();
        var m = model.Metadata;
        var report = Report(name, scores, actual, trainTexts.Count, testTexts.Count, classes.Length,
            m.Classifier == "mlp"
            ? $"{m.Settings} epochs={m.Epochs} best_epoch={m.BestEpoch} val_acc={m.ValidationAccuracy:0.000} T={m.Temperature:0.00}{note}"
            : $"{m.Settings} T={m.Temperature:0.000}{note}", fitSeconds);
        // The served probabilities' calibration on the held-out test texts: ECE (10 bins), Brier, and how many answers are
        // (nearly) certain, the symptom of an uncalibrated softmax.
        report.Add(new("ece", CareerCalibration.ExpectedCalibrationError(scores, actual)));
        report.Add(new("brier", CareerCalibration.Brier(scores, actual)));
        report.Add(new("mean_confidence", scores.Average(p => (double)p.Max())));
        report.Add(new("share_confidence_over_0_99", scores.Count(p => p.Max() > 0.99f) / (double)Math.Max(1, scores.Length)));
        report.AddRange(CareerDomainReport(model, testTexts));
        return report;
    }
}
