namespace TalentFlow.ML.ActiveLearning;

/// <summary>Held-out quality of the model trained on <paramref name="Samples"/> reviewed samples.</summary>
/// <param name="Samples">Reviewed (labelled) samples the model was trained on, the seed set included.</param>
/// <param name="Accuracy">Share of correct shortlist/reject decisions on the test split.</param>
/// <param name="F1">F1 of the shortlist class on the test split (0 when nothing is shortlisted).</param>
/// <param name="Shortlisted">How many of the reviewed samples the reviewer shortlisted (a mean, once curves are averaged).</param>
public readonly record struct LearningCurvePoint(int Samples, double Accuracy, double F1, double Shortlisted = 0)
{
    /// <summary>The value of <paramref name="metric"/>.</summary>
    public double Value(CurveMetric metric) => metric == CurveMetric.F1 ? F1 : Accuracy;
}

/// <summary>Which held-out metric a <see cref="LabelSaving"/> compares.</summary>
public enum CurveMetric
{
    /// <summary><see cref="LearningCurvePoint.Accuracy"/>.</summary>
    Accuracy,

    /// <summary><see cref="LearningCurvePoint.F1"/> of the shortlist class.</summary>
    F1,
}

/// <summary>A learning curve: held-out quality after each batch of reviews, in increasing sample counts.</summary>
public sealed class LearningCurve
{
    /// <summary>Builds a curve from points with strictly increasing <see cref="LearningCurvePoint.Samples"/>.</summary>
    /// <exception cref="ArgumentException">No points, or sample counts that do not increase.</exception>
    public LearningCurve(IReadOnlyList<LearningCurvePoint> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        if (points.Count == 0) throw new ArgumentException("A learning curve needs at least one point.", nameof(points));
        for (var i = 1; i < points.Count; i++)
        {
            if (points[i].Samples <= points[i - 1].Samples) throw new ArgumentException("Sample counts must increase along the curve.", nameof(points));
        }

        Points = points;
    }

    /// <summary>The points, fewest samples first.</summary>
    public IReadOnlyList<LearningCurvePoint> Points { get; }

    /// <summary>The point at the largest sample count.</summary>
    public LearningCurvePoint Last => Points[^1];

    /// <summary>The first point whose <paramref name="metric"/> reaches <paramref name="target"/>, or null if none does.</summary>
    public LearningCurvePoint? FirstReaching(CurveMetric metric, double target)
    {
        foreach (var point in Points)
        {
            // A hair of tolerance so that a curve reaches its own values after floating-point averaging.
            if (point.Value(metric) >= target - 1e-12) return point;
        }

        return null;
    }

    /// <summary>
    /// The point-wise mean of curves measured at the same sample counts (e.g. several seeds and jobs of one strategy).
    /// </summary>
    /// <exception cref="ArgumentException">No curves, or curves with different sample counts.</exception>
    public static LearningCurve Mean(IReadOnlyList<LearningCurve> curves)
    {
        ArgumentNullException.ThrowIfNull(curves);
        if (curves.Count == 0) throw new ArgumentException("Need at least one curve.", nameof(curves));
        var first = curves[0].Points;
        var points = new LearningCurvePoint[first.Count];
        for (var p = 0; p < first.Count; p++)
        {
            double accuracy = 0, f1 = 0, shortlisted = 0;
            foreach (var curve in curves)
            {
                if (curve.Points.Count != first.Count || curve.Points[p].Samples != first[p].Samples)
                {
                    throw new ArgumentException("Curves must share their sample counts to be averaged.", nameof(curves));
                }

                accuracy += curve.Points[p].Accuracy;
                f1 += curve.Points[p].F1;
                shortlisted += curve.Points[p].Shortlisted;
            }

            points[p] = new LearningCurvePoint(first[p].Samples, accuracy / curves.Count, f1 / curves.Count, shortlisted / curves.Count);
        }

        return new LearningCurve(points);
    }
}
