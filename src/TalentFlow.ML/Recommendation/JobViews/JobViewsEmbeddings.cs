namespace TalentFlow.ML.Recommendation.JobViews;

/// <summary>
/// A sentence encoder's view of the job-views data, computed once before training: every catalog job's text (title +
/// position, as <see cref="JobViewsFeatures"/> reads it) and every user's own words (positions of interest and
/// work-history titles) as unit vectors. With it, <see cref="JobViewsPairFeatures"/> adds four cosines in that space beside
/// the TF-IDF ones (<see cref="JobViewsPairFeatures.EmbeddingNames"/>). The vectors come from a frozen encoder applied to each
/// text on its own, so they carry nothing of the views (a held-out view cannot leak through them).
/// </summary>
public sealed class JobViewsEmbeddings
{
    /// <summary>Wraps precomputed vectors; every one must have <paramref name="dimension"/> entries.</summary>
    /// <param name="versionId">The encoder's version (reported, never mixed).</param>
    /// <param name="dimension">Length of every vector.</param>
    /// <param name="jobs">One unit vector per catalog job, in catalog order.</param>
    /// <param name="interests">The unit vector of each user's own words (users without any are absent).</param>
    public JobViewsEmbeddings(string versionId, int dimension, IReadOnlyList<float[]> jobs, IReadOnlyDictionary<string, float[]> interests)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(versionId);
        ArgumentOutOfRangeException.ThrowIfLessThan(dimension, 1);
        ArgumentNullException.ThrowIfNull(jobs);
        ArgumentNullException.ThrowIfNull(interests);
        if (jobs.Any(v => v is null || v.Length != dimension) || interests.Values.Any(v => v is null || v.Length != dimension))
        {
            throw new ArgumentException($"Every embedding must have {dimension} entries.", nameof(jobs));
        }

        (VersionId, Dimension, Jobs, Interests) = (versionId, dimension, jobs, interests);
    }

    /// <summary>The encoder's version id.</summary>
    public string VersionId { get; }

    /// <summary>Length of every vector.</summary>
    public int Dimension { get; }

    /// <summary>One unit vector per catalog job.</summary>
    public IReadOnlyList<float[]> Jobs { get; }

    /// <summary>Each user's own words.</summary>
    public IReadOnlyDictionary<string, float[]> Interests { get; }

    /// <summary>The texts to embed, in the order the constructor wants them: the catalog's, then each user's own words.</summary>
    public static (IReadOnlyList<string> Jobs, IReadOnlyList<(string User, string Text)> Interests) Texts(JobViewsFeatures features)
    {
        ArgumentNullException.ThrowIfNull(features);
        var jobs = features.Data.Jobs.Select(j => j.Text).ToList();
        var users = features.Data.Views.Select(v => v.User)
            .Concat(features.Data.PositionsOfInterest.Select(p => p.User))
            .Concat(features.Data.WorkHistory.Select(w => w.User))
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        var interests = new List<(string, string)>();
        foreach (var user in users)
        {
            var words = features.Interests(user);
            if (words.Count > 0) interests.Add((user, string.Join(' ', words)));
        }

        return (jobs, interests);
    }
}
