using System.ComponentModel.DataAnnotations;

namespace TalentFlow.Grains.Recommendations;

/// <summary>How silos recommend jobs to users (configuration section <c>Recommendation</c>).</summary>
public sealed class RecommendationOptions
{
    /// <summary>
    /// A ConvFM artifact saved by <c>talentflow train convfm</c> (format <c>talentflow.convfm</c>), for the hybrid ConvFM logit +
    /// λ · content (λ is the artifact's <c>hybrid_weight</c> metric). Unset by default: the content model alone, which held-out
    /// evaluation ranks higher on the job-views data (see src/TalentFlow.ML/README.md). A missing or unreadable file fails
    /// start-up. Today the artifact is loaded and checked but scoring still uses the content model (see the Grains README).
    /// </summary>
    public string? ConvFmModelPath { get; set; }

    /// <summary>
    /// A learned ranker saved by <c>talentflow eval recommend --model ranker --save-ranker FILE</c> (format
    /// <c>talentflow.job-ranker</c>): each catalog shard re-ranks its content top (the artifact's candidate count) by it, as
    /// held-out evaluation on the job-views data measured (HR@10 0.40 against content's 0.36; src/TalentFlow.ML/README.md).
    /// Unset by default (content alone). A missing or unreadable file, or one that reads a feature the catalog cannot
    /// compute, fails start-up.
    /// </summary>
    public string? RankerModelPath { get; set; }

    /// <summary>
    /// Partitions of the job catalog index. Every recommendation asks each one and merges their top k. Fixed for the life of a
    /// cluster's data. Default 8.
    /// </summary>
    [Range(1, 1024)]
    public int CatalogShards { get; set; } = 8;

    /// <summary>Content score's bonus for a job in a state of the user (home or a job they interacted with). Default 0.5.</summary>
    [Range(0.0, 100.0)]
    public double StateWeight { get; set; } = 0.5;

    /// <summary>Content score's bonus for a job in such a city (on top of the state's). Default 0.5.</summary>
    [Range(0.0, 100.0)]
    public double CityWeight { get; set; } = 0.5;
}
