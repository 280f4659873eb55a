using System.Diagnostics;
using TalentFlow.Cli.Hosting;
using TalentFlow.ML.Careers;
using TalentFlow.ML.Classification;
using TalentFlow.ML.Encoders;

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
        var trainEmbeddings = context.Progress.Run($"Embedding {trainTexts.Count} training texts ({run.Encoder})", _ => EncoderOptions.Embed(encoder, trainTexts, cancellationToken));
        var labelEmbeddings = EncoderOptions.Embed(encoder, labelTexts, cancellationToken);
        var tfidf = new CareerModelOptions().Tfidf;
        var useText = run.Model == "career";
        var foldOf = CrossValidation.StratifiedFolds(y, run.Folds, run.Seed);
        var embedSeconds = watch.Elapsed.TotalSeconds;
        var choice = context.Progress.Run($"Choosing by {run.Folds}-fold cross-validation", _ => CareerEmbeddingClassifier.Select(trainTexts, trainEmbeddings, y, classes.Length, foldOf,
            run.C is { } c ? [c] : EmbeddingCosts, EmbeddingHeadlines, useText ? EmbeddingWeights : [1f], useText, tfidf, run.Seed, labelTexts, labelEmbeddings, cancellationToken));
        CliLog.CrossValidation(context.Logger, choice.Describe(), choice.Accuracy);
        var classifier = CareerEmbeddingClassifier.Fit(trainTexts, trainEmbeddings, y, classes.Length, choice, tfidf, run.Seed, labelTexts, labelEmbeddings, cancellationToken);
        var fitSeconds = watch.Elapsed.TotalSeconds;
        var testEmbeddings = context.Progress.Run($"Embedding {testTexts.Count} test texts ({run.Encoder})", _ => EncoderOptions.Embed(encoder, testTexts, cancellationToken));
        var scores = testTexts.Select((t, i) => classifier.Scores(t, testEmbeddings[i])).ToArray();
        var report = Report($"{run.Model}+{run.Encoder}", scores, actual, trainTexts.Count, testTexts.Count, classes.Length,
            $"{choice.Describe()} cv={choice.Accuracy:0.000} encoder={encoder.VersionId}", fitSeconds);
        report.Add(new("encoder", encoder.VersionId));
        report.Add(new("embed_train_seconds", embedSeconds));
        return report;
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
