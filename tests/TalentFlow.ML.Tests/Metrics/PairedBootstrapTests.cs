using TalentFlow.ML.Metrics;

namespace TalentFlow.ML.Tests.Metrics;

public sealed class PairedBootstrapTests
{
    private static (double[] Scores, bool[] Labels) Noisy(int n, double signal, int seed)
    {
        var random = new Random(seed);
        var labels = new bool[n];
        var scores = new double[n];
        for (int i = 0; i < n; i++)
        {
            labels[i] = i % 2 == 0;
            scores[i] = (labels[i] ? signal : 0) + random.NextDouble();
        }
        return (scores, labels);
    }

    [Fact]
    public void RocAucDifference_SameScores_IntervalIsExactlyZero()
    {
        var (scores, labels) = Noisy(60, 0.3, seed: 1);

        var (difference, lower, upper) = PairedBootstrap.RocAucDifference(scores, scores, labels);

        Assert.Equal(0, difference);
        Assert.Equal(0, lower);
        Assert.Equal(0, upper);
    }

    [Fact]
    public void RocAucDifference_StrongAgainstChance_IntervalExcludesZeroAndHoldsTheObservedDifference()
    {
        var (strong, labels) = Noisy(200, 0.8, seed: 2);
        var chance = Noisy(200, 0, seed: 3).Scores;

        var (difference, lower, upper) = PairedBootstrap.RocAucDifference(strong, chance, labels);

        Assert.Equal(ClassificationMetrics.RocAuc(strong, labels) - ClassificationMetrics.RocAuc(chance, labels), difference, 12);
        Assert.True(lower > 0, $"lower {lower}");
        Assert.InRange(difference, lower, upper);
    }

    [Fact]
    public void RocAucDifference_TwoEquallyWeakModels_IntervalContainsZero()
    {
        var (a, labels) = Noisy(40, 0.2, seed: 4);
        var b = Noisy(40, 0.2, seed: 5).Scores;

        var (_, lower, upper) = PairedBootstrap.RocAucDifference(a, b, labels);

        Assert.True(lower < 0 && upper > 0, $"[{lower}, {upper}]");
    }

    [Fact]
    public void RocAucDifference_SameSeed_SameInterval()
    {
        var (a, labels) = Noisy(50, 0.4, seed: 6);
        var b = Noisy(50, 0.1, seed: 7).Scores;

        var first = PairedBootstrap.RocAucDifference(a, b, labels, resamples: 500, seed: 9);
        var second = PairedBootstrap.RocAucDifference(a, b, labels, resamples: 500, seed: 9);

        Assert.Equal(first, second);
    }

    [Fact]
    public void RocAucDifference_OneClassOrMismatchedLengths_Throws()
    {
        Assert.Throws<ArgumentException>(() => PairedBootstrap.RocAucDifference([0.1, 0.2], [0.3, 0.4], [true, true]));
        Assert.Throws<ArgumentException>(() => PairedBootstrap.RocAucDifference([0.1, 0.2], [0.3], [true, false]));
    }

    [Fact]
    public void RocAucDifferenceByGroup_EachSampleRepeatedInOneGroup_IntervalWiderThanTreatingCopiesAsIndependent()
    {
        // Every sample three times: a per-sample bootstrap takes the copies for independent evidence; drawing whole groups does not.
        var (strong, labels) = Noisy(60, 0.3, seed: 8);
        var weak = Noisy(60, 0.1, seed: 9).Scores;
        double[] a = [.. strong, .. strong, .. strong], b = [.. weak, .. weak, .. weak];
        bool[] y = [.. labels, .. labels, .. labels];
        string[] groups = [.. Enumerable.Range(0, 180).Select(i => $"c{i % 60}")];

        var (_, lowerSamples, upperSamples) = PairedBootstrap.RocAucDifference(a, b, y);
        var (difference, lowerGroups, upperGroups) = PairedBootstrap.RocAucDifference(a, b, y, groups);

        Assert.Equal(ClassificationMetrics.RocAuc(a, y) - ClassificationMetrics.RocAuc(b, y), difference, 12);
        Assert.True(upperGroups - lowerGroups > 1.4 * (upperSamples - lowerSamples), $"groups [{lowerGroups}, {upperGroups}] vs samples [{lowerSamples}, {upperSamples}]");
    }

    [Fact]
    public void RocAucDifferenceByGroup_StrongAgainstChance_IntervalExcludesZero()
    {
        var (strong, labels) = Noisy(200, 0.8, seed: 2);
        var chance = Noisy(200, 0, seed: 3).Scores;
        string[] groups = [.. Enumerable.Range(0, 200).Select(i => $"c{i / 2}")];

        var (_, lower, _) = PairedBootstrap.RocAucDifference(strong, chance, labels, groups);

        Assert.True(lower > 0, $"lower {lower}");
    }

    [Fact]
    public void RocAucDifferenceByGroup_GroupsOfAnotherLength_ThrowsArgument()
    {
        var (a, labels) = Noisy(20, 0.4, seed: 6);

        Assert.Throws<ArgumentException>(() => PairedBootstrap.RocAucDifference(a, a, labels, ["x"]));
    }
}
