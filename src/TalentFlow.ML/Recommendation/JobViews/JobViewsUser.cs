using TalentFlow.ML.Tfidf;

namespace TalentFlow.ML.Recommendation.JobViews;

/// <summary>
/// What is known of one user when ranking: the text vector (positions of interest, past titles, titles of viewed jobs), the
/// skill-token bag, the places and companies of viewed jobs, the places of the work history, and the jobs already seen.
/// Built by <see cref="JobViewsFeatures.Profile"/>; a user with no views (cold start) still has text and work places.
/// </summary>
public sealed class JobViewsUser
{
    internal JobViewsUser(SparseVector text, int[] skills, HashSet<int> seen, HashSet<int> cities, HashSet<int> states,
        HashSet<int> companies, HashSet<int> workCities, HashSet<int> workStates, int lastJob)
    {
        LastJob = lastJob;
        Text = text;
        Skills = skills;
        Seen = seen;
        Cities = cities;
        States = states;
        Companies = companies;
        WorkCities = workCities;
        WorkStates = workStates;
    }

    /// <summary>Jobs (catalog indices) the user viewed; they are never recommended.</summary>
    public IReadOnlySet<int> Seen { get; }

    /// <summary>Whether the user has no views (cold start).</summary>
    public bool IsCold => Seen.Count == 0;

    /// <summary>The catalog index of the job of the user's latest view (by View.Start), or -1 when cold.</summary>
    public int LastJob { get; }

    internal SparseVector Text { get; }

    internal int[] Skills { get; }

    internal HashSet<int> Cities { get; }

    internal HashSet<int> States { get; }

    internal HashSet<int> Companies { get; }

    internal HashSet<int> WorkCities { get; }

    internal HashSet<int> WorkStates { get; }
}
