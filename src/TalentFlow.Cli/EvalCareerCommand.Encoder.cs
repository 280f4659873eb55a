using System.Diagnostics;
using TalentFlow.Cli.Hosting;
using TalentFlow.ML.Careers;
using TalentFlow.ML.Classification;
using TalentFlow.ML.Encoders;
using TalentFlow.ML.Metrics;

namespace TalentFlow.Cli;

/// <content>
/// <c>--encoder lsa|minilm</c> with <c>--model centroid|svm|career</c>: the classifier over a sentence encoder's embeddings
/// (centroid: nearest class centroid; svm: a linear SVM on the embeddings alone) or beside the career model's words
/// (career: [TF-IDF ; headline ; w · embedding], <see cref="CareerEmbeddingClassifier"/>). Everything chosen by
/// cross-validation on the training file; LSA is fitted on the training texts only, MiniLM is used as it is.
/// </content>
internal static partial class EvalCareerCommand
{
    /// <summary>The embedding block's scales <c>--model career</c> chooses among (0: none, the plain TF-IDF SVM).</summary>
    internal static readonly float[] EmbeddingWeights = [0, 0.5f, 1, 2];

    /// <summary>C values the embedding SVMs choose among.</summary>
    internal static readonly double[] EmbeddingCosts = [0.3, 1, 3];

    /// <summary>Headline lengths <c>--model career --encoder lsa|minilm</c> chooses among.</summary>
    internal static readonly int[] EmbeddingHeadlines = [0, 5];

    private static List<KeyValuePair<string, object>> RunWithEncoder(CliContext context, CareerRun run, List<string> trainTexts, int[] y, string[] classes,
        List<string> testTexts, int[] actual, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        using var encoder = OpenEncoder(context, run, trainTexts, cancellationToken);
        if (run.Model == "centroid")
        {
            return RunEncoder(context, run with { Model = run.Encoder }, trainTexts, y, classes, testTexts, actual, cancellationToken, encoder);
        }

        var labelTexts = classes.Select(CareerClassifierSelection.LabelText).ToList();
        var trainEmbeddings = context.Progress.Run($"Embedding {trainTexts.Count} training texts ({run.Encoder})", _ => Embed(encoder, trainTexts, run.HeadlineEmbedding, cancellationToken));
        // A career name is its own headline: the name's vector fills both halves.
        var labelEmbeddings = Embed(encoder, labelTexts, run.HeadlineEmbedding, cancellationToken, nameIsHeadline: true);
        var tfidf = new CareerModelOptions().Tfidf;
        var useText = run.Model == "career";
        var foldOf = CrossValidation.StratifiedFolds(y, run.Folds, run.Seed);
        var embedSeconds = watch.Elapsed.TotalSeconds;
        var candidates = context.Progress.Run($"Choosing by {run.Folds}-fold cross-validation", _ => CareerEmbeddingClassifier.CrossValidate(trainTexts, trainEmbeddings, y, classes.Length, foldOf,
            run.C is { } c ? [c] : EmbeddingCosts, EmbeddingHeadlines, useText ? EmbeddingWeights : [1f], useText, tfidf, run.Seed, labelTexts, labelEmbeddings, cancellationToken));
        foreach (var candidate in candidates) CliLog.CrossValidation(context.Logger, candidate.Describe(), candidate.Accuracy);
        var choice = CareerEmbeddingClassifier.Best(candidates);
        var classifier = CareerEmbeddingClassifier.Fit(trainTexts, trainEmbeddings, y, classes.Length, choice, tfidf, run.Seed, labelTexts, labelEmbeddings, cancellationToken);
        var fitSeconds = watch.Elapsed.TotalSeconds;
        var testEmbeddings = context.Progress.Run($"Embedding {testTexts.Count} test texts ({run.Encoder})", _ => Embed(encoder, testTexts, run.HeadlineEmbedding, cancellationToken));
        var scores = testTexts.Select((t, i) => classifier.Scores(t, testEmbeddings[i])).ToArray();
        var report = Report($"{run.Model}+{run.Encoder}", scores, actual, trainTexts.Count, testTexts.Count, classes.Length,
            $"{choice.Describe()} cv={choice.Accuracy:0.000} encoder={encoder.VersionId}", fitSeconds);
        report.Add(new("encoder", encoder.VersionId));
        report.Add(new("embed_train_seconds", embedSeconds));
        if (useText)
        {
            // The baseline beside the model: the best words-only candidate (w = 0) of the same cross-validation, on the same test texts.
            var baseline = CareerEmbeddingClassifier.Best([.. candidates.Where(k => k.EmbeddingWeight == 0)]);
            var words = choice.EmbeddingWeight == 0 ? classifier
                : CareerEmbeddingClassifier.Fit(trainTexts, trainEmbeddings, y, classes.Length, baseline, tfidf, run.Seed, labelTexts, labelEmbeddings, cancellationToken);
            var baseScores = testTexts.Select((t, i) => words.Scores(t, testEmbeddings[i])).ToArray();
            var predicted = baseScores.Select(p => Array.IndexOf(p, p.Max())).ToArray();
            report.Add(new("baseline_settings", $"{baseline.Describe()} cv={baseline.Accuracy:0.000}"));
            report.Add(new("baseline_accuracy", ClassificationMetrics.Accuracy(predicted, actual)));
            report.Add(new("baseline_macro_f1", ClassificationMetrics.MacroF1(predicted, actual)));
        }

        return report;
    }

    /// <summary>
    /// The texts' embeddings; with <paramref name="headlineWords"/> &gt; 0, each is [text ; headline] / √2, the headline being
    /// the text's first words (<see cref="CareerTextFeatures.HeadlineOf"/>) embedded on their own — where a resume names its
    /// role, which a sentence encoder can match to a career's name across synonyms.
    /// </summary>
    internal static float[][] Embed(IEncoder encoder, IReadOnlyList<string> texts, int headlineWords, CancellationToken cancellationToken, bool nameIsHeadline = false)
    {
        var whole = EncoderOptions.Embed(encoder, texts, cancellationToken);
        if (headlineWords <= 0) return whole;
        var heads = nameIsHeadline ? whole : EncoderOptions.Embed(encoder, [.. texts.Select(t => CareerTextFeatures.HeadlineOf(t, headlineWords))], cancellationToken);
        var scale = 1 / MathF.Sqrt(2);
        return [.. whole.Select((w, i) => (float[])[.. w.Select(v => v * scale), .. heads[i].Select(v => v * scale)])];
    }

    /// <summary>LSA fitted on the training texts, or MiniLM (cached on disk); disposed by the caller.</summary>
    private static EncoderLease OpenEncoder(CliContext context, CareerRun run, List<string> trainTexts, CancellationToken cancellationToken) => run.Encoder switch
    {
        "minilm" => new EncoderLease(context.Progress.Run("Loading MiniLM", _ => EncoderOptions.OpenMiniLm(context, run.MiniLmModel, run.MaxWindows, run.EmbeddingCache))),
        _ => new EncoderLease(context.Progress.Run("Fitting LSA on the training texts",
            _ => TalentFlow.ML.Semantic.EmbeddedEncoder.Fit(trainTexts, TalentFlow.ML.Semantic.EmbeddedEncoderKind.Lsa, run.Seed, cancellationToken: cancellationToken))),
    };

    /// <summary>An encoder that is disposed with the run when it holds native resources.</summary>
    private sealed class EncoderLease(IEncoder inner) : IEncoder, IDisposable
    {
        public int Dimension => inner.Dimension;

        public string VersionId => inner.VersionId;

        public Task<float[][]> EmbedAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken = default) => inner.EmbedAsync(texts, cancellationToken);

        public void Dispose() => (inner as IDisposable)?.Dispose();
    }
}
