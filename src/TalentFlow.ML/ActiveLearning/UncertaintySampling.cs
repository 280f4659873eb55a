namespace TalentFlow.ML.ActiveLearning;

/// <summary>
/// Uncertainty sampling (Lewis and Gale, SIGIR 1994): the next items to review are those whose model score lies closest to the
/// decision threshold, where one label moves the boundary most. Works on any score with a threshold: a probability against the
/// job's shortlist threshold, or a linear model's decision value against 0.
/// </summary>
public static class UncertaintySampling
{
    /// <summary>How uncertain a score is: its distance from <paramref name="threshold"/> (0 = on the boundary).</summary>
    public static double Distance(double score, double threshold) => Math.Abs(score - threshold);

    /// <summary>
    /// Positions in <paramref name="scores"/> of the <paramref name="count"/> scores closest to <paramref name="threshold"/>,
    /// closest first; equal distances go to the lower position, so the choice is deterministic. NaN scores are never chosen.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is negative.</exception>
    public static int[] Select(ReadOnlySpan<double> scores, double threshold, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var distances = new double[scores.Length];
        var order = new List<int>(scores.Length);
        for (var i = 0; i < scores.Length; i++)
        {
            distances[i] = Distance(scores[i], threshold);
            if (!double.IsNaN(distances[i])) order.Add(i);
        }

        order.Sort((a, b) => distances[a] != distances[b] ? distances[a].CompareTo(distances[b]) : a.CompareTo(b));
        return [.. order.Take(count)];
    }

    /// <summary>
    /// The <paramref name="count"/> items of <paramref name="items"/> whose <paramref name="score"/> is closest to
    /// <paramref name="threshold"/>, closest first, each with its distance; ties keep the input order.
    /// </summary>
    public static IReadOnlyList<(T Item, double Distance)> Select<T>(IReadOnlyList<T> items, Func<T, double> score, double threshold, int count)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(score);
        var scores = new double[items.Count];
        for (var i = 0; i < scores.Length; i++) scores[i] = score(items[i]);
        return [.. Select(scores, threshold, count).Select(i => (items[i], Distance(scores[i], threshold)))];
    }
}
