namespace TalentFlow.ML.Recommendation.Serving;

/// <summary>A job the user interacted with, as the learned ranking's user side needs it.</summary>
/// <param name="Title">Its title.</param>
/// <param name="City">Its city, or null.</param>
/// <param name="State">Its state code, or null.</param>
/// <param name="Company">Its company, or null.</param>
public sealed record ViewedJob(string Title, string? City, string? State, string? Company);

/// <summary>
/// The user's side of the learned ranking's features, beyond <see cref="ContentQuery"/>'s text and places: the user's own
/// words and the viewed titles as separate vectors, the latest views' vectors, and the latest view's city, state and
/// company. Built once per request.
/// </summary>
public sealed class RankingSignals
{
    /// <summary>How many of the latest views <c>recent_views_max_cosine</c> compares with (as in training).</summary>
    public const int RecentViews = 3;

    /// <summary>Builds the signals with <paramref name="model"/>.</summary>
    /// <param name="model">The model the job vectors were made with.</param>
    /// <param name="interestText">The user's positions of interest and past titles.</param>
    /// <param name="viewed">The jobs the user interacted with, oldest first.</param>
    public RankingSignals(ContentModel model, string interestText, IReadOnlyList<ViewedJob> viewed)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(interestText);
        ArgumentNullException.ThrowIfNull(viewed);
        Interest = model.Vectorize(interestText);
        var titles = new List<string>(viewed.Count);
        foreach (var job in viewed) titles.Add(job.Title);
        Viewed = titles.Count == 0 ? TermVector.Empty : model.Vectorize(string.Join(' ', titles));
        int from = Math.Max(0, viewed.Count - RecentViews);
        var recent = new TermVector[viewed.Count - from];
        for (int i = from; i < viewed.Count; i++) recent[i - from] = model.Vectorize(viewed[i].Title);
        Recent = recent;
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var title in titles) keys.Add(ContentJobIndex.TitleKey(title));
        ViewedTitles = keys;
        if (viewed.Count > 0)
        {
            var last = viewed[^1];
            LastCity = Places.CityKey(last.City, last.State);
            LastState = Places.StateKey(last.State);
            LastCompany = ContentJobIndex.CompanyKey(last.Company);
        }
    }

    /// <summary>The user's own words (positions of interest, past titles).</summary>
    public TermVector Interest { get; }

    /// <summary>The viewed titles together.</summary>
    public TermVector Viewed { get; }

    /// <summary>The latest views, oldest first (at most <see cref="RecentViews"/>).</summary>
    public IReadOnlyList<TermVector> Recent { get; }

    /// <summary>The last view's vector, or null without views.</summary>
    public TermVector? Last => Recent.Count == 0 ? null : Recent[^1];

    /// <summary>Viewed titles, normalized (<see cref="ContentJobIndex.TitleKey"/>): the catalog's stand-in for a job's position.</summary>
    public IReadOnlySet<string> ViewedTitles { get; }

    /// <summary>The last view's city key, or empty.</summary>
    public string LastCity { get; } = "";

    /// <summary>The last view's state key, or empty.</summary>
    public string LastState { get; } = "";

    /// <summary>The last view's company key, or empty.</summary>
    public string LastCompany { get; } = "";
}
