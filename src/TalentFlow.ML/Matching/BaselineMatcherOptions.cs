using TalentFlow.ML.Tfidf;

namespace TalentFlow.ML.Matching;

/// <summary>Weights and thresholds of <see cref="BaselineMatcher"/>; defaults are seed 000's.</summary>
public sealed record BaselineMatcherOptions
{
    /// <summary>Weight of the skills cosine. Default 0.4.</summary>
    public double SkillsWeight { get; init; } = 0.4;

    /// <summary>Weight of the experience cosine. Default 0.4.</summary>
    public double ExperienceWeight { get; init; } = 0.4;

    /// <summary>Weight of the education cosine. Default 0.2.</summary>
    public double EducationWeight { get; init; } = 0.2;

    /// <summary>Scores are clipped to at least this. Default 0.1 (seed's <c>min_score_threshold</c>).</summary>
    public double MinScore { get; init; } = 0.1;

    /// <summary>Scores are clipped to at most this. Default 1.0 (seed's <c>max_score_threshold</c>).</summary>
    public double MaxScore { get; init; } = 1.0;

    /// <summary>A score at or above this is SHORTLIST, below it REJECT. Default 0.5.</summary>
    public double ShortlistThreshold { get; init; } = 0.5;

    /// <summary>Vectorizer parameters, one vectorizer per section. Default: the baseline's (5000 features, 1–2-grams).</summary>
    public TfidfOptions Tfidf { get; init; } = new();
}
