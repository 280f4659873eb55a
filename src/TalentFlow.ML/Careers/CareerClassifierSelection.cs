using System.Numerics.Tensors;
using TalentFlow.ML.Classification;
using TalentFlow.ML.Tfidf;

namespace TalentFlow.ML.Careers;

/// <summary>
/// "Keep the better per evaluation" on the training texts alone: stratified k-fold accuracy
/// (<see cref="CrossValidation.StratifiedFolds"/>, seeded) of the TF-IDF linear SVM for each candidate C and of the MLP over
/// embeddings, everything (vectorizer, encoder, classifier) refitted inside every fold.
/// </summary>
internal static class CareerClassifierSelection
{
    /// <summary>The TF-IDF side of the comparison: the best C, its accuracy and its out-of-fold decision values (for the temperature).</summary>
    internal sealed record TfidfChoice(double Cost, double Accuracy, float[][] OutOfFoldScores);

    /// <summary>Cross-validates the SVM for every C in <paramref name="costs"/> (a tie keeps the earlier C).</summary>
    public static TfidfChoice Tfidf(IReadOnlyList<string> texts, int[] y, int classes, int[] foldOf, IReadOnlyList<double> costs, TfidfOptions tfidf, int seed,
        CancellationToken cancellationToken)
    {
        var scores = costs.Select(_ => new float[texts.Count][]).ToArray();
        for (int f = 0; f <= foldOf.Max(); f++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (train, held) = Split(foldOf, f);
            if (held.Length == 0) continue;
            var vectorizer = TfidfVectorizer.Fit([.. train.Select(i => texts[i])], tfidf);
            var xTrain = vectorizer.Transform([.. train.Select(i => texts[i])]);
            var xHeld = vectorizer.Transform([.. held.Select(i => texts[i])]);
            for (int c = 0; c < costs.Count; c++)
            {
                var svm = LinearSvmTrainer.Train(xTrain, [.. train.Select(i => y[i])], vectorizer.Terms.Count, classes, SvmOptions(costs[c], seed), cancellationToken);
                for (int k = 0; k < held.Length; k++) scores[c][held[k]] = svm.Scores(xHeld[k]);
            }
        }

        int best = 0;
        var accuracies = scores.Select(s => Accuracy(s, y)).ToArray();
        for (int c = 1; c < costs.Count; c++)
        {
            if (accuracies[c] > accuracies[best]) best = c;
        }

        return new TfidfChoice(costs[best], accuracies[best], scores[best]);
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
    public static CareerTfidfClassifier Fit(IReadOnlyList<string> texts, int[] y, int classes, TfidfChoice choice, TfidfOptions tfidf, int seed, CancellationToken cancellationToken)
    {
        var vectorizer = TfidfVectorizer.Fit(texts, tfidf);
        var svm = LinearSvmTrainer.Train(vectorizer.Transform(texts), y, vectorizer.Terms.Count, classes, SvmOptions(choice.Cost, seed), cancellationToken);
        var held = Enumerable.Range(0, texts.Count).Where(i => choice.OutOfFoldScores[i] is not null).ToArray();
        float temperature = held.Length == 0 ? 1f
            : CareerClassifierTrainer.FitTemperature([.. held.Select(i => choice.OutOfFoldScores[i])], [.. held.Select(i => y[i])], classes, MinTemperature);
        return new CareerTfidfClassifier(vectorizer, svm, choice.Cost, temperature);
    }

    /// <summary>The SVM's decision values span about ±1, so a calibrated softmax may need a temperature far below the MLP's floor.</summary>
    private const double MinTemperature = 1e-3;

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
