namespace TalentFlow.ML.Recommendation.ConvFm;

/// <summary>
/// Architecture and training parameters of the ConvFM recommender. Defaults are seed 003's (and, where the seed is silent,
/// PyTorch's defaults, which <c>convfm_anchor.py</c> inherits).
/// </summary>
public sealed record ConvFmOptions
{
    /// <summary>Width of every field embedding. Default 64.</summary>
    public int EmbeddingDim { get; init; } = 64;

    /// <summary>
    /// Output channels of the Conv1D over the five stacked fields. Default 64. 0 removes the convolution: FM + the deep part on
    /// the embeddings alone, i.e. DeepFM (the ablation <c>eval recommend --model deepfm</c> reports).
    /// </summary>
    public int ConvFilters { get; init; } = 64;

    /// <summary>Conv1D kernel width, along the field axis. Default 3.</summary>
    public int ConvKernelSize { get; init; } = 3;

    /// <summary>Zero padding on each side of the field axis. Default 1 (keeps the length at 5 with kernel 3).</summary>
    public int ConvPadding { get; init; } = 1;

    /// <summary>Hidden widths of the deep part, each Linear → BatchNorm → ReLU → Dropout. Default 128, 64, 32.</summary>
    public IReadOnlyList<int> HiddenUnits { get; init; } = [128, 64, 32];

    /// <summary>Dropout probability after every hidden layer (training only). Default 0.2.</summary>
    public double Dropout { get; init; } = 0.2;

    /// <summary>BatchNorm epsilon added to the variance. Default 1e-5 (PyTorch's).</summary>
    public double BatchNormEpsilon { get; init; } = 1e-5;

    /// <summary>Weight of the newest batch in the running mean and variance. Default 0.1 (PyTorch's).</summary>
    public double BatchNormMomentum { get; init; } = 0.1;

    /// <summary>Standard deviation of the normal initialisation of embeddings. Default 1.0 (PyTorch's <c>nn.Embedding</c>).</summary>
    public double EmbeddingInitStd { get; init; } = 1.0;

    /// <summary>Adam step size. Default 1e-3.</summary>
    public double LearningRate { get; init; } = 1e-3;

    /// <summary>Adam β1. Default 0.9.</summary>
    public double Beta1 { get; init; } = 0.9;

    /// <summary>Adam β2. Default 0.999.</summary>
    public double Beta2 { get; init; } = 0.999;

    /// <summary>Adam ε. Default 1e-8.</summary>
    public double AdamEpsilon { get; init; } = 1e-8;

    /// <summary>L2 penalty added to the gradient, as <c>torch.optim.Adam(weight_decay=)</c>. Default 0 (the anchor uses none).</summary>
    public double WeightDecay { get; init; }

    /// <summary>Examples per mini-batch. Default 32.</summary>
    public int BatchSize { get; init; } = 32;

    /// <summary>Upper bound on passes over the training set. Default 50.</summary>
    public int Epochs { get; init; } = 50;

    /// <summary>Stop after this many epochs without a lower validation loss. Default 10.</summary>
    public int EarlyStoppingPatience { get; init; } = 10;

    /// <summary>
    /// Threads for one batch's forward and backward pass; -1 uses every core. Default -1. Each output value is computed whole
    /// by one thread in a fixed order, so the results are bit-identical for any setting.
    /// </summary>
    public int MaxDegreeOfParallelism { get; init; } = -1;

    /// <summary>Seeds initialisation, shuffling and dropout masks. Default 0.</summary>
    public int Seed { get; init; }

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        Positive(EmbeddingDim, nameof(EmbeddingDim));
        if (ConvFilters < 0) throw new ArgumentOutOfRangeException(nameof(ConvFilters), ConvFilters, "ConvFilters must be 0 (no convolution: DeepFM) or more.");
        Positive(ConvKernelSize, nameof(ConvKernelSize));
        if (ConvPadding < 0 || ConvOutputLength < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(ConvPadding), "Need padding >= 0 and 5 + 2·padding - kernel + 1 >= 1.");
        }

        if (HiddenUnits is null || HiddenUnits.Any(h => h < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(HiddenUnits), "Every hidden width must be positive.");
        }

        Range(Dropout, 0, 1, inclusiveMax: false, nameof(Dropout));
        Range(BatchNormMomentum, 0, 1, inclusiveMax: true, nameof(BatchNormMomentum));
        Range(Beta1, 0, 1, inclusiveMax: false, nameof(Beta1));
        Range(Beta2, 0, 1, inclusiveMax: false, nameof(Beta2));
        PositiveFinite(BatchNormEpsilon, nameof(BatchNormEpsilon));
        PositiveFinite(EmbeddingInitStd, nameof(EmbeddingInitStd));
        PositiveFinite(LearningRate, nameof(LearningRate));
        PositiveFinite(AdamEpsilon, nameof(AdamEpsilon));
        if (!(WeightDecay >= 0) || double.IsInfinity(WeightDecay))
        {
            throw new ArgumentOutOfRangeException(nameof(WeightDecay), "WeightDecay must be finite and >= 0.");
        }

        // BatchNorm needs two examples to estimate a variance.
        if (BatchSize < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(BatchSize), "BatchSize must be at least 2 (BatchNorm).");
        }

        if (MaxDegreeOfParallelism is 0 or < -1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxDegreeOfParallelism), MaxDegreeOfParallelism, "Use -1 (all cores) or a positive count.");
        }

        Positive(Epochs, nameof(Epochs));
        Positive(EarlyStoppingPatience, nameof(EarlyStoppingPatience));
    }

    /// <summary>Length of the field axis after the convolution: 5 + 2·padding − kernel + 1.</summary>
    internal int ConvOutputLength => ConvFmFields.Count + (2 * ConvPadding) - ConvKernelSize + 1;

    private static void Positive(int value, string name)
    {
        if (value < 1)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be positive.");
        }
    }

    private static void PositiveFinite(double value, string name)
    {
        if (!(value > 0) || double.IsInfinity(value))
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be finite and positive.");
        }
    }

    private static void Range(double value, double min, double max, bool inclusiveMax, string name)
    {
        if (!(value >= min) || value > max || (!inclusiveMax && value == max))
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be in [{min}, {max}{(inclusiveMax ? "]" : ")")}.");
        }
    }
}
