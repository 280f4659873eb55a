namespace TalentFlow.ML.Recommendation.Serving;

/// <summary>
/// The learned ranking's pair features as the serving catalog computes them — the same names and meanings as the
/// job-views evaluation's (<c>JobViewsPairFeatures</c>), from what a catalog job has (title, place, company):
/// <c>viewed_position</c> compares normalized titles (a posting has no separate position), and <c>viewed_industry</c> is
/// always 0 (a posting has no industry), a constant for every job of a ranking, so it cannot change the order.
/// </summary>
public static class JobRankingFeatures
{
    /// <summary>Every feature the catalog can compute: the evaluation's own list, in its order.</summary>
    public static IReadOnlyList<string> Names => JobViews.JobViewsPairFeatures.Names;

    /// <summary>Maps a ranker's feature names onto <see cref="Names"/>; throws <see cref="ArgumentException"/> naming any the catalog cannot compute.</summary>
    public static int[] Map(IReadOnlyList<string> featureNames)
    {
        ArgumentNullException.ThrowIfNull(featureNames);
        var map = new int[featureNames.Count];
        for (int i = 0; i < map.Length; i++)
        {
            map[i] = IndexOf(featureNames[i]);
            if (map[i] < 0) throw new ArgumentException($"The ranker reads feature '{featureNames[i]}', which the catalog cannot compute; it can: {string.Join(", ", Names)}.", nameof(featureNames));
        }
        return map;
    }

    private static int IndexOf(string name)
    {
        for (int i = 0; i < Names.Count; i++)
        {
            if (Names[i] == name) return i;
        }
        return -1;
    }
}
