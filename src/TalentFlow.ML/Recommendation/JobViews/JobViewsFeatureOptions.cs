namespace TalentFlow.ML.Recommendation.JobViews;

/// <summary>How <see cref="JobViewsFeatures"/> buckets the job-views content into ConvFM's fields.</summary>
public sealed record JobViewsFeatureOptions
{
    /// <summary>Bins of the TF-IDF cosine in (0, 1] (the user field); bin 0 is "no shared term". Default 20.</summary>
    public int SimilarityBins { get; init; } = 20;

    /// <summary>Positions on fewer catalog jobs than this are hashed into buckets. Default 2.</summary>
    public int MinPositionJobs { get; init; } = 2;

    /// <summary>Hash buckets for rare positions. Default 256.</summary>
    public int PositionBuckets { get; init; } = 256;

    /// <summary>Companies with fewer catalog jobs than this share one "rare" value. Default 5.</summary>
    public int MinCompanyJobs { get; init; } = 5;

    /// <summary>Skill tokens seen fewer times than this (over all users' texts) are dropped, as in the anchor. Default 2.</summary>
    public int MinTokenCount { get; init; } = 2;

    /// <summary>Longest skill bag, as in the anchor. Default 32.</summary>
    public int MaxSkills { get; init; } = 32;

    /// <summary>
    /// Whether the location and company fields also say how the job stands to the user's latest view: location values
    /// <c>last-city</c> and <c>last-state</c> (before the viewed-city and viewed-state ones), company value <c>&lt;last&gt;</c>
    /// (before <c>&lt;viewed&gt;</c>). Default true.
    /// </summary>
    public bool LastViewFields { get; init; } = true;
}
