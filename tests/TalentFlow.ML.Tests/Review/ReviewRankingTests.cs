using TalentFlow.ML.Review;

namespace TalentFlow.ML.Tests.Review;

public sealed class ReviewRankingTests
{
    [Fact]
    public void Uncertainty_ScoresAroundTheThreshold_ClosestFirstTiesById()
    {
        var ranked = ReviewRanking.Uncertainty([("b", 0.9, 0.5), ("d", 0.45, 0.5), ("a", 0.55, 0.5), ("c", 0.48, 0.5)], 10);

        Assert.Equal(["c", "a", "d", "b"], ranked.Select(r => r.Id));
        Assert.Equal([0.02, 0.05, 0.05, 0.4], ranked.Select(r => Math.Round(r.Key, 9)));
    }

    [Fact]
    public void Disagreement_ModelScores_LargestSpreadFirstAndOneScoreLast()
    {
        var ranked = ReviewRanking.Disagreement(
        [
            ("c", new Dictionary<string, double> { ["tfidf"] = 0.7 }),
            ("b", new Dictionary<string, double> { ["tfidf"] = 0.5, ["semantic"] = 0.5, ["scorer"] = 0.9 }),
            ("a", new Dictionary<string, double> { ["tfidf"] = 0.2, ["semantic"] = 0.8 }),
        ], 2);

        Assert.Equal(["a", "b"], ranked.Select(r => r.Id));
        Assert.Equal([0.6, 0.4], ranked.Select(r => Math.Round(r.Key, 9)));
    }

    [Fact]
    public void Oldest_WaitingTimes_LongestFirstInSeconds()
    {
        var now = new DateTimeOffset(2026, 1, 2, 0, 0, 0, TimeSpan.Zero);

        var ranked = ReviewRanking.Oldest([("new", now.AddMinutes(-1)), ("old", now.AddHours(-2)), ("mid", now.AddMinutes(-30))], now, 3);

        Assert.Equal([("old", 7200.0), ("mid", 1800.0), ("new", 60.0)], ranked.Select(r => (r.Id, r.Key)));
    }

    [Fact]
    public void Diversity_NearDuplicateOfAPick_ComesAfterAnUnseenDirection()
    {
        // r1 lies on x; b and c are orthogonal to it (distance 1), b2 almost equals b. After b, b2's nearest is b (distance ≈ 0.005)
        // while c is still 1 away from everything: c goes before b2, and b2 says b was queued ahead of it.
        var reviewed = new List<(string, float[])> { ("r1", [1, 0, 0]) };
        var candidates = new List<(string, float[]?)> { ("c", [0, 0, 1]), ("b2", [0, 1, 0.1f]), ("b", [0, 1, 0]), ("a", [2, 0, 0]), ("none", null) };

        var ranked = ReviewRanking.Diversity(candidates, reviewed, 10);

        Assert.Equal(["b", "c", "b2", "a", "none"], ranked.Select(r => r.Id));
        Assert.Equal((1.0, "r1", 0.0, (string?)null), (ranked[0].Key, ranked[0].NearestId, ranked[0].NearestSimilarity!.Value, ranked[0].NearestQueuedId));
        Assert.Equal(1.0, ranked[1].Key, 6);
        Assert.Equal("b", ranked[2].NearestQueuedId);
        Assert.Equal(1 - (1 / Math.Sqrt(1.01)), ranked[2].Key, 6);
        Assert.Equal(("r1", 1.0), (ranked[3].NearestId, Math.Round(ranked[3].NearestSimilarity!.Value, 6)));
        Assert.Equal(0.0, ranked[3].Key, 6);
        Assert.Equal((0.0, (string?)null), (ranked[4].Key, ranked[4].NearestId));
    }

    [Fact]
    public void Diversity_NothingReviewed_StartsWithTheMostCentralThenTheFarthest()
    {
        // Centroid (2, 1.1): q is nearest it; then s (orthogonal to p, far from q) before p (almost q).
        var ranked = ReviewRanking.Diversity([("p", [1, 0]), ("q", [1, 0.1f]), ("s", [0, 1])], [], 3);

        Assert.Equal(["q", "s", "p"], ranked.Select(r => r.Id));
        Assert.True(double.IsPositiveInfinity(ranked[0].Key));
        Assert.Null(ranked[0].NearestId);
        Assert.Equal("q", ranked[1].NearestQueuedId);
        Assert.Equal(1 - (0.1 / Math.Sqrt(1.01)), ranked[1].Key, 6);
    }

    [Fact]
    public void Rankings_LimitBelowOne_Throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ReviewRanking.Uncertainty([("a", 0.5, 0.5)], 0));
        Assert.Throws<ArgumentException>(() => ReviewRanking.Diversity([("a", [1, 0])], [("r", [1, 0, 0])], 1));
    }

    [Theory]
    [InlineData("uncertainty", ReviewStrategy.Uncertainty)]
    [InlineData(" Diversity ", ReviewStrategy.Diversity)]
    [InlineData("OLDEST", ReviewStrategy.Oldest)]
    [InlineData("disagreement", ReviewStrategy.Disagreement)]
    public void Parse_KnownNames_GivesTheStrategy(string name, ReviewStrategy expected) => Assert.Equal(expected, ReviewStrategies.Parse(name));

    [Theory]
    [InlineData("random")]
    [InlineData("")]
    [InlineData(null)]
    public void Parse_UnknownName_IsNull(string? name) => Assert.Null(ReviewStrategies.Parse(name));
}
