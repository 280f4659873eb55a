using System.Numerics.Tensors;
using TalentFlow.ML.Classification;
using TalentFlow.ML.Tfidf;

namespace TalentFlow.ML.Careers;

/// <summary>
/// The career SVM with a sentence encoder's embedding beside its words: the input is [TF-IDF body ; headline block ;
/// w · embedding] (<see cref="CareerTextFeatures"/>, then the unit-length embedding scaled by w), or the embedding alone.
/// C, the headline length and w are chosen by seeded stratified k-fold accuracy on the training texts only (vectorizers
/// refitted inside every fold; the embeddings come from a frozen encoder, so they hold nothing of the labels). w = 0 is the
/// plain TF-IDF SVM of <see cref="CareerClassifierSelection"/>, so cross-validation can refuse the embedding. Career names
/// (<see cref="CareerClassifierSelection.LabelText"/>) join every fold's training part with their own embeddings, never
/// the held-out part. For the held-out measurement in <c>eval career</c>; the served model stays <see cref="CareerTfidfClassifier"/>.
/// </summary>
internal sealed class CareerEmbeddingClassifier
{
    private readonly CareerTextFeatures? _text;
    private readonly LinearSvmModel _svm;

    private CareerEmbeddingClassifier(CareerTextFeatures? text, LinearSvmModel svm, Choice choice, int dimension)
    {
        (_text, _svm, Settings, Dimension) = (text, svm, choice, dimension);
    }

    /// <summary>One candidate setting and its cross-validated accuracy (NaN when it was fixed, not chosen).</summary>
    /// <param name="Cost">The SVM's C.</param>
    /// <param name="HeadlineWords">Headline block length (0: none; ignored without text).</param>
    /// <param name="EmbeddingWeight">The embedding block's scale w (0: no embedding).</param>
    /// <param name="UseText">Whether the TF-IDF blocks are in the input (false: the embedding alone).</param>
    /// <param name="Accuracy">Mean held-out accuracy over the folds.</param>
    internal sealed record Choice(double Cost, int HeadlineWords, float EmbeddingWeight, bool UseText, double Accuracy = double.NaN)
    {
        public string Describe() =>
            (UseText ? $"tfidf{(HeadlineWords > 0 ? $"+headline {HeadlineWords}" : "")}" : "")
            + (EmbeddingWeight > 0 ? $"{(UseText ? " + " : "")}{EmbeddingWeight:0.###}×embedding" : "")
            + $", svm C={Cost:0.###} balanced";
    }

    /// <summary>The chosen setting.</summary>
    public Choice Settings { get; }

    /// <summary>Length of the embeddings this classifier takes.</summary>
    public int Dimension { get; }

    /// <summary>The input of the SVM: TF-IDF blocks (when any) with the scaled embedding after them.</summary>
    internal static SparseVector Append(SparseVector text, int offset, ReadOnlySpan<float> embedding, float weight)
    {
        if (weight == 0) return text;
        var indices = new int[text.Count + embedding.Length];
        var values = new float[indices.Length];
        text.Indices.CopyTo(indices, 0);
        text.Values.CopyTo(values, 0);
        for (var d = 0; d < embedding.Length; d++)
        {
            indices[text.Count + d] = offset + d;
            values[text.Count + d] = weight * embedding[d];
        }

        return new SparseVector(indices, values);
    }

    /// <summary>
    /// Cross-validates every candidate (a tie keeps the earlier: the order of <paramref name="weights"/>, then
    /// <paramref name="headlineWords"/>, then <paramref name="costs"/>) and returns the best with its accuracy.
    /// </summary>
    public static Choice Select(IReadOnlyList<string> texts, float[][] embeddings, int[] y, int classes, int[] foldOf, IReadOnlyList<double> costs,
        IReadOnlyList<int> headlineWords, IReadOnlyList<float> weights, bool useText, TfidfOptions tfidf, int seed,
        IReadOnlyList<string>? labelTexts, float[][]? labelEmbeddings, CancellationToken cancellationToken = default) =>
        Best(CrossValidate(texts, embeddings, y, classes, foldOf, costs, headlineWords, weights, useText, tfidf, seed, labelTexts, labelEmbeddings, cancellationToken));

    /// <summary>The first candidate with the highest accuracy (candidates in <see cref="CrossValidate"/>'s order).</summary>
    public static Choice Best(IReadOnlyList<Choice> candidates)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        if (candidates.Count == 0) throw new ArgumentException("No candidate.", nameof(candidates));
        var best = candidates[0];
        foreach (var c in candidates)
        {
            if (c.Accuracy > best.Accuracy) best = c;
        }

        return best;
    }

    /// <summary>
    /// Every candidate with its cross-validated accuracy, in the order <paramref name="weights"/>, then
    /// <paramref name="headlineWords"/>, then <paramref name="costs"/> (so that <see cref="Best"/> breaks ties toward the
    /// earlier); the same folds for all, so a w = 0 candidate is the TF-IDF baseline measured alongside.
    /// </summary>
    public static IReadOnlyList<Choice> CrossValidate(IReadOnlyList<string> texts, float[][] embeddings, int[] y, int classes, int[] foldOf, IReadOnlyList<double> costs,
        IReadOnlyList<int> headlineWords, IReadOnlyList<float> weights, bool useText, TfidfOptions tfidf, int seed,
        IReadOnlyList<string>? labelTexts, float[][]? labelEmbeddings, CancellationToken cancellationToken = default)
    {
        Check(texts, embeddings, y, labelTexts, labelEmbeddings);
        ArgumentNullException.ThrowIfNull(foldOf);
        var heads = useText ? headlineWords : [0];
        var candidates = (from w in weights from h in heads from c in costs where useText || w > 0 select new Choice(c, h, w, useText)).ToList();
        if (candidates.Count == 0) throw new ArgumentException("No candidate: the embedding alone needs a positive weight.", nameof(weights));
        var correct = new int[candidates.Count];
        for (var f = 0; f <= foldOf.Max(); f++)
        {
            var train = Enumerable.Range(0, y.Length).Where(i => foldOf[i] != f).ToArray();
            var held = Enumerable.Range(0, y.Length).Where(i => foldOf[i] == f).ToArray();
            if (held.Length == 0) continue;
            var (trainTexts, trainEmbeddings, trainY) = WithLabels([.. train.Select(i => texts[i])], [.. train.Select(i => embeddings[i])], [.. train.Select(i => y[i])], labelTexts, labelEmbeddings);
            foreach (var group in candidates.Select((c, k) => (c, k)).GroupBy(p => p.c.HeadlineWords))
            {
                cancellationToken.ThrowIfCancellationRequested();
                var features = useText ? CareerTextFeatures.Fit(trainTexts, tfidf, group.Key) : null;
                var textTrain = features?.Transform(trainTexts);
                var textHeld = features?.Transform([.. held.Select(i => texts[i])]);
                foreach (var (candidate, k) in group)
                {
                    var offset = features?.Count ?? 0;
                    var xTrain = trainY.Select((_, i) => Append(textTrain?[i] ?? SparseVector.Empty, offset, trainEmbeddings[i], candidate.EmbeddingWeight)).ToArray();
                    var svm = LinearSvmTrainer.Train(xTrain, trainY, offset + Width(candidate, embeddings), classes, SvmOptions(candidate.Cost, seed), cancellationToken);
                    for (var n = 0; n < held.Length; n++)
                    {
                        var scores = svm.Scores(Append(textHeld?[n] ?? SparseVector.Empty, offset, embeddings[held[n]], candidate.EmbeddingWeight));
                        if (TensorPrimitives.IndexOfMax<float>(scores) == y[held[n]]) correct[k]++;
                    }
                }
            }
        }

        return [.. candidates.Select((c, k) => c with { Accuracy = correct[k] / (double)y.Length })];
    }

    /// <summary>Fits the SVM of <paramref name="choice"/> on every training text (and the career names, when given).</summary>
    public static CareerEmbeddingClassifier Fit(IReadOnlyList<string> texts, float[][] embeddings, int[] y, int classes, Choice choice, TfidfOptions tfidf, int seed,
        IReadOnlyList<string>? labelTexts, float[][]? labelEmbeddings, CancellationToken cancellationToken = default)
    {
        Check(texts, embeddings, y, labelTexts, labelEmbeddings);
        ArgumentNullException.ThrowIfNull(choice);
        var (allTexts, allEmbeddings, allY) = WithLabels(texts, embeddings, y, labelTexts, labelEmbeddings);
        var features = choice.UseText ? CareerTextFeatures.Fit(allTexts, tfidf, choice.HeadlineWords) : null;
        var offset = features?.Count ?? 0;
        var x = allY.Select((_, i) => Append(features?.Transform(allTexts[i]) ?? SparseVector.Empty, offset, allEmbeddings[i], choice.EmbeddingWeight)).ToArray();
        var svm = LinearSvmTrainer.Train(x, allY, offset + Width(choice, embeddings), classes, SvmOptions(choice.Cost, seed), cancellationToken);
        return new CareerEmbeddingClassifier(features, svm, choice, embeddings.Length == 0 ? 0 : embeddings[0].Length);
    }

    /// <summary>Decision values, one per career, of a text and its embedding.</summary>
    public float[] Scores(string text, float[] embedding)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(embedding);
        if (Settings.EmbeddingWeight > 0 && embedding.Length != Dimension) throw new ArgumentException($"The embedding has {embedding.Length} dimensions; the classifier was fitted on {Dimension}.", nameof(embedding));
        return _svm.Scores(Append(_text?.Transform(text) ?? SparseVector.Empty, _text?.Count ?? 0, embedding, Settings.EmbeddingWeight));
    }

    private static int Width(Choice choice, float[][] embeddings) => choice.EmbeddingWeight > 0 && embeddings.Length > 0 ? embeddings[0].Length : 0;

    private static LinearSvmTrainer.Options SvmOptions(double cost, int seed) => new() { C = cost, Seed = seed, BalancedClassWeights = true };

    private static (IReadOnlyList<string>, float[][], int[]) WithLabels(IReadOnlyList<string> texts, float[][] embeddings, int[] y,
        IReadOnlyList<string>? labelTexts, float[][]? labelEmbeddings) =>
        labelTexts is null || labelEmbeddings is null
            ? (texts, embeddings, y)
            : ([.. texts, .. labelTexts], [.. embeddings, .. labelEmbeddings], [.. y, .. Enumerable.Range(0, labelTexts.Count)]);

    private static void Check(IReadOnlyList<string> texts, float[][] embeddings, int[] y, IReadOnlyList<string>? labelTexts, float[][]? labelEmbeddings)
    {
        ArgumentNullException.ThrowIfNull(texts);
        ArgumentNullException.ThrowIfNull(embeddings);
        ArgumentNullException.ThrowIfNull(y);
        if (texts.Count != y.Length || embeddings.Length != y.Length) throw new ArgumentException("Texts, embeddings and labels differ in count.", nameof(embeddings));
        if (embeddings.Any(e => e is null || e.Length != embeddings[0].Length)) throw new ArgumentException("Every embedding must have the same length.", nameof(embeddings));
        if ((labelTexts is null) != (labelEmbeddings is null) || (labelTexts is not null && labelTexts.Count != labelEmbeddings!.Length))
        {
            throw new ArgumentException("Career names need one embedding each.", nameof(labelEmbeddings));
        }
    }
}
