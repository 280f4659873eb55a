using TalentFlow.ML.Recommendation.JobViews;
using TalentFlow.ML.Recommendation.Serving;

namespace TalentFlow.ML.Tests.Recommendation.Serving;

/// <summary>The catalog index's learned re-ranking: the features it computes, and that a trained ranker's weights change the order.</summary>
public sealed class ContentJobIndexRankingTests
{
    private static readonly ContentModel Model = ContentModel.Fit(["barista", "senior barista", "line cook", "cook", "store manager", "cashier"]);

    private static ContentJobIndex Index()
    {
        var index = new ContentJobIndex(Model);
        index.Upsert("a-barista", "Barista", "Austin", "TX", "Brew Co");
        index.Upsert("b-senior", "Senior Barista", "Austin", "TX", "Other Cafe");
        index.Upsert("c-cook", "Line Cook", "Dallas", "TX", "Acme Foods");
        index.Upsert("d-cashier", "Cashier", "Denver", "CO", "Acme Foods");
        return index;
    }

    /// <summary>A ranker with one weight per named feature (means 0, scales 1), so its logit is a plain weighted sum.</summary>
    private static LearnedJobRankerModel Ranker(params (string Feature, double Weight)[] weights) =>
        new([.. weights.Select(w => w.Feature)], new double[weights.Length], Enumerable.Repeat(1.0, weights.Length).ToArray(),
            [.. weights.Select(w => w.Weight)], 0, candidates: 10, stateWeight: 0.5, cityWeight: 0.5);

    [Fact]
    public void Search_RankerWeighsLastViewCompany_PutsThatCompanysJobFirst()
    {
        var index = Index();
        var query = new ContentQuery(Model, "barista", [("Austin", "TX")], ["TX"], ["seen"]);
        var signals = new RankingSignals(Model, "barista", [new ViewedJob("Prep Cook", "Dallas", "TX", "ACME Foods ")]);
        var ranker = Ranker(("text_cosine", 1), ("last_view_company", 5));

        var content = index.Search(query, 4);
        var ranked = index.Search(query, signals, ranker, JobRankingFeatures.Map(ranker.FeatureNames), 4);

        Assert.Equal("a-barista", content[0].JobId);
        // Both Acme jobs move up (company compared trimmed and case-blind); among them the better text match first.
        Assert.Equal(["c-cook", "d-cashier"], ranked.Take(2).Select(h => h.JobId));
        Assert.Equal(5 + content.Single(h => h.JobId == "c-cook").Text, ranked[0].Score, 5);
    }

    [Fact]
    public void Search_LastViewCityAndRecentCosine_ComputedFromTheLatestViews()
    {
        var index = Index();
        var query = new ContentQuery(Model, "", [], [], []);
        var signals = new RankingSignals(Model, "", [new ViewedJob("Cashier", "Denver", "CO", null), new ViewedJob("Line Cook", "Dallas", "TX", null)]);
        var city = Ranker(("last_view_city", 1));
        var recent = Ranker(("recent_views_max_cosine", 1));
        var last = Ranker(("last_view_cosine", 1));

        var byCity = index.Search(query, signals, city, JobRankingFeatures.Map(city.FeatureNames), 4);
        var byRecent = index.Search(query, signals, recent, JobRankingFeatures.Map(recent.FeatureNames), 4);
        var byLast = index.Search(query, signals, last, JobRankingFeatures.Map(last.FeatureNames), 4);

        Assert.Equal(("c-cook", 1.0), (byCity[0].JobId, byCity[0].Score));
        Assert.Equal(0, byCity[1].Score);
        // The last two views are a cashier and a line cook: both score a full cosine of 1 on the recent maximum.
        Assert.Equal(["c-cook", "d-cashier"], byRecent.Where(h => h.Score > 0.99).Select(h => h.JobId).Order(StringComparer.Ordinal));
        Assert.Equal("c-cook", Assert.Single(byLast, h => h.Score > 0.99).JobId);
    }

    [Fact]
    public void Search_ExcludedJob_NeverReturnedByTheRanker()
    {
        var index = Index();
        var query = new ContentQuery(Model, "barista", [], [], ["a-barista"]);
        var signals = new RankingSignals(Model, "barista", []);
        var ranker = Ranker(("interest_cosine", 1));

        var ranked = index.Search(query, signals, ranker, JobRankingFeatures.Map(ranker.FeatureNames), 4);

        Assert.DoesNotContain(ranked, h => h.JobId == "a-barista");
        Assert.Equal("b-senior", ranked[0].JobId);
    }

    [Fact]
    public void Map_FeatureTheCatalogCannotCompute_ThrowsNamingIt()
    {
        var ex = Assert.Throws<ArgumentException>(() => JobRankingFeatures.Map(["text_cosine", "popularity"]));

        Assert.Contains("'popularity'", ex.Message, StringComparison.Ordinal);
    }
}
