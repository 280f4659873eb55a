using System.Numerics.Tensors;
using TalentFlow.ML.Classification;
using TalentFlow.ML.Tfidf;

namespace TalentFlow.ML.Careers;

/// <summary>
/// "Keep the better per evaluation" on the training texts alone: stratified k-fold accuracy
/// (<see cref="CrossValidation.StratifiedFolds"/>, seeded) of the TF-IDF linear SVM for each candidate C and headline length and of the MLP over
/// embeddings, everything (vectorizer, encoder, classifier) refitted inside every fold.
/// </summary>
internal static class CareerClassifierSelection
{
    /// <summary>
    /// The TF-IDF side of the comparison: the best C and headline length (0: none), its accuracy and its out-of-fold decision
    /// values (for the temperature).
    /// </summary>
    internal sealed record TfidfChoice(double Cost, int HeadlineWords, double Accuracy, float[][] OutOfFoldScores);

    /// <summary>
    /// Cross-validates the SVM for every headline length in <paramref name="headlineWords"/> and every C in
    /// <paramref name="costs"/> (a tie keeps the earlier: no or a shorter headline, then the smaller C). <paramref name="labelTexts"/>
    /// (one per class, or null) join the training texts of every fold, never the held-out ones.
    /// </summary>
    public static TfidfChoice Tfidf(IReadOnlyList<string> texts, int[] y, int classes, int[] foldOf, IReadOnlyList<double> costs,
        IReadOnlyList<int> headlineWords, TfidfOptions tfidf, int seed, IReadOnlyList<string>? labelTexts, CancellationToken cancellationToken)
    {
        var scores = new float[headlineWords.Count * costs.Count][][];
        for (int k = 0; k < scores.Length; k++) scores[k] = new float[texts.Count][];
        for (int f = 0; f <= foldOf.Max(); f++)
        {
            var (train, held) = Split(foldOf, f);
            if (held.Length == 0) continue;
            var (trainTexts, trainY) = WithLabelTexts([.. train.Select(i => texts[i])], [.. train.Select(i => y[i])], labelTexts);
            var heldTexts = held.Select(i => texts[i]).ToArray();
            for (int h = 0; h < headlineWords.Count; h++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var features = CareerTextFeatures.Fit(trainTexts, tfidf, headlineWords[h]);
                var xTrain = features.Transform(trainTexts);
                var xHeld = features.Transform(heldTexts);
                for (int c = 0; c < costs.Count; c++)
                {
                    var svm = LinearSvmTrainer.Train(xTrain, trainY, features.Count, classes, SvmOptions(costs[c], seed), cancellationToken);
                    for (int k = 0; k < held.Length; k++) scores[h * costs.Count + c][held[k]] = svm.Scores(xHeld[k]);
                }
            }
        }

        int best = 0;
        var accuracies = scores.Select(s => Accuracy(s, y)).ToArray();
        for (int k = 1; k < scores.Length; k++)
        {
            if (accuracies[k] > accuracies[best]) best = k;
        }

        return new TfidfChoice(costs[best % costs.Count], headlineWords[best / costs.Count], accuracies[best], scores[best]);
    }

    /// <summary>Mean held-out accuracy of the MLP career model (encoder and classifier refitted inside each fold).</summary>
    public static double Mlp(IReadOnlyList<string> texts, IReadOnlyList<string> labels, int[] foldOf, CareerModelOptions options, CancellationToken cancellationToken)
    {
        int correct = 0;
        for (int f = 0; f <= foldOf.Max(); f++)
        {
            var (train, held) = Split(foldOf, f);
            if (held.Length == 0 || train.Select(i => labels[i]).Distinct(StringComparer.Ordinal).Count() < 2) continue;
            var model = CareerModelTrainer.Train([.. train.Select(i => texts[i])], [.. train.Select(i => labels[i])], options with { ClassifierKind = CareerClassifierKind.Mlp },
                cancellationToken: cancellationToken);
            correct += held.Count(i => model.Predict(texts[i], 1)[0].Career == labels[i]);
        }

        return correct / (double)texts.Count;
    }

    /// <summary>Fits the final SVM on every text with the chosen C; the temperature comes from the out-of-fold decision values.</summary>
    public static CareerTfidfClassifier Fit(IReadOnlyList<string> texts, int[] y, int classes, TfidfChoice choice, TfidfOptions tfidf, int seed,
        IReadOnlyList<string>? labelTexts, CancellationToken cancellationToken)
    {
        var (allTexts, allY) = WithLabelTexts(texts, y, labelTexts);
        var features = CareerTextFeatures.Fit(allTexts, tfidf, choice.HeadlineWords);
        var svm = LinearSvmTrainer.Train(features.Transform(allTexts), allY, features.Count, classes, SvmOptions(choice.Cost, seed), cancellationToken);
        var held = Enumerable.Range(0, texts.Count).Where(i => choice.OutOfFoldScores[i] is not null).ToArray();
        float temperature = held.Length == 0 ? 1f
            : CareerClassifierTrainer.FitTemperature([.. held.Select(i => choice.OutOfFoldScores[i])], [.. held.Select(i => y[i])], classes, MinTemperature);
        return new CareerTfidfClassifier(features, svm, choice.Cost, temperature);
    }

    /// <summary>The SVM's decision values span about ±1, so a calibrated softmax may need a temperature far below the MLP's floor.</summary>
    private const double MinTemperature = 1e-3;

    /// <summary>
    /// A career's name as one more training text of that career (see <see cref="CareerModelOptions.LabelTexts"/>): lower case,
    /// hyphens and underscores as spaces, so <c>BUSINESS-DEVELOPMENT</c> reads as the words a resume would use.
    /// </summary>
    public static string LabelText(string career) => career.Replace('-', ' ').Replace('_', ' ').ToLowerInvariant();

    private static (IReadOnlyList<string> Texts, int[] Y) WithLabelTexts(IReadOnlyList<string> texts, int[] y, IReadOnlyList<string>? labelTexts) =>
        labelTexts is null ? (texts, y) : ([.. texts, .. labelTexts], [.. y, .. Enumerable.Range(0, labelTexts.Count)]);

    private static LinearSvmTrainer.Options SvmOptions(double cost, int seed) => new() { C = cost, Seed = seed, BalancedClassWeights = true };

    private static double Accuracy(float[][] scores, int[] y)
    {
        int correct = 0;
        for (int i = 0; i < y.Length; i++)
        {
            if (scores[i] is { } s && TensorPrimitives.IndexOfMax<float>(s) == y[i]) correct++;
        }

        return correct / (double)y.Length;
    }

    private static (int[] Train, int[] Held) Split(int[] foldOf, int fold) =>
        ([.. Enumerable.Range(0, foldOf.Length).Where(i => foldOf[i] != fold)], [.. Enumerable.Range(0, foldOf.Length).Where(i => foldOf[i] == fold)]);
}
