using TalentFlow.ML.Metrics;

namespace TalentFlow.ML.Tests.Metrics;

public sealed class PairMetricsTests
{
    [Fact]
    public void Compute_HandWorkedExample_MatchesCountsAndAuc()
    {
        // At 0.5: 0.9 is a true positive, 0.6 a false positive, 0.4 a false negative, 0.2 a true negative.
        // AUC: positives 0.9 and 0.4 against negatives 0.2 and 0.6 win 3 of 4 comparisons.
        var metrics = PairMetrics.Compute([0.9, 0.2, 0.6, 0.4], [true, false, false, true], [0.9, 0.2, 0.6, 0.4]);

        Assert.Equal(4, metrics.Pairs);
        Assert.Equal(2, metrics.Positives);
        Assert.Equal(0.5, metrics.Accuracy, 12);
        Assert.Equal(0.5, metrics.Precision, 12);
        Assert.Equal(0.5, metrics.Recall, 12);
        Assert.Equal(0.5, metrics.F1, 12);
        Assert.Equal(0.75, metrics.RocAuc, 12);
    }

    [Fact]
    public void Compute_NotProbabilities_GivesOnlyAuc()
    {
        var metrics = PairMetrics.Compute([3.0, 1.0, 2.0], [true, false, false], []);

        Assert.Equal(1.0, metrics.RocAuc, 12);
        Assert.True(double.IsNaN(metrics.Accuracy));
        Assert.True(double.IsNaN(metrics.F1));
    }

    [Fact]
    public void Compute_SaturatedProbabilities_TakesAucFromTheScores()
    {
        // Probabilities of logits 50 and 60 are both 1.0 in doubles; the logits still order the pairs.
        var metrics = PairMetrics.Compute([60.0, 50.0], [true, false], [1.0, 1.0]);

        Assert.Equal(1.0, metrics.RocAuc, 12);
        Assert.Equal(0.5, metrics.Accuracy, 12);
    }
}
