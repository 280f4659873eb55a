using TalentFlow.Contracts.Jobs;
using TalentFlow.ML.Recommendation.Serving;

namespace TalentFlow.Grains.Recommendations;

/// <summary>Turns the wire forms of the recommender's inputs into the ML library's.</summary>
internal static class CatalogScoring
{
    /// <summary>The content query of <paramref name="query"/>.</summary>
    public static ContentQuery Query(RecommendationModels models, CatalogQuery query) =>
        new(models.Content, query.Text ?? "", query.Places.Select(p => (p.City, p.State)), query.Places.Select(p => p.State), query.Exclude);

    /// <summary>The learned ranker's user side of <paramref name="query"/>.</summary>
    public static RankingSignals Signals(RecommendationModels models, CatalogQuery query)
    {
        var viewed = new List<ViewedJob>(query.Viewed?.Count ?? 0);
        foreach (var view in query.Viewed ?? []) viewed.Add(new ViewedJob(view.Title, view.City, view.State, view.Company));
        return new RankingSignals(models.Content, query.InterestText ?? "", viewed);
    }

    /// <summary>The catalog entry of a posting: title, location as given and parsed, company.</summary>
    public static JobCatalogEntry Entry(string jobId, JobPosting posting)
    {
        var (city, stateCode) = Places.Parse(posting.Location);
        return new JobCatalogEntry(jobId, posting.Title.Trim(), posting.Location, posting.Company, city, stateCode);
    }

    /// <summary>Best first: a higher score, then the lower ordinal job id (the order every shard uses).</summary>
    public static int Compare(CatalogHit a, CatalogHit b) =>
        a.Score != b.Score ? b.Score.CompareTo(a.Score) : string.CompareOrdinal(a.Job.JobId, b.Job.JobId);
}
