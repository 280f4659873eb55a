namespace TalentFlow.ML.Careers;

/// <summary>
/// How well a classifier's probabilities match how often it is right, on labelled texts it did not train on: expected
/// calibration error (top-1 confidence against accuracy, equal-width bins) and the multi-class Brier score.
/// </summary>
public static class CareerCalibration
{
    /// <summary>
    /// Expected calibration error: the top-1 confidences cut into <paramref name="bins"/> equal-width bins over [0, 1] (a
    /// confidence of exactly 1 in the last), then Σ (bin size / n) · |accuracy − mean confidence| over the bins. 0 is perfect.
    /// </summary>
    /// <param name="probabilities">One distribution per text.</param>
    /// <param name="labels">The true class per text (a class the model does not know, e.g. −1, counts as wrong).</param>
    /// <param name="bins">Number of bins; default 10.</param>
    public static double ExpectedCalibrationError(IReadOnlyList<float[]> probabilities, IReadOnlyList<int> labels, int bins = 10)
    {
        Check(probabilities, labels);
        ArgumentOutOfRangeException.ThrowIfLessThan(bins, 1);
        if (probabilities.Count == 0) return double.NaN;
        var count = new int[bins];
        var confidence = new double[bins];
        var correct = new double[bins];
        for (int i = 0; i < probabilities.Count; i++)
        {
            var p = probabilities[i];
            int top = IndexOfMax(p);
            int b = Math.Min(bins - 1, (int)(p[top] * bins));
            count[b]++;
            confidence[b] += p[top];
            if (top == labels[i]) correct[b]++;
        }

        double ece = 0;
        for (int b = 0; b < bins; b++)
        {
            if (count[b] > 0) ece += Math.Abs(correct[b] - confidence[b]) / probabilities.Count;
        }

        return ece;
    }

    /// <summary>Multi-class Brier score: the mean over texts of Σ_k (p_k − [k = label])²; 0 is perfect, 2 the worst.</summary>
    public static double Brier(IReadOnlyList<float[]> probabilities, IReadOnlyList<int> labels)
    {
        Check(probabilities, labels);
        if (probabilities.Count == 0) return double.NaN;
        double sum = 0;
        for (int i = 0; i < probabilities.Count; i++)
        {
            var p = probabilities[i];
            for (int k = 0; k < p.Length; k++)
            {
                double d = p[k] - (k == labels[i] ? 1 : 0);
                sum += d * d;
            }

            if (labels[i] < 0 || labels[i] >= p.Length) sum += 1;
        }

        return sum / probabilities.Count;
    }

    private static void Check(IReadOnlyList<float[]> probabilities, IReadOnlyList<int> labels)
    {
        ArgumentNullException.ThrowIfNull(probabilities);
        ArgumentNullException.ThrowIfNull(labels);
        if (probabilities.Count != labels.Count) throw new ArgumentException("Need one label per distribution.", nameof(labels));
    }

    private static int IndexOfMax(float[] p)
    {
        int best = 0;
        for (int k = 1; k < p.Length; k++)
        {
            if (p[k] > p[best]) best = k;
        }

        return best;
    }
}
