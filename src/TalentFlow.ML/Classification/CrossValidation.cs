namespace TalentFlow.ML.Classification;

/// <summary>
/// Model selection on the training part only: stratified k-fold accuracy of each candidate, vectorizer refitted inside
/// every fold, so nothing of a fold's held-out texts (nor of any test set) reaches its training.
/// </summary>
public static class CrossValidation
{
    /// <summary>
    /// Assigns each item a fold in [0, <paramref name="folds"/>): within each class, items in a seeded random order are dealt
    /// round-robin, starting where the previous class stopped so that small classes do not all pile into fold 0.
    /// </summary>
    public static int[] StratifiedFolds(IReadOnlyList<int> labels, int folds, int seed)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentOutOfRangeException.ThrowIfLessThan(folds, 2);
        var random = new Random(seed);
        var result = new int[labels.Count];
        var next = 0;
        foreach (var group in Enumerable.Range(0, labels.Count).GroupBy(i => labels[i]).OrderBy(g => g.Key))
        {
            var members = group.ToArray();
            random.Shuffle(members);
            foreach (var i in members)
            {
                result[i] = next;
                next = (next + 1) % folds;
            }
        }

        return result;
    }

    /// <summary>Mean held-out accuracy of <paramref name="options"/> over the folds in <paramref name="foldOf"/>.</summary>
    public static double Accuracy(IReadOnlyList<string> texts, IReadOnlyList<int> labels, int classes, TextClassifierOptions options, int[] foldOf,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(foldOf);
        var folds = foldOf.Max() + 1;
        var correct = 0;
        for (var f = 0; f < folds; f++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var train = Enumerable.Range(0, texts.Count).Where(i => foldOf[i] != f).ToArray();
            var held = Enumerable.Range(0, texts.Count).Where(i => foldOf[i] == f).ToArray();
            if (held.Length == 0)
            {
                continue;
            }

            var model = TextClassifier.Train([.. train.Select(i => texts[i])], [.. train.Select(i => labels[i])], classes, options, cancellationToken: cancellationToken);
            var scores = model.Scores([.. held.Select(i => texts[i])]);
            for (var k = 0; k < held.Length; k++)
            {
                if (System.Numerics.Tensors.TensorPrimitives.IndexOfMax<float>(scores[k]) == labels[held[k]])
                {
                    correct++;
                }
            }
        }

        return correct / (double)texts.Count;
    }
}
