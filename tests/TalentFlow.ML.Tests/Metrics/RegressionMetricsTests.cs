using TalentFlow.ML.Metrics;

namespace TalentFlow.ML.Tests.Metrics;

public sealed class RegressionMetricsTests
{
    private static readonly double[] Predicted = [0.9, 0.2, 0.6, 0.4];
    private static readonly double[] Actual = [1.0, 0.0, 0.5, 0.5];

    [Fact]
    public void Mse_HandComputed_Matches() =>
        Assert.Equal((0.01 + 0.04 + 0.01 + 0.01) / 4, RegressionMetrics.Mse(Predicted, Actual), 12);

    [Fact]
    public void Mae_HandComputed_Matches() =>
        Assert.Equal((0.1 + 0.2 + 0.1 + 0.1) / 4, RegressionMetrics.Mae(Predicted, Actual), 12);

    [Fact]
    public void Pearson_HandComputed_Matches()
    {
        // x = [1,2,3,4], y = [2,4,5,4]: sxy = 3.5, sxx = 5, syy = 4.75.
        Assert.Equal(3.5 / Math.Sqrt(5 * 4.75), RegressionMetrics.Pearson([1, 2, 3, 4], [2, 4, 5, 4]), 12);
    }

    [Fact]
    public void Pearson_ConstantSide_IsNaN() => Assert.True(double.IsNaN(RegressionMetrics.Pearson([1, 1, 1], [1, 2, 3])));

    [Fact]
    public void Spearman_WithTies_UsesAverageRanks()
    {
        // ranks x = [1, 2.5, 2.5, 4], y = [1, 2, 3, 4]: sxy = 4.5, sxx = 4.5, syy = 5 (as scipy.stats.spearmanr).
        Assert.Equal(4.5 / Math.Sqrt(4.5 * 5), RegressionMetrics.Spearman([10, 20, 20, 30], [1, 2, 3, 4]), 12);
    }

    [Fact]
    public void AverageRanks_Ties_ShareTheirMean() =>
        Assert.Equal([3, 1, 3, 5, 3], RegressionMetrics.AverageRanks([5, 1, 5, 9, 5]));

    [Fact]
    public void Mse_LengthMismatch_Throws() => Assert.Throws<ArgumentException>(() => RegressionMetrics.Mse([1, 2], [1]));

    [Fact]
    public void BinaryAtThreshold_HandComputed_Matches()
    {
        // predicted ≥ .5: T F T F; actual ≥ .5: T F T T → tp 2, fp 0, tn 1, fn 1.
        var m = BinaryMetrics.AtThreshold(Predicted, Actual, 0.5);
        Assert.Equal(new BinaryMetrics(2, 0, 1, 1), m);
        Assert.Equal(0.75, m.Accuracy, 12);
        Assert.Equal(1.0, m.Precision, 12);
        Assert.Equal(2 / 3.0, m.Recall, 12);
        Assert.Equal(0.8, m.F1, 12);
    }

    [Fact]
    public void BinaryAtThreshold_NoPredictedPositives_PrecisionAndF1AreZero()
    {
        var m = BinaryMetrics.AtThreshold([0.1, 0.2], [1, 0], 0.5);
        Assert.Equal(0, m.Precision);
        Assert.Equal(0, m.F1);
    }
}
