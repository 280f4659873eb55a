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

    /// <summary>Unviewed catalog jobs drawn (seeded) per viewed job, as in the anchor. Default 4.</summary>
    public int NegativesPerPositive { get; init; } = 4;

    /// <summary>
    /// How many of the <see cref="NegativesPerPositive"/> are hard: drawn from the content ranking's top
    /// <see cref="HardNegativeCandidates"/> for the user without the positive (the jobs a ranking must beat); the rest are
    /// drawn uniformly from the catalog. 0 is the anchor's uniform sampling. Default 0: on the job-views split, 3 of 4 hard
    /// negatives gave ConvFM a lower validation NDCG@10 over the content top 300 (0.105 at 10 epochs, 0.104 at 40 with early
    /// stopping) than uniform ones (0.111).
    /// </summary>
    public int HardNegatives { get; init; }

    /// <summary>The content top k that hard negatives come from. Default 300.</summary>
    public int HardNegativeCandidates { get; init; } = 300;

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

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first option out of range.</summary>
    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(Model, nameof(Model));
        ArgumentNullException.ThrowIfNull(Features, nameof(Features));
        ArgumentNullException.ThrowIfNull(HybridWeights, nameof(HybridWeights));
        Model.Validate();
        ArgumentOutOfRangeException.ThrowIfLessThan(NegativesPerPositive, 1, nameof(NegativesPerPositive));
        ArgumentOutOfRangeException.ThrowIfNegative(HardNegatives, nameof(HardNegatives));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(HardNegatives, NegativesPerPositive, nameof(HardNegatives));
        ArgumentOutOfRangeException.ThrowIfLessThan(HardNegativeCandidates, 1, nameof(HardNegativeCandidates));
        ArgumentOutOfRangeException.ThrowIfLessThan(MinJobsForValidation, 2, nameof(MinJobsForValidation));
    }
}
