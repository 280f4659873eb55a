namespace TalentFlow.ML.Recommendation.Serving;

/// <summary>
/// A learned re-ranking of the content ranking's best candidates: its features by name (each one
/// <see cref="JobRankingFeatures"/> can compute) and a logit per (user, job) feature vector.
/// </summary>
public interface IJobPairRanker
{
    /// <summary>The features the logit reads, in order.</summary>
    IReadOnlyList<string> FeatureNames { get; }

    /// <summary>How many of the content ranking's best jobs are re-ranked.</summary>
    int Candidates { get; }

    /// <summary>The logit of one pair's features (in <see cref="FeatureNames"/> order).</summary>
    double Logit(ReadOnlySpan<float> features);
}
