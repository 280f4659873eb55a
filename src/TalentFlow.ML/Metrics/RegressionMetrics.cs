using System.Numerics.Tensors;

namespace TalentFlow.ML.Metrics;

/// <summary>Errors and correlations between predictions and targets of equal length.</summary>
public static class RegressionMetrics
{
    /// <summary>Mean squared error.</summary>
    public static double Mse(ReadOnlySpan<double> predicted, ReadOnlySpan<double> actual)
    {
        Check(predicted, actual);
        double sum = 0;
        for (var i = 0; i < predicted.Length; i++)
        {
            var d = predicted[i] - actual[i];
            sum += d * d;
        }

        return sum / predicted.Length;
    }

    /// <summary>Mean absolute error.</summary>
    public static double Mae(ReadOnlySpan<double> predicted, ReadOnlySpan<double> actual)
    {
        Check(predicted, actual);
        double sum = 0;
        for (var i = 0; i < predicted.Length; i++)
        {
            sum += Math.Abs(predicted[i] - actual[i]);
        }

        return sum / predicted.Length;
    }

    /// <summary>Pearson correlation; <see cref="double.NaN"/> when either side is constant.</summary>
    public static double Pearson(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        Check(x, y);
        var mx = TensorPrimitives.Sum(x) / x.Length;
        var my = TensorPrimitives.Sum(y) / y.Length;
        double sxy = 0, sxx = 0, syy = 0;
        for (var i = 0; i < x.Length; i++)
        {
            double dx = x[i] - mx, dy = y[i] - my;
            sxy += dx * dy;
            sxx += dx * dx;
            syy += dy * dy;
        }

        return sxx == 0 || syy == 0 ? double.NaN : sxy / Math.Sqrt(sxx * syy);
    }

    /// <summary>Spearman rank correlation: Pearson of the ranks, ties given their average rank (as SciPy).</summary>
    public static double Spearman(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        Check(x, y);
        return Pearson(AverageRanks(x), AverageRanks(y));
    }

    /// <summary>1-based ranks, ties sharing their average rank.</summary>
    public static double[] AverageRanks(ReadOnlySpan<double> values)
    {
        var order = new int[values.Length];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        var keys = values.ToArray();
        Array.Sort((double[])keys.Clone(), order);
        var ranks = new double[values.Length];
        var start = 0;
        while (start < order.Length)
        {
            var end = start;
            while (end + 1 < order.Length && keys[order[end + 1]] == keys[order[start]])
            {
                end++;
            }

            var rank = (start + end) / 2.0 + 1;
            for (var k = start; k <= end; k++)
            {
                ranks[order[k]] = rank;
            }

            start = end + 1;
        }

        return ranks;
    }

    internal static void Check<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b)
    {
        if (a.Length != b.Length)
        {
            throw new ArgumentException($"Lengths differ: {a.Length} and {b.Length}.");
        }

        if (a.IsEmpty)
        {
            throw new ArgumentException("No values.");
        }
    }
}
