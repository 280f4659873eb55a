using TalentFlow.Grains.Matching;

namespace TalentFlow.Grains.Tests;

/// <summary>The A/B split: a stable hash of test and candidate id, a share respected over many ids.</summary>
public sealed class TrafficSplitTests
{
    [Fact]
    public void Bucket_SameTestAndCandidate_IsTheSameEveryTimeAndPinned()
    {
        double first = TrafficSplit.Bucket("baseline_tfidf", "v2", "candidate-42");

        Assert.Equal(first, TrafficSplit.Bucket("baseline_tfidf", "v2", "candidate-42"));
        Assert.InRange(first, 0.0, 1.0);
        // Pinned: the split must not change between builds or processes (a silo on another build would disagree).
        Assert.Equal(0.09991085823269674, first, 12);
    }

    [Theory]
    [InlineData(0.1)]
    [InlineData(0.25)]
    [InlineData(0.5)]
    [InlineData(0.9)]
    public void IsChallenger_TenThousandIds_PutsTheShareInTheChallengerArmWithinTolerance(double share)
    {
        const int Count = 10_000;
        int challengers = Enumerable.Range(0, Count).Count(i => TrafficSplit.IsChallenger("semantic_scorer", "s2", $"cand-{i}", share));

        // Four standard deviations of a binomial share: a fair split fails this about once in 15,000 runs.
        double tolerance = 4 * Math.Sqrt(share * (1 - share) / Count);
        Assert.InRange((double)challengers / Count, share - tolerance, share + tolerance);
    }

    [Fact]
    public void IsChallenger_AnotherChallengerVersion_ReshufflesTheArms()
    {
        var ids = Enumerable.Range(0, 2_000).Select(i => $"cand-{i}").ToList();

        var first = ids.Where(id => TrafficSplit.IsChallenger("baseline_tfidf", "v2", id, 0.5)).ToHashSet();
        var second = ids.Where(id => TrafficSplit.IsChallenger("baseline_tfidf", "v3", id, 0.5)).ToHashSet();

        // Independent halves overlap in about a quarter of the ids, not in all of them.
        Assert.InRange(first.Intersect(second).Count(), 400, 600);
        Assert.False(TrafficSplit.IsChallenger("baseline_tfidf", "v2", "cand-1", 0));
    }
}
