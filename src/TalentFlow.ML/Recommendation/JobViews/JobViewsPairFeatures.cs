using System.Numerics.Tensors;
using TalentFlow.ML.Tfidf;

namespace TalentFlow.ML.Recommendation.JobViews;

/// <summary>
/// The features of one (user, job) pair that <see cref="LearnedJobRanker"/> weighs, in the order of <see cref="Names"/>:
/// <list type="number">
/// <item><c>text_cosine</c>: TF-IDF cosine of the user's full text (positions of interest, work-history titles, viewed
/// titles) and the job's title + position — the content ranking's text term;</item>
/// <item><c>viewed_state</c>, <c>viewed_city</c>: 1 when the job is in a state / city of a viewed job (the content
/// ranking's two hand-weighted bonuses);</item>
/// <item><c>last_view_cosine</c>: cosine of the latest viewed job's text and the job's;</item>
/// <item><c>last_view_city</c>: 1 when the job is in the latest viewed job's city;</item>
/// <item><c>interest_cosine</c>: cosine of the user's own words alone (positions of interest, work-history titles);</item>
/// <item><c>viewed_titles_cosine</c>: cosine of the viewed titles alone;</item>
/// <item><c>recent_views_max_cosine</c>: the largest cosine with each of the <see cref="RecentViews"/> latest views;</item>
/// <item><c>viewed_position</c>: 1 when the job's position (lower-cased) is that of a viewed job;</item>
/// <item><c>viewed_industry</c>: 1 when the job's industry is that of a viewed job;</item>
/// <item><c>last_view_company</c>, <c>last_view_state</c>: 1 when the job has the latest viewed job's company / state.</item>
/// </list>
/// With <see cref="JobViewsEmbeddings"/> (a sentence encoder's vectors), four more follow, <see cref="EmbeddingNames"/>:
/// <c>emb_interest_cosine</c> (the user's own words), <c>emb_viewed_cosine</c> (the normalised mean of the viewed jobs),
/// <c>emb_last_view_cosine</c> and <c>emb_recent_max_cosine</c> — the TF-IDF cosines' counterparts in that space.
/// A user with no views (cold start) gets 0 for every view-based feature. Deterministic, and free of any host: a grain can
/// compute them from the same <see cref="JobViewsFeatures"/>.
/// </summary>
public sealed class JobViewsPairFeatures
{
    /// <summary>How many of the latest views <c>recent_views_max_cosine</c> compares with.</summary>
    public const int RecentViews = 3;

    /// <summary>Number of features.</summary>
    public const int Count = 12;

    private readonly int[] _jobPosition;
    private readonly int[] _jobIndustry;

    /// <summary>Builds the per-job tables over <paramref name="features"/>' catalog and text model.</summary>
    public JobViewsPairFeatures(JobViewsFeatures features)
        : this(features, null)
    {
    }

    /// <summary>
    /// As <see cref="JobViewsPairFeatures(JobViewsFeatures)"/>, plus the embedding cosines when <paramref name="embeddings"/>
    /// is given (one vector per catalog job).
    /// </summary>
    public JobViewsPairFeatures(JobViewsFeatures features, JobViewsEmbeddings? embeddings)
    {
        ArgumentNullException.ThrowIfNull(features);
        if (embeddings is not null && embeddings.Jobs.Count != features.JobCount)
        {
            throw new ArgumentException($"The embeddings cover {embeddings.Jobs.Count} jobs; the catalog has {features.JobCount}.", nameof(embeddings));
        }

        Features = features;
        Embeddings = embeddings;
        FeatureNames = embeddings is null ? Names : [.. Names, .. EmbeddingNames];
        var jobs = features.Data.Jobs;
        var positions = new Dictionary<string, int>(StringComparer.Ordinal);
        var industries = new Dictionary<string, int>(StringComparer.Ordinal);
        _jobPosition = new int[jobs.Count];
        _jobIndustry = new int[jobs.Count];
        for (var j = 0; j < jobs.Count; j++)
        {
            _jobPosition[j] = Id(positions, jobs[j].Position.Trim().ToLowerInvariant());

            // An empty industry is unknown: it matches nothing.
            _jobIndustry[j] = jobs[j].Industry.Length == 0 ? -1 : Id(industries, jobs[j].Industry);
        }
    }

    /// <summary>Feature names, in order.</summary>
    public static IReadOnlyList<string> Names { get; } =
    [
        "text_cosine", "viewed_state", "viewed_city", "last_view_cosine", "last_view_city", "interest_cosine",
        "viewed_titles_cosine", "recent_views_max_cosine", "viewed_position", "viewed_industry", "last_view_company", "last_view_state",
    ];

    /// <summary>The embedding cosines' names, after <see cref="Names"/> when <see cref="Embeddings"/> is set.</summary>
    public static IReadOnlyList<string> EmbeddingNames { get; } = ["emb_interest_cosine", "emb_viewed_cosine", "emb_last_view_cosine", "emb_recent_max_cosine"];

    /// <summary>The names this instance computes, in order: <see cref="Names"/>, then <see cref="EmbeddingNames"/> with embeddings.</summary>
    public IReadOnlyList<string> FeatureNames { get; }

    /// <summary>How many features this instance computes.</summary>
    public int FeatureCount => FeatureNames.Count;

    /// <summary>The sentence encoder's vectors, or null (TF-IDF features only).</summary>
    public JobViewsEmbeddings? Embeddings { get; }

    /// <summary>The content fields and text model the features are computed from.</summary>
    public JobViewsFeatures Features { get; }

    /// <summary>
    /// The user as known from the data, without the views of <paramref name="exclude"/> (a training pair sees the user as a
    /// held-out pair will: without the job being predicted).
    /// </summary>
    public JobViewsRankingProfile Profile(string user, IReadOnlySet<int>? exclude = null)
    {
        ArgumentNullException.ThrowIfNull(user);
        var content = Features.Profile(user, exclude);
        var tfidf = Features.Tfidf;
        var interests = Features.Interests(user);
        var interestText = interests.Count == 0 ? SparseVector.Empty : tfidf.Transform(string.Join(' ', interests));
        var titles = new List<string>();
        var recent = new List<int>();
        HashSet<int> positions = [], industries = [];
        var timeline = Features.Timeline(user);
        for (var i = 0; i < timeline.Count; i++)
        {
            var job = timeline[i];
            if (!content.Seen.Contains(job))
            {
                continue;
            }

            titles.Add(Features.Data.Jobs[job].Text);
            recent.Add(job);
            positions.Add(_jobPosition[job]);
            if (_jobIndustry[job] >= 0)
            {
                industries.Add(_jobIndustry[job]);
            }
        }

        var recentJobs = recent.Count <= RecentViews ? recent.ToArray() : recent.GetRange(recent.Count - RecentViews, RecentViews).ToArray();
        var viewedText = titles.Count == 0 ? SparseVector.Empty : tfidf.Transform(string.Join(' ', titles));
        return new JobViewsRankingProfile(content, interestText, viewedText, recentJobs, positions, industries)
        {
            InterestEmbedding = Embeddings is not null && Embeddings.Interests.TryGetValue(user, out var mine) ? mine : null,
            ViewedEmbedding = Embeddings is null ? null : MeanOf(Embeddings, recent),
        };
    }

    /// <summary>Writes the <see cref="FeatureCount"/> features of (<paramref name="profile"/>, catalog job <paramref name="job"/>).</summary>
    public void Compute(JobViewsRankingProfile profile, int job, Span<float> destination)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentOutOfRangeException.ThrowIfLessThan(destination.Length, FeatureCount, nameof(destination));
        var user = profile.User;
        var text = Features.JobText(job);
        var city = Features.JobCity(job);
        var state = Features.JobState(job);
        destination[0] = user.Text.Dot(text);
        destination[1] = Flag(user.States.Contains(state));
        destination[2] = Flag(user.Cities.Contains(city));
        var last = user.LastJob;
        destination[3] = last < 0 ? 0 : Features.JobText(last).Dot(text);
        destination[4] = Flag(last >= 0 && Features.JobCity(last) == city);
        destination[5] = profile.InterestText.Dot(text);
        destination[6] = profile.ViewedText.Dot(text);
        var recent = 0f;
        foreach (var r in profile.RecentJobs)
        {
            recent = Math.Max(recent, Features.JobText(r).Dot(text));
        }

        destination[7] = recent;
        destination[8] = Flag(profile.Positions.Contains(_jobPosition[job]));
        destination[9] = Flag(_jobIndustry[job] >= 0 && profile.Industries.Contains(_jobIndustry[job]));
        destination[10] = Flag(last >= 0 && Features.JobCompany(last) == Features.JobCompany(job));
        destination[11] = Flag(last >= 0 && Features.JobState(last) == state);
        if (Embeddings is { } e)
        {
            var vector = e.Jobs[job];
            destination[Count] = profile.InterestEmbedding is { } mine ? TensorPrimitives.Dot(mine, vector) : 0;
            destination[Count + 1] = profile.ViewedEmbedding is { } viewed ? TensorPrimitives.Dot(viewed, vector) : 0;
            destination[Count + 2] = last < 0 ? 0 : TensorPrimitives.Dot(e.Jobs[last], vector);
            var best = 0f;
            foreach (var r in profile.RecentJobs)
            {
                best = Math.Max(best, TensorPrimitives.Dot(e.Jobs[r], vector));
            }

            destination[Count + 3] = best;
        }
    }

    /// <summary>The unit mean of the viewed jobs' vectors (each view counts once per view), or null with none.</summary>
    private static float[]? MeanOf(JobViewsEmbeddings embeddings, List<int> viewed)
    {
        if (viewed.Count == 0) return null;
        var mean = new float[embeddings.Dimension];
        foreach (var job in viewed) TensorPrimitives.Add(mean, embeddings.Jobs[job], mean);
        var norm = TensorPrimitives.Norm(mean);
        if (norm > 0) TensorPrimitives.Divide(mean, norm, mean);
        return mean;
    }

    private static float Flag(bool value) => value ? 1f : 0f;

    private static int Id(Dictionary<string, int> map, string key)
    {
        if (!map.TryGetValue(key, out var id))
        {
            map[key] = id = map.Count;
        }

        return id;
    }
}
