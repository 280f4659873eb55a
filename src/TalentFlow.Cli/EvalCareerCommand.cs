using System.CommandLine;
using System.Diagnostics;
using TalentFlow.ML.Classification;
using TalentFlow.ML.Metrics;
using TalentFlow.ML.Tfidf;

namespace TalentFlow.Cli;

/// <summary>
/// <c>eval career --train CSV --test CSV [--model tfidf] --json</c>: resume → category with TF-IDF (5000 features, 1–2-grams,
/// sublinear tf) and multinomial logistic regression (C = 10), the career anchor's setup. Distinct (resume, category) rows
/// only, as the anchor folds duplicates.
/// </summary>
internal static class EvalCareerCommand
{
    public static Command Create(TextWriter stdout)
    {
        var train = new Option<string>("--train") { Description = "CSV with Category and Resume columns.", Required = true };
        var test = new Option<string>("--test") { Description = "CSV with Category and Resume columns.", Required = true };
        var model = new Option<string>("--model") { Description = "tfidf: TF-IDF + logistic regression; centroid: TF-IDF + nearest class centroid.", DefaultValueFactory = _ => "tfidf" };
        model.AcceptOnlyFromAmong("tfidf", "centroid");
        var epochs = new Option<int>("--epochs") { Description = "Logistic regression iterations.", DefaultValueFactory = _ => 300 };
        var c = new Option<double>("--c") { Description = "Logistic regression inverse regularization (scikit-learn's C).", DefaultValueFactory = _ => 10 };
        var json = new Option<bool>("--json") { Description = "Print one JSON object." };
        var command = new Command("career", "Evaluate resume → career category classification.") { train, test, model, epochs, c, json };
        command.SetAction(parse =>
        {
            JsonOutput.Write(stdout, Run(parse.GetValue(train)!, parse.GetValue(test)!, parse.GetValue(model) == "centroid",
                new SoftmaxRegressionTrainer.Options { Epochs = parse.GetValue(epochs), C = parse.GetValue(c) }), parse.GetValue(json));
            return 0;
        });
        return command;
    }

    internal static List<KeyValuePair<string, object>> Run(string trainPath, string testPath, bool centroid = false, SoftmaxRegressionTrainer.Options? options = null)
    {
        var (trainTexts, trainLabels) = Load(trainPath);
        var (testTexts, testLabels) = Load(testPath);
        var classes = trainLabels.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var index = classes.Select((c, i) => (c, i)).ToDictionary(p => p.c, p => p.i, StringComparer.Ordinal);

        var watch = Stopwatch.StartNew();
        var vectorizer = TfidfVectorizer.Fit(trainTexts, new TfidfOptions { SublinearTf = true });
        var x = vectorizer.Transform(trainTexts);
        var y = trainLabels.Select(l => index[l]).ToArray();
        Func<SparseVector, float[]> predict = centroid
            ? NearestCentroidModel.Train(x, y, vectorizer.Terms.Count, classes.Length).Scores
            : SoftmaxRegressionTrainer.Train(x, y, vectorizer.Terms.Count, classes.Length, options).PredictProbabilities;
        var fitSeconds = watch.Elapsed.TotalSeconds;

        var probabilities = vectorizer.Transform(testTexts).Select(predict).ToArray();
        // A test category unseen in training can never be predicted; it counts as a miss under label -1.
        var actual = testLabels.Select(l => index.GetValueOrDefault(l, -1)).ToArray();
        var predicted = probabilities.Select(p => Array.IndexOf(p, p.Max())).ToArray();
        var top3 = actual.Select((a, i) => a >= 0 && probabilities[i].Count(p => p > probabilities[i][a]) < 3 ? 1.0 : 0.0).Average();
        return
        [
            new("model", centroid ? "tfidf+centroid" : "tfidf+logreg"),
            new("accuracy", ClassificationMetrics.Accuracy(predicted, actual)),
            new("macro_f1", ClassificationMetrics.MacroF1(predicted, actual)),
            new("top3_accuracy", top3),
            new("train_texts", trainTexts.Count),
            new("test_texts", testTexts.Count),
            new("classes", classes.Length),
            new("fit_seconds", fitSeconds),
        ];
    }

    private static (List<string> Texts, List<string> Labels) Load(string path)
    {
        var rows = CsvTable.Read(path, "Category", "Resume")
            .Select(r => (Resume: r["Resume"], Category: r["Category"]))
            .Distinct()
            .OrderBy(r => r.Resume, StringComparer.Ordinal).ThenBy(r => r.Category, StringComparer.Ordinal)
            .ToList();
        return rows.Count == 0
            ? throw new CliException($"{path}: no rows")
            : (rows.Select(r => r.Resume).ToList(), rows.Select(r => r.Category).ToList());
    }
}
