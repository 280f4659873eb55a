using System.CommandLine;
using System.Diagnostics;
using TalentFlow.Cli.Hosting;
using TalentFlow.ML.Matching;
using TalentFlow.ML.Metrics;
using TalentFlow.ML.Tfidf;

namespace TalentFlow.Cli;

/// <summary>
/// <c>eval match --train FILE --test FILE [--json]</c>: fits the baseline matcher's section vectorizers on the training
/// pairs' texts, scores the test pairs and compares with their labels. Correlations use the raw weighted cosine; MSE, MAE and
/// the @0.5 metrics use scores min-max scaled to [0, 1] over the test set, as ../shared/anchors/tfidf_anchor.py does.
/// </summary>
internal static class EvalMatchCommand
{
    public static Command Create(CliContext context)
    {
        var train = new Option<string>("--train") { Description = "Training pairs: JSON [{resume, job_description, score}] or CSV.", Required = true };
        var test = new Option<string>("--test") { Description = "Test pairs, same format.", Required = true };
        var json = new Option<bool>("--json") { Description = "Print one JSON object." };
        var model = new Option<string>("--model") { Description = "sections: seed 000's per-section matcher; tfidf: one whole-text vectorizer (the anchor's).", DefaultValueFactory = _ => "sections" };
        model.AcceptOnlyFromAmong("sections", "tfidf");
        // MiniLM zero-shot beat TF-IDF and LSA on every metric of the labelled pairs (README, Evaluations), so the default model
        // (sections) runs on it; --model tfidf keeps meaning the anchor's whole-text TF-IDF unless --encoder says otherwise.
        var encoder = new Option<string?>("--encoder")
        {
            Description = "Text representation: tfidf, lsa (fitted on the training pairs' texts) or minilm (all-MiniLM-L6-v2 zero-shot, or --minilm-model). Default: minilm with --model sections (the held-out winner, src/TalentFlow.ML/README.md, Evaluations), tfidf with --model tfidf (the anchor's).",
        };
        encoder.AcceptOnlyFromAmong(EncoderOptions.EvalEncoders);
        var miniLm = EncoderOptions.MiniLmModel();
        var maxWindows = EncoderOptions.MaxWindows();
        var cache = EncoderOptions.EmbeddingCache();
        var command = new Command("match", "Evaluate the baseline matcher on labelled resume/job pairs.") { train, test, model, encoder, miniLm, maxWindows, cache, json };
        command.SetAction(parse =>
        {
            var chosen = parse.GetValue(encoder) ?? (parse.GetValue(model) == "tfidf" ? "tfidf" : "minilm");
            var run = chosen == "tfidf" ? null
                : new EvalVacanciesCommand.EncoderRun(chosen, parse.GetValue(miniLm), parse.GetValue(maxWindows), parse.GetValue(cache));
            var result = Run(context, parse.GetValue(train)!, parse.GetValue(test)!, parse.GetValue(model) == "tfidf", run);
            JsonOutput.Write(context.Stdout, result, parse.GetValue(json));
            return 0;
        });
        return command;
    }

    internal static List<KeyValuePair<string, object>> Run(CliContext context, string trainPath, string testPath, bool wholeText = false,
        EvalVacanciesCommand.EncoderRun? encoder = null)
    {
        var trainPairs = LabelledPair.Load(trainPath);
        CliLog.RowsRead(context.Logger, trainPairs.Count, trainPath);
        var testPairs = LabelledPair.Load(testPath);
        CliLog.RowsRead(context.Logger, testPairs.Count, testPath);
        var watch = Stopwatch.StartNew();
        List<string> corpus = [.. trainPairs.Select(p => p.Resume), .. trainPairs.Select(p => p.JobDescription)];
        var raw = new double[testPairs.Count];
        double fitSeconds;
        using var space = encoder is null ? null : EvalEncoderSimilarity.Open(context, encoder.Encoder, !wholeText, corpus, encoder.MiniLmModel, encoder.MaxWindows, encoder.Cache);
        if (space is not null)
        {
            fitSeconds = watch.Elapsed.TotalSeconds;
            context.Progress.Run("Embedding test pairs", _ => { space.Prepare([.. testPairs.Select(p => p.Resume), .. testPairs.Select(p => p.JobDescription)]); return 0; });
            for (var i = 0; i < raw.Length; i++) raw[i] = space.Score(testPairs[i].Resume, testPairs[i].JobDescription);
        }
        else if (wholeText)
        {
            var vectorizer = context.Progress.Run("Fitting TF-IDF", _ => TfidfVectorizer.Fit(corpus));
            fitSeconds = watch.Elapsed.TotalSeconds;
            CliLog.Vocabulary(context.Logger, vectorizer.Terms.Count);
            context.Progress.Run("Scoring test pairs", progress => ParallelWithProgress(testPairs.Count, progress,
                i => raw[i] = vectorizer.Transform(testPairs[i].Resume).Dot(vectorizer.Transform(testPairs[i].JobDescription))));
        }
        else
        {
            var matcher = context.Progress.Run("Fitting section vectorizers", _ => BaselineMatcher.Fit(corpus));
            fitSeconds = watch.Elapsed.TotalSeconds;
            context.Progress.Run("Scoring test pairs", progress => ParallelWithProgress(testPairs.Count, progress,
                i => raw[i] = matcher.Score(testPairs[i].Resume, testPairs[i].JobDescription).RawScore));
        }

        return
        [
            new("model", (encoder?.Encoder ?? "tfidf") + (wholeText ? "" : "-sections")),
            new("encoder", space?.VersionId ?? "tfidf"),
            .. Metrics(raw, testPairs.Select(p => p.Score).ToArray()),
            new("train_pairs", trainPairs.Count),
            new("test_pairs", testPairs.Count),
            new("fit_seconds", fitSeconds),
        ];
    }

    /// <summary>Runs <paramref name="body"/> for 0..count-1 in parallel, reporting the finished fraction.</summary>
    internal static bool ParallelWithProgress(int count, IProgress<double> progress, Action<int> body)
    {
        var done = 0;
        Parallel.For(0, count, i =>
        {
            body(i);
            progress.Report(Interlocked.Increment(ref done) / (double)count);
        });
        return true;
    }

    /// <summary>Correlations on raw scores; MSE, MAE and @0.5 metrics on scores min-max scaled over the set (as the anchor).</summary>
    internal static List<KeyValuePair<string, object>> Metrics(double[] raw, double[] labels)
    {
        double lo = raw.Min(), hi = raw.Max();
        var scaled = raw.Select(r => hi > lo ? (r - lo) / (hi - lo) : 0).ToArray();
        var binary = BinaryMetrics.AtThreshold(scaled, labels, 0.5);
        return
        [
            new("pearson", RegressionMetrics.Pearson(raw, labels)),
            new("spearman", RegressionMetrics.Spearman(raw, labels)),
            new("mse", RegressionMetrics.Mse(scaled, labels)),
            new("mae", RegressionMetrics.Mae(scaled, labels)),
            new("accuracy@0.5", binary.Accuracy),
            new("precision@0.5", binary.Precision),
            new("recall@0.5", binary.Recall),
            new("f1@0.5", binary.F1),
        ];
    }
}
