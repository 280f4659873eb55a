namespace TalentFlow.ML.Metrics;

/// <summary>
/// Binary metrics of scored pairs: ROC-AUC of the scores, and accuracy, precision, recall and F1 of "probability ≥
/// threshold". Thresholded numbers are NaN when no probabilities are given (a content score is no probability).
/// </summary>
/// <param name="Pairs">Pairs scored.</param>
/// <param name="Positives">Positive pairs among them.</param>
/// <param name="Accuracy">Share of correct decisions.</param>
/// <param name="Precision">TP / (TP + FP), 0 when nothing is predicted positive.</param>
/// <param name="Recall">TP / (TP + FN).</param>
/// <param name="F1">Harmonic mean of precision and recall.</param>
/// <param name="RocAuc">Probability that a positive outscores a negative, ties counting half.</param>
public readonly record struct PairMetrics(int Pairs, int Positives, double Accuracy, double Precision, double Recall, double F1, double RocAuc)
{
    /// <summary>
    /// ROC-AUC of <paramref name="scores"/> against <paramref name="positive"/>, and the thresholded metrics of
    /// <paramref name="probabilities"/> (the same pairs; empty for none). AUC is taken on the scores because probabilities
    /// of large logits round to 0 or 1 and would tie.
    /// </summary>
    public static PairMetrics Compute(ReadOnlySpan<double> scores, ReadOnlySpan<bool> positive, ReadOnlySpan<double> probabilities, double threshold = 0.5)
    {
        var auc = ClassificationMetrics.RocAuc(scores, positive);
        var positives = 0;
        foreach (var p in positive)
        {
            positives += p ? 1 : 0;
        }

        if (probabilities.IsEmpty)
        {
            return new PairMetrics(scores.Length, positives, double.NaN, double.NaN, double.NaN, double.NaN, auc);
        }

        var actual = new double[positive.Length];
        for (var i = 0; i < actual.Length; i++)
        {
            actual[i] = positive[i] ? 1 : 0;
        }

        var binary = BinaryMetrics.AtThreshold(probabilities, actual, threshold);
        return new PairMetrics(scores.Length, positives, binary.Accuracy, binary.Precision, binary.Recall, binary.F1, auc);
    }
}
