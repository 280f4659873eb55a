namespace TalentFlow.ML.Metrics;

/// <summary>Counts and rates of a binary decision at a threshold.</summary>
/// <param name="TruePositives">Predicted and actual positive.</param>
/// <param name="FalsePositives">Predicted positive, actual negative.</param>
/// <param name="TrueNegatives">Predicted and actual negative.</param>
/// <param name="FalseNegatives">Predicted negative, actual positive.</param>
public readonly record struct BinaryMetrics(int TruePositives, int FalsePositives, int TrueNegatives, int FalseNegatives)
{
    /// <summary>Share of correct decisions.</summary>
    public double Accuracy => (double)(TruePositives + TrueNegatives) / Math.Max(1, TruePositives + FalsePositives + TrueNegatives + FalseNegatives);

    /// <summary>TP / (TP + FP), 0 when nothing was predicted positive (as scikit-learn's zero_division=0).</summary>
    public double Precision => TruePositives + FalsePositives == 0 ? 0 : (double)TruePositives / (TruePositives + FalsePositives);

    /// <summary>TP / (TP + FN), 0 when there are no positives.</summary>
    public double Recall => TruePositives + FalseNegatives == 0 ? 0 : (double)TruePositives / (TruePositives + FalseNegatives);

    /// <summary>Harmonic mean of precision and recall, 0 when both are 0.</summary>
    public double F1 => Precision + Recall == 0 ? 0 : 2 * Precision * Recall / (Precision + Recall);

    /// <summary>Positive means score ≥ <paramref name="threshold"/>, on both predictions and targets.</summary>
    public static BinaryMetrics AtThreshold(ReadOnlySpan<double> predicted, ReadOnlySpan<double> actual, double threshold = 0.5)
    {
        RegressionMetrics.Check(predicted, actual);
        int tp = 0, fp = 0, tn = 0, fn = 0;
        for (var i = 0; i < predicted.Length; i++)
        {
            bool p = predicted[i] >= threshold, a = actual[i] >= threshold;
            if (p && a) tp++;
            else if (p) fp++;
            else if (a) fn++;
            else tn++;
        }

        return new BinaryMetrics(tp, fp, tn, fn);
    }
}
