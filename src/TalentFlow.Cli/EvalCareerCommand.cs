using System.CommandLine;
using System.Diagnostics;
using TalentFlow.Cli.Hosting;
using TalentFlow.ML.Classification;
using TalentFlow.ML.Metrics;

namespace TalentFlow.Cli;

/// <summary>
/// <c>eval career --train CSV --test CSV [--model tfidf|svm|centroid|auto|embedded|lsa|subword|onnx] --json</c>: resume → category over TF-IDF (5000
/// features, 1–2-grams, sublinear tf). <c>tfidf</c>: multinomial logistic regression (C = 10, the career anchor's setup);
/// <c>svm</c>: one-vs-rest linear SVM with class-balanced weights; <c>centroid</c>: nearest class centroid; <c>auto</c>: the
/// candidate with the best stratified k-fold accuracy on the training file alone. Distinct (resume, category) rows only,
/// as the anchor folds duplicates.
/// </summary>
internal static partial class EvalCareerCommand
{
    /// <summary>What <c>--model auto</c> chooses among, simplest first (a tie keeps the earlier one).</summary>
    internal static readonly double[] SvmCandidates = [0.1, 0.3, 1, 3];

    public static Command Create(CliContext context)
    {
        var train = new Option<string>("--train") { Description = "CSV with Category and Resume columns.", Required = true };
        var test = new Option<string>("--test") { Description = "CSV with Category and Resume columns.", Required = true };
        var model = new Option<string>("--model") { Description = "tfidf (logistic regression), svm, centroid, auto (chosen by cross-validation on --train), embedded (nearest centroid in the space of the default embedded encoder, fitted on --train), lsa or subword (the same with that embedded encoder), mlp (the career advisor's classifier: LSA embeddings → hidden 256 → softmax), career (whichever of auto's choice and mlp has the better cross-validated accuracy on --train), or onnx (nearest centroid in the space of the sentence encoder in --onnx-model).", DefaultValueFactory = _ => "tfidf" };
        model.AcceptOnlyFromAmong("tfidf", "svm", "centroid", "auto", "embedded", "lsa", "subword", "onnx", "mlp", "career");
        var onnxModel = new Option<string?>("--onnx-model") { Description = "Folder of a sentence-transformers ONNX export (model.onnx + vocab.txt or tokenizer.json), for --model onnx." };
        var epochs = new Option<int>("--epochs") { Description = "Logistic regression iterations.", DefaultValueFactory = _ => 300 };
        var c = new Option<double?>("--c") { Description = "Inverse regularization (scikit-learn's C); default 10 for logistic regression, 0.3 for the SVM." };
        var folds = new Option<int>("--folds") { Description = "Cross-validation folds for --model auto.", DefaultValueFactory = _ => 5 };
        var seed = new Option<int>("--seed") { Description = "Seed of the folds and the SVM's coordinate order.", DefaultValueFactory = _ => 0 };
        var json = new Option<bool>("--json") { Description = "Print one JSON object." };
        var encoder = EncoderOptions.Encoder("tfidf", "--model centroid, svm and career (lsa or minilm: nearest centroid of the embeddings, an SVM on them, or the career SVM with them beside its words)");
        var miniLm = EncoderOptions.MiniLmModel();
        var maxWindows = EncoderOptions.MaxWindows();
        var cache = EncoderOptions.EmbeddingCache();
        var headlineEmbedding = new Option<int>("--headline-embedding") { Description = "With --encoder lsa|minilm: also embed the first N words on their own (the resume's stated role) beside the whole text; 0: off.", DefaultValueFactory = _ => 0 };
        var command = new Command("career", "Evaluate resume → career category classification.") { train, test, model, epochs, c, folds, seed, onnxModel, encoder, miniLm, maxWindows, cache, headlineEmbedding, json };
        command.SetAction((parse, cancellationToken) =>
        {
            if (parse.GetValue(epochs) < 1 || parse.GetValue(folds) < 2 || parse.GetValue(c) is <= 0)
            {
                throw new CliException("--epochs must be at least 1, --folds at least 2 and --c positive");
            }

            var run = new CareerRun(parse.GetValue(train)!, parse.GetValue(test)!, parse.GetValue(model)!, parse.GetValue(epochs), parse.GetValue(c),
                parse.GetValue(folds), parse.GetValue(seed), parse.GetValue(onnxModel), parse.GetValue(encoder)!, parse.GetValue(miniLm), parse.GetValue(maxWindows), parse.GetValue(cache), parse.GetValue(headlineEmbedding));
            if (run.HeadlineEmbedding < 0) throw new CliException("--headline-embedding must be 0 or more");
            if (run.Encoder != "tfidf" && run.Model is not ("centroid" or "svm" or "career"))
            {
                throw new CliException($"--encoder {run.Encoder} goes with --model centroid, svm or career");
            }

            if (run.Model == "onnx" && string.IsNullOrEmpty(run.OnnxModel)) throw new CliException("--model onnx needs --onnx-model DIR");
            JsonOutput.Write(context.Stdout, Run(context, run, cancellationToken), parse.GetValue(json));
            return Task.FromResult(0);
        });
        return command;
    }

    internal static List<KeyValuePair<string, object>> Run(CliContext context, CareerRun run, CancellationToken cancellationToken = default)
    {
        var (trainTexts, trainLabels) = Load(context, run.Train);
        var (testTexts, testLabels) = Load(context, run.Test);
        var classes = trainLabels.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var index = classes.Select((c, i) => (c, i)).ToDictionary(p => p.c, p => p.i, StringComparer.Ordinal);
        var y = trainLabels.Select(l => index[l]).ToArray();

        if (run.Encoder != "tfidf") return RunWithEncoder(context, run, trainTexts, y, classes, testTexts, testLabels.Select(l => index.GetValueOrDefault(l, -1)).ToArray(), cancellationToken);
        if (run.Model is "mlp" or "career") return RunCareerModel(context, run, trainTexts, trainLabels, y, classes, testTexts, testLabels.Select(l => index.GetValueOrDefault(l, -1)).ToArray(), cancellationToken);
        if (run.Model is "embedded" or "lsa" or "subword" or "onnx") return RunEncoder(context, run, trainTexts, y, classes, testTexts, testLabels.Select(l => index.GetValueOrDefault(l, -1)).ToArray(), cancellationToken);
        var watch = Stopwatch.StartNew();
        var options = run.Model == "auto"
            ? context.Progress.Run($"Choosing a model by {run.Folds}-fold cross-validation", progress => Choose(context, run, trainTexts, y, classes.Length, progress, cancellationToken))
            : Options(run, run.Model);
        CliLog.ModelSettings(context.Logger, run.Model, options.Describe());
        var classifier = context.Progress.Run("Fitting TF-IDF and training", progress => TextClassifier.Train(trainTexts, y, classes.Length, options, progress, cancellationToken));
        CliLog.Vocabulary(context.Logger, classifier.Vectorizer.Terms.Count);
        var fitSeconds = watch.Elapsed.TotalSeconds;

        var scores = context.Progress.Run("Classifying test texts", _ => classifier.Scores(testTexts));
        // A test category unseen in training can never be predicted; it counts as a miss under label -1.
        var actual = testLabels.Select(l => index.GetValueOrDefault(l, -1)).ToArray();
        var unseen = testLabels.Where(l => !index.ContainsKey(l)).ToArray();
        if (unseen.Length > 0)
        {
            CliLog.UnseenCategories(context.Logger, unseen.Length, string.Join(", ", unseen.Distinct(StringComparer.Ordinal)));
        }

        return Report(ModelName(options), scores, actual, trainTexts.Count, testTexts.Count, classes.Length, options.Describe(), fitSeconds);
    }

    /// <summary>The JSON every model kind reports: accuracy, macro-F1 and top-3 accuracy of per-class scores.</summary>
    private static List<KeyValuePair<string, object>> Report(string model, float[][] scores, int[] actual, int trainCount, int testCount, int classes,
        string settings, double fitSeconds)
    {
        var predicted = scores.Select(p => Array.IndexOf(p, p.Max())).ToArray();
        var top3 = actual.Select((a, i) => a >= 0 && scores[i].Count(p => p > scores[i][a]) < 3 ? 1.0 : 0.0).Average();
        return
        [
            new("model", model),
            new("accuracy", ClassificationMetrics.Accuracy(predicted, actual)),
            new("macro_f1", ClassificationMetrics.MacroF1(predicted, actual)),
            new("top3_accuracy", top3),
            new("train_texts", trainCount),
            new("test_texts", testCount),
            new("classes", classes),
            new("settings", settings),
            new("fit_seconds", fitSeconds),
        ];
    }

    /// <summary>
    /// An encoder as a classifier: class centroids of the unit embeddings, the nearest centroid by cosine. An embedded
    /// encoder (LSA, subword) is fitted on the training texts only (no test text shapes the space); an ONNX model is used as
    /// it is (zero-shot).
    /// </summary>
    private static List<KeyValuePair<string, object>> RunEncoder(CliContext context, CareerRun run, List<string> trainTexts, int[] y, string[] classes,
        List<string> testTexts, int[] actual, CancellationToken cancellationToken, TalentFlow.ML.Encoders.IEncoder? given = null)
    {
        var watch = Stopwatch.StartNew();
        using var onnx = run.Model == "onnx" && given is null
            ? context.Progress.Run("Loading the ONNX encoder", _ => new TalentFlow.ML.Onnx.OnnxSentenceEncoder(new() { ModelDirectory = run.OnnxModel! }))
            : null;
        TalentFlow.ML.Encoders.IEncoder encoder = given ?? onnx
            ?? (TalentFlow.ML.Encoders.IEncoder)context.Progress.Run("Fitting the embedded encoder",
                _ => TalentFlow.ML.Semantic.EmbeddedEncoder.Fit(trainTexts, TalentFlow.ML.Semantic.EmbeddedEncoder.ParseKind(run.Model), run.Seed, cancellationToken: cancellationToken));
        var train = encoder.EmbedAsync(trainTexts, cancellationToken).GetAwaiter().GetResult();
        var centroids = new float[classes.Length][];
        for (var c = 0; c < classes.Length; c++) centroids[c] = new float[encoder.Dimension];
        for (var i = 0; i < train.Length; i++) System.Numerics.Tensors.TensorPrimitives.Add(centroids[y[i]], train[i], centroids[y[i]]);
        foreach (var centroid in centroids)
        {
            var norm = System.Numerics.Tensors.TensorPrimitives.Norm(centroid);
            if (norm > 0) System.Numerics.Tensors.TensorPrimitives.Divide(centroid, norm, centroid);
        }
        var fitSeconds = watch.Elapsed.TotalSeconds;
        var test = encoder.EmbedAsync(testTexts, cancellationToken).GetAwaiter().GetResult();
        var scores = test.Select(e => centroids.Select(c => System.Numerics.Tensors.TensorPrimitives.Dot(c, e)).ToArray()).ToArray();
        return Report(run.Model + "+centroid", scores, actual, trainTexts.Count, testTexts.Count, classes.Length,
            $"{run.Model} dims={encoder.Dimension} version={encoder.VersionId}", fitSeconds);
    }

    private static TextClassifierOptions Choose(CliContext context, CareerRun run, List<string> texts, int[] y, int classes, IProgress<double> progress,
        CancellationToken cancellationToken)
    {
        TextClassifierOptions[] candidates = [Options(run, "centroid"), .. SvmCandidates.Select(c => Options(run with { C = c }, "svm"))];
        var foldOf = CrossValidation.StratifiedFolds(y, run.Folds, run.Seed);
        var best = (Accuracy: -1.0, Options: candidates[0]);
        for (var i = 0; i < candidates.Length; i++)
        {
            var accuracy = CrossValidation.Accuracy(texts, y, classes, candidates[i], foldOf, cancellationToken);
            CliLog.CrossValidation(context.Logger, candidates[i].Describe(), accuracy);
            if (accuracy > best.Accuracy)
            {
                best = (accuracy, candidates[i]);
            }

            progress.Report((i + 1) / (double)candidates.Length);
        }

        return best.Options;
    }

    private static TextClassifierOptions Options(CareerRun run, string model) => new()
    {
        Kind = model switch { "svm" => TextClassifierKind.LinearSvm, "centroid" => TextClassifierKind.Centroid, _ => TextClassifierKind.LogisticRegression },
        LogisticRegression = new() { Epochs = run.Epochs, C = run.C ?? 10 },
        LinearSvm = new() { C = run.C ?? 0.3, Seed = run.Seed },
    };

    private static string ModelName(TextClassifierOptions options) => options.Kind switch
    {
        TextClassifierKind.Centroid => "tfidf+centroid",
        TextClassifierKind.LinearSvm => "tfidf+svm",
        _ => "tfidf+logreg",
    };

    internal static (List<string> Texts, List<string> Labels) Load(CliContext context, string path)
    {
        var all = CsvTable.Read(path, "Category", "Resume");
        var rows = all
            .Select(r => (Resume: r["Resume"], Category: r["Category"]))
            .Distinct()
            .OrderBy(r => r.Resume, StringComparer.Ordinal).ThenBy(r => r.Category, StringComparer.Ordinal)
            .ToList();
        CliLog.DuplicatesFolded(context.Logger, path, rows.Count, all.Count);
        return rows.Count == 0
            ? throw new CliException($"{path}: no rows")
            : (rows.Select(r => r.Resume).ToList(), rows.Select(r => r.Category).ToList());
    }

    /// <summary>The arguments of one <c>eval career</c> run.</summary>
    internal sealed record CareerRun(string Train, string Test, string Model, int Epochs, double? C, int Folds, int Seed, string? OnnxModel = null,
        string Encoder = "tfidf", string? MiniLmModel = null, int MaxWindows = 4, string? EmbeddingCache = null, int HeadlineEmbedding = 0);
}
