using TalentFlow.ML.Metrics;

namespace TalentFlow.ML.Tests.Metrics;

public sealed class ClassificationAndRankingMetricsTests
{
    [Fact]
    public void Accuracy_HandComputed_Matches() => Assert.Equal(0.6, ClassificationMetrics.Accuracy([0, 1, 2, 1, 0], [0, 1, 1, 1, 2]), 12);

    [Fact]
    public void MacroF1_HandComputed_Matches()
    {
        // class 0: tp1 fp1 fn0 → 2/3; class 1: tp2 fp0 fn1 → 0.8; class 2: tp0 fp1 fn1 → 0.
        Assert.Equal((2 / 3.0 + 0.8 + 0) / 3, ClassificationMetrics.MacroF1([0, 1, 2, 1, 0], [0, 1, 1, 1, 2]), 12);
    }

    [Fact]
    public void TopKAccuracy_HandComputed_Matches()
    {
        float[][] scores = [[0.5f, 0.3f, 0.2f], [0.5f, 0.3f, 0.2f], [0.5f, 0.3f, 0.2f]];
        int[] actual = [0, 1, 2];
        Assert.Equal(1 / 3.0, ClassificationMetrics.TopKAccuracy(scores, actual, 1), 12);
        Assert.Equal(2 / 3.0, ClassificationMetrics.TopKAccuracy(scores, actual, 2), 12);
        Assert.Equal(1.0, ClassificationMetrics.TopKAccuracy(scores, actual, 3), 12);
    }

    [Fact]
    public void RocAuc_HandComputed_Matches()
    {
        // positives 0.8, 0.4; negatives 0.6, 0.2 → pairs won: (0.8>0.6, 0.8>0.2, 0.4>0.2) = 3 of 4.
        Assert.Equal(0.75, ClassificationMetrics.RocAuc([0.8, 0.6, 0.4, 0.2], [true, false, true, false]), 12);
    }

    [Fact]
    public void RocAuc_TiedScores_CountHalf() =>
        Assert.Equal(0.5, ClassificationMetrics.RocAuc([0.5, 0.5], [true, false]), 12);

    [Fact]
    public void RocAuc_OneClassOnly_IsNaN() => Assert.True(double.IsNaN(ClassificationMetrics.RocAuc([0.1, 0.2], [true, true])));

    [Fact]
    public void HitRate_RelevantBeyondK_IsZero()
    {
        var relevant = new HashSet<string> { "c" };
        Assert.Equal(0, RankingMetrics.HitRate(["a", "b", "c"], relevant, 2));
        Assert.Equal(1, RankingMetrics.HitRate(["a", "b", "c"], relevant, 3));
    }

    [Fact]
    public void Ndcg_HandComputed_Matches()
    {
        // relevant at ranks 2 and 3: DCG = 1/log2(3) + 1/log2(4); IDCG = 1 + 1/log2(3).
        var expected = (1 / Math.Log2(3) + 0.5) / (1 + 1 / Math.Log2(3));
        Assert.Equal(expected, RankingMetrics.Ndcg(["a", "b", "c"], new HashSet<string> { "b", "c" }, 3), 12);
    }

    [Fact]
    public void Ndcg_Graded_PerfectOrderIsOne() => Assert.Equal(1.0, RankingMetrics.Ndcg([3, 2, 0], [3, 2, 0]), 12);

    [Fact]
    public void AveragePrecision_HandComputed_Matches() =>
        Assert.Equal((1 / 2.0 + 2 / 3.0) / 2, RankingMetrics.AveragePrecision(["a", "b", "c"], new HashSet<string> { "b", "c" }, 3), 12);

    [Fact]
    public void PairedBootstrap_ConstantDifference_IntervalIsThatDifference()
    {
        var (diff, lo, hi) = PairedBootstrap.MeanDifference([0.9, 0.8, 0.7], [0.8, 0.7, 0.6], seed: 1);
        Assert.Equal(0.1, diff, 9);
        Assert.Equal(0.1, lo, 9);
        Assert.Equal(0.1, hi, 9);
    }

    [Fact]
    public void PairedBootstrap_NoisyDifference_IntervalContainsMean()
    {
        var (diff, lo, hi) = PairedBootstrap.MeanDifference([1, 0, 1, 1, 0, 1], [0, 0, 1, 0, 0, 1], seed: 3);
        Assert.InRange(diff, lo, hi);
        Assert.True(hi > lo);
    }
}
