using TalentFlow.ML.ActiveLearning;

namespace TalentFlow.ML.Tests.ActiveLearning;

public sealed class UncertaintySamplingTests
{
    [Fact]
    public void Select_ScoresAroundThreshold_PicksClosestToThresholdFirst()
    {
        double[] scores = [0.9, 0.52, 0.1, 0.45, 0.5, 0.7];

        int[] picked = UncertaintySampling.Select(scores, 0.5, 3);

        Assert.Equal([4, 1, 3], picked);
    }

    [Fact]
    public void Select_DecisionValuesAroundZero_PicksSmallestMagnitudes()
    {
        double[] margins = [-2.0, 0.3, -0.1, 1.5, -0.25];

        Assert.Equal([2, 4], UncertaintySampling.Select(margins, 0, 2));
    }

    [Fact]
    public void Select_EqualDistances_LowerPositionFirst()
    {
        double[] scores = [0.6, 0.4, 0.6, 0.4];

        Assert.Equal([0, 1, 2], UncertaintySampling.Select(scores, 0.5, 3));
    }

    [Fact]
    public void Select_MoreThanAvailableAndNaN_ReturnsEveryScoredPositionOnly()
    {
        double[] scores = [0.2, double.NaN, 0.8];

        Assert.Equal([0, 2], UncertaintySampling.Select(scores, 0.5, 10));
        Assert.Empty(UncertaintySampling.Select(scores, 0.5, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => UncertaintySampling.Select(scores, 0.5, -1));
    }

    [Fact]
    public void Select_Items_ReturnsItemsWithTheirDistances()
    {
        (string Id, double Score)[] results = [("a", 0.95), ("b", 0.55), ("c", 0.05), ("d", 0.48)];

        var next = UncertaintySampling.Select(results, r => r.Score, 0.5, 2);

        Assert.Equal(["d", "b"], next.Select(n => n.Item.Id));
        Assert.Equal(0.02, next[0].Distance, 12);
        Assert.Equal(0.05, next[1].Distance, 12);
    }

    [Fact]
    public void RandomSampling_Select_DistinctInRangeAndSameForSameSeed()
    {
        int[] first = RandomSampling.Select(50, 20, new Random(7));
        int[] again = RandomSampling.Select(50, 20, new Random(7));
        int[] other = RandomSampling.Select(50, 20, new Random(8));

        Assert.Equal(20, first.Distinct().Count());
        Assert.All(first, p => Assert.InRange(p, 0, 49));
        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
        Assert.Equal(5, RandomSampling.Select(5, 9, new Random(1)).Distinct().Count());
    }
}
