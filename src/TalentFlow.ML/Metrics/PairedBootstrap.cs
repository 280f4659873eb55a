namespace TalentFlow.ML.Metrics;

/// <summary>Paired bootstrap confidence interval of the mean difference of two models' per-sample scores.</summary>
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

        Array.Sort(means);
        var alpha = (1 - confidence) / 2;
        var lo = means[(int)Math.Floor(alpha * (resamples - 1))];
        var hi = means[(int)Math.Ceiling((1 - alpha) * (resamples - 1))];
        return (diff.Average(), lo, hi);
    }
}
