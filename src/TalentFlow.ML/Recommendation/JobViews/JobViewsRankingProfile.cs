using TalentFlow.ML.Tfidf;

namespace TalentFlow.ML.Recommendation.JobViews;

/// <summary>
/// What <see cref="JobViewsPairFeatures"/> needs of one user, computed once per request: the content profile
/// (<see cref="JobViewsUser"/>), the text of the user's own words and of the viewed titles apart, the latest views in time
/// order, and the positions and industries of viewed jobs. Built by <see cref="JobViewsPairFeatures.Profile"/>.
/// </summary>
public sealed class JobViewsRankingProfile
{
    internal JobViewsRankingProfile(JobViewsUser user, SparseVector interestText, SparseVector viewedText, int[] recentJobs,
        HashSet<int> positions, HashSet<int> industries)
    {
        User = user;
        InterestText = interestText;
        ViewedText = viewedText;
        RecentJobs = recentJobs;
        Positions = positions;
        Industries = industries;
    }

    /// <summary>The content profile: full text, viewed places, seen jobs, latest view.</summary>
    public JobViewsUser User { get; }

    /// <summary>Catalog indices of the latest views, oldest first (at most <see cref="JobViewsPairFeatures.RecentViews"/>; repeats kept).</summary>
    public IReadOnlyList<int> RecentJobs { get; }

    internal SparseVector InterestText { get; }

    internal SparseVector ViewedText { get; }

    internal HashSet<int> Positions { get; }

    internal HashSet<int> Industries { get; }

    /// <summary>The encoder's vector of the user's own words (null without embeddings or words).</summary>
    internal float[]? InterestEmbedding { get; init; }

    /// <summary>The unit mean of the viewed jobs' vectors (null without embeddings or views).</summary>
    internal float[]? ViewedEmbedding { get; init; }
}
