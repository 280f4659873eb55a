namespace TalentFlow.ML.Metrics;

/// <summary>Metrics of classifiers: accuracy, macro-F1, top-k accuracy, ROC-AUC.</summary>
public static class ClassificationMetrics
{
    /// <summary>Share of equal labels.</summary>
    public static double Accuracy(ReadOnlySpan<int> predicted, ReadOnlySpan<int> actual)
    {
        RegressionMetrics.Check(predicted, actual);
        var correct = 0;
        for (var i = 0; i < predicted.Length; i++)
        {
            if (predicted[i] == actual[i]) correct++;
        }

        return (double)correct / predicted.Length;
    }

    /// <summary>Unweighted mean of per-class F1 over the classes present in either side (scikit-learn's <c>average='macro'</c>).</summary>
    public static double MacroF1(ReadOnlySpan<int> predicted, ReadOnlySpan<int> actual)
    {
        RegressionMetrics.Check(predicted, actual);
        var stats = new Dictionary<int, (int Tp, int Fp, int Fn)>();
        for (var i = 0; i < predicted.Length; i++)
        {
            var (p, a) = (predicted[i], actual[i]);
            if (p == a)
            {
                stats[p] = Get(stats, p) with { Tp = Get(stats, p).Tp + 1 };
                continue;
            }

            stats[p] = Get(stats, p) with { Fp = Get(stats, p).Fp + 1 };
            stats[a] = Get(stats, a) with { Fn = Get(stats, a).Fn + 1 };
        }

        double sum = 0;
        foreach (var (tp, fp, fn) in stats.Values)
        {
            sum += 2 * tp + fp + fn == 0 ? 0 : 2.0 * tp / (2 * tp + fp + fn);
        }

        return sum / stats.Count;
    }

    /// <summary>Share of rows whose true class is among the <paramref name="k"/> highest scores (ties broken by lower class index).</summary>
    public static double TopKAccuracy(float[][] scores, ReadOnlySpan<int> actual, int k)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        if (scores.Length != actual.Length || scores.Length == 0)
        {
            throw new ArgumentException("Need one score row per label, at least one.");
        }

        var hits = 0;
        for (var i = 0; i < scores.Length; i++)
        {
            var row = scores[i];
            var truth = row[actual[i]];
            var better = 0;
            for (var c = 0; c < row.Length; c++)
            {
                if (row[c] > truth || (row[c] == truth && c < actual[i])) better++;
            }

            if (better < k) hits++;
        }

        return (double)hits / scores.Length;
    }

    /// <summary>Area under the ROC curve: probability a positive outranks a negative, ties counting half (Mann–Whitney U).</summary>
    public static double RocAuc(ReadOnlySpan<double> scores, ReadOnlySpan<bool> positive)
    {
        if (scores.Length != positive.Length || scores.IsEmpty)
        {
            throw new ArgumentException("Need equally many scores and labels, at least one.");
        }

        var ranks = RegressionMetrics.AverageRanks(scores);
        double rankSum = 0;
        long pos = 0;
        for (var i = 0; i < ranks.Length; i++)
        {
            if (positive[i])
            {
                rankSum += ranks[i];
                pos++;
            }
        }

        var neg = ranks.Length - pos;
        if (pos == 0 || neg == 0)
        {
            return double.NaN;
        }

        return (rankSum - pos * (pos + 1) / 2.0) / (pos * (double)neg);
    }

    private static (int Tp, int Fp, int Fn) Get(Dictionary<int, (int Tp, int Fp, int Fn)> d, int key) =>
        d.TryGetValue(key, out var v) ? v : default;
}
