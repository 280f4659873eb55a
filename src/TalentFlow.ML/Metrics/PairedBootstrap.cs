namespace TalentFlow.ML.Metrics;

/// <summary>Paired bootstrap confidence intervals of the difference between two models evaluated on the same samples.</summary>
public static class PairedBootstrap
{
    /// <summary>Resamples indices with replacement <paramref name="resamples"/> times; returns mean(a − b) and its percentile interval.</summary>
    public static (double Difference, double Lower, double Upper) MeanDifference(
        ReadOnlySpan<double> a, ReadOnlySpan<double> b, int resamples = 1000, double confidence = 0.95, int seed = 0)
    {
        RegressionMetrics.Check(a, b);
        var diff = new double[a.Length];
        for (var i = 0; i < diff.Length; i++) diff[i] = a[i] - b[i];
        var random = new Random(seed);
        var means = new double[resamples];
        for (var r = 0; r < resamples; r++)
        {
            double sum = 0;
            for (var i = 0; i < diff.Length; i++) sum += diff[random.Next(diff.Length)];
            means[r] = sum / diff.Length;
        }

        return (diff.Average(), Percentile(means, (1 - confidence) / 2, lower: true), Percentile(means, (1 - confidence) / 2, lower: false));
    }

    /// <summary>
    /// The ROC-AUC of <paramref name="a"/> minus that of <paramref name="b"/> on the same labelled samples, with its paired
    /// bootstrap percentile interval: each resample draws sample indices with replacement and scores both models on the
    /// same draw, so what the two share (hard or easy samples) cancels out. A draw without both classes has no AUC and is
    /// drawn again. Deterministic for a given <paramref name="seed"/>.
    /// </summary>
    /// <param name="a">The first model's scores (higher means more likely positive).</param>
    /// <param name="b">The second model's scores on the same samples.</param>
    /// <param name="positive">The labels.</param>
    /// <param name="resamples">Bootstrap resamples, at least 10. Default 2,000.</param>
    /// <param name="confidence">The interval's coverage in (0, 1). Default 0.95.</param>
    /// <param name="seed">The random seed. Default 0.</param>
    /// <exception cref="ArgumentException">Lengths differ, or the labels lack a class.</exception>
    public static (double Difference, double Lower, double Upper) RocAucDifference(
        ReadOnlySpan<double> a, ReadOnlySpan<double> b, ReadOnlySpan<bool> positive, int resamples = 2000, double confidence = 0.95, int seed = 0)
    {
        if (a.Length != b.Length || a.Length != positive.Length) throw new ArgumentException("Need equally many scores of each model and labels.");
        ArgumentOutOfRangeException.ThrowIfLessThan(resamples, 10);
        if (confidence is <= 0 or >= 1 || double.IsNaN(confidence)) throw new ArgumentOutOfRangeException(nameof(confidence), "The confidence must be in (0, 1).");
        int n = a.Length, positives = 0;
        foreach (bool p in positive) if (p) positives++;
        if (positives == 0 || positives == n) throw new ArgumentException("The labels need both classes for a ROC-AUC.");

        double observed = ClassificationMetrics.RocAuc(a, positive) - ClassificationMetrics.RocAuc(b, positive);
        var random = new Random(seed);
        var differences = new double[resamples];
        var drawnA = new double[n];
        var drawnB = new double[n];
        var drawnLabels = new bool[n];
        for (int r = 0; r < resamples; r++)
        {
            int drawnPositives;
            do
            {
                drawnPositives = 0;
                for (int i = 0; i < n; i++)
                {
                    int index = random.Next(n);
                    drawnA[i] = a[index];
                    drawnB[i] = b[index];
                    drawnLabels[i] = positive[index];
                    if (drawnLabels[i]) drawnPositives++;
                }
            }
            while (drawnPositives == 0 || drawnPositives == n);
            differences[r] = ClassificationMetrics.RocAuc(drawnA, drawnLabels) - ClassificationMetrics.RocAuc(drawnB, drawnLabels);
        }

        double alpha = (1 - confidence) / 2;
        return (observed, Percentile(differences, alpha, lower: true), Percentile(differences, alpha, lower: false));
    }

    /// <summary>
    /// As <see cref="RocAucDifference(ReadOnlySpan{double}, ReadOnlySpan{double}, ReadOnlySpan{bool}, int, double, int)"/>, but
    /// each resample draws whole groups (e.g. candidates: one candidate's verdicts for several jobs are not independent
    /// samples) with replacement — the cluster bootstrap, whose interval is as wide as the samples' dependence makes it.
    /// Deterministic for a given <paramref name="seed"/>.
    /// </summary>
    /// <param name="a">The first model's scores.</param>
    /// <param name="b">The second model's scores on the same samples.</param>
    /// <param name="positive">The labels.</param>
    /// <param name="groups">Each sample's group.</param>
    /// <param name="resamples">Bootstrap resamples, at least 10. Default 2,000.</param>
    /// <param name="confidence">The interval's coverage in (0, 1). Default 0.95.</param>
    /// <param name="seed">The random seed. Default 0.</param>
    /// <exception cref="ArgumentException">Lengths differ, or the labels lack a class.</exception>
    public static (double Difference, double Lower, double Upper) RocAucDifference(
        IReadOnlyList<double> a, IReadOnlyList<double> b, IReadOnlyList<bool> positive, IReadOnlyList<string> groups, int resamples = 2000, double confidence = 0.95, int seed = 0)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        ArgumentNullException.ThrowIfNull(positive);
        ArgumentNullException.ThrowIfNull(groups);
        if (a.Count != b.Count || a.Count != positive.Count || a.Count != groups.Count) throw new ArgumentException("Need equally many scores of each model, labels and groups.");
        ArgumentOutOfRangeException.ThrowIfLessThan(resamples, 10);
        if (confidence is <= 0 or >= 1 || double.IsNaN(confidence)) throw new ArgumentOutOfRangeException(nameof(confidence), "The confidence must be in (0, 1).");
        if (!positive.Contains(true) || !positive.Contains(false)) throw new ArgumentException("The labels need both classes for a ROC-AUC.");

        double observed = ClassificationMetrics.RocAuc([.. a], [.. positive]) - ClassificationMetrics.RocAuc([.. b], [.. positive]);
        var members = Enumerable.Range(0, a.Count).GroupBy(i => groups[i], StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => g.ToArray()).ToArray();
        var random = new Random(seed);
        var differences = new double[resamples];
        var drawnA = new List<double>(a.Count);
        var drawnB = new List<double>(a.Count);
        var drawnLabels = new List<bool>(a.Count);
        for (int r = 0; r < resamples; r++)
        {
            do
            {
                drawnA.Clear();
                drawnB.Clear();
                drawnLabels.Clear();
                for (int g = 0; g < members.Length; g++)
                {
                    foreach (int i in members[random.Next(members.Length)])
                    {
                        drawnA.Add(a[i]);
                        drawnB.Add(b[i]);
                        drawnLabels.Add(positive[i]);
                    }
                }
            }
            while (!drawnLabels.Contains(true) || !drawnLabels.Contains(false));
            differences[r] = ClassificationMetrics.RocAuc([.. drawnA], [.. drawnLabels]) - ClassificationMetrics.RocAuc([.. drawnB], [.. drawnLabels]);
        }

        double alpha = (1 - confidence) / 2;
        return (observed, Percentile(differences, alpha, lower: true), Percentile(differences, alpha, lower: false));
    }

    private static double Percentile(double[] values, double alpha, bool lower)
    {
        Array.Sort(values);
        int last = values.Length - 1;
        return lower ? values[(int)Math.Floor(alpha * last)] : values[(int)Math.Ceiling((1 - alpha) * last)];
    }
}
