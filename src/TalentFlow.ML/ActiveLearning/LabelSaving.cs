namespace TalentFlow.ML.ActiveLearning;

/// <summary>
/// How many fewer reviews a strategy needs than a baseline to reach the baseline's quality: the target is the baseline's
/// <see cref="Metric"/> at a given number of samples (by default its last point); <see cref="BaselineSamples"/> is the first
/// point where the baseline's curve reaches it and <see cref="CandidateSamples"/> the first where the candidate's does.
/// </summary>
/// <param name="Metric">The metric compared.</param>
/// <param name="Target">The baseline's value that both must reach.</param>
/// <param name="BaselineSamples">Samples the baseline needs to reach <paramref name="Target"/>.</param>
/// <param name="CandidateSamples">Samples the candidate needs, or null when its curve never reaches the target.</param>
public sealed record LabelSaving(CurveMetric Metric, double Target, int BaselineSamples, int? CandidateSamples)
{
    /// <summary>1 − candidate / baseline samples (0.3 = 30 % fewer reviews; negative = more); null when never reached.</summary>
    public double? Saving => CandidateSamples is { } candidate ? 1 - (double)candidate / BaselineSamples : null;

    /// <summary>
    /// Compares <paramref name="candidate"/> with <paramref name="baseline"/> on <paramref name="metric"/>, with the target read
    /// from the baseline's point at <paramref name="atSamples"/> samples (default: its last point).
    /// </summary>
    /// <exception cref="ArgumentException">The baseline has no point at <paramref name="atSamples"/>.</exception>
    public static LabelSaving Compute(LearningCurve baseline, LearningCurve candidate, CurveMetric metric, int? atSamples = null)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(candidate);
        var at = baseline.Last;
        if (atSamples is { } n)
        {
            var matches = baseline.Points.Where(p => p.Samples == n).ToArray();
            at = matches.Length == 1 ? matches[0] : throw new ArgumentException($"The baseline has no point at {n} samples.", nameof(atSamples));
        }

        var target = at.Value(metric);
        var baselineSamples = baseline.FirstReaching(metric, target)!.Value.Samples; // the point itself reaches it
        return new LabelSaving(metric, target, baselineSamples, candidate.FirstReaching(metric, target)?.Samples);
    }
}
