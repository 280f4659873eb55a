using TalentFlow.ML.Recommendation.ConvFm;

namespace TalentFlow.ML.Recommendation.JobViews;

/// <summary>How <see cref="ConvFmRecommender"/> trains on job views.</summary>
public sealed record ConvFmRecommenderOptions
{
    /// <summary>
    /// The network and its training. Default: the architecture's defaults with <c>convfm_anchor.py</c>'s training setup —
    /// batch 256, up to 10 epochs, patience 3.
    /// </summary>
    public ConvFmOptions Model { get; init; } = new() { BatchSize = 256, Epochs = 10, EarlyStoppingPatience = 3, Seed = 20261122 };

    /// <summary>How content becomes fields.</summary>
    public JobViewsFeatureOptions Features { get; init; } = new();

    /// <summary>Unviewed catalog jobs drawn uniformly (seeded) per viewed job, as in the anchor. Default 4.</summary>
    public int NegativesPerPositive { get; init; } = 4;

    /// <summary>
    /// Users with at least this many distinct viewed jobs give their last view (by View.Start) to validation — the split's own
    /// protocol, inside the training part. Default 3.
    /// </summary>
    public int MinJobsForValidation { get; init; } = 3;

    /// <summary>Seeds the negatives. Default 20261122 (the anchor's seed).</summary>
    public int Seed { get; init; } = 20261122;

    /// <summary>Content score's state bonus (the anchor's 0.5).</summary>
    public double StateWeight { get; init; } = 0.5;

    /// <summary>Content score's city bonus (the anchor's 0.5).</summary>
    public double CityWeight { get; init; } = 0.5;

    /// <summary>
    /// Weights λ of the content score in the hybrid (ConvFM logit + λ · content) tried on validation; the one with the best
    /// validation NDCG@10 is kept.
    /// </summary>
    public IReadOnlyList<double> HybridWeights { get; init; } = [0, 0.25, 0.5, 1, 2, 4, 8, 16, 32, 64];
}
