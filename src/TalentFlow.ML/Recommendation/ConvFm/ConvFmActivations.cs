using System.Numerics;

namespace TalentFlow.ML.Recommendation.ConvFm;

/// <summary>
/// What a forward pass keeps for the backward pass, and the backward pass's scratch, sized for one batch. Reused across
/// batches so a training step allocates nothing; one instance per thread.
/// </summary>
internal sealed class ConvFmActivations<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Sizes the buffers; <paramref name="forTraining"/> = false leaves out what only the backward pass needs.</summary>
    public ConvFmActivations(ConvFmNetwork<T> network, int capacity, bool forTraining = true)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Capacity = capacity;
        var patch = network.ConvLength * network.Dim * network.Kernel;
        var grad = forTraining ? capacity : 0;
        ForTraining = forTraining;
        Input = new T[capacity * network.DeepInput];
        InputGrad = new T[grad * network.DeepInput];
        Patches = new T[capacity * patch];
        PatchGrad = new T[grad * patch];
        ConvPre = new T[capacity * network.Filters * network.ConvLength];
        ConvPreGrad = new T[grad * network.Filters * network.ConvLength];
        Batch = new ConvFmInput[capacity];
        SkillCount = new int[capacity];
        Wide = new T[capacity];
        Logits = new T[capacity];
        LogitGrad = new T[capacity];
        var layers = network.HiddenCount;
        Normalized = new T[layers][];
        Output = new T[layers][];
        OutputGrad = new T[layers][];
        PreGrad = new T[layers][];
        DropoutScale = new T[layers][];
        InvStd = new T[layers][];
        for (var i = 0; i < layers; i++)
        {
            var h = network.HiddenWidth(i);
            Normalized[i] = new T[capacity * h];
            Output[i] = new T[capacity * h];
            OutputGrad[i] = new T[grad * h];
            PreGrad[i] = new T[grad * h];
            DropoutScale[i] = new T[grad * h];
            InvStd[i] = new T[h];
        }
    }

    public int Capacity { get; }

    /// <summary>Whether the backward pass's buffers exist (training-mode forward and backward need them).</summary>
    public bool ForTraining { get; }

    /// <summary>Examples in the last forward pass.</summary>
    public int Count { get; set; }

    /// <summary>Whether the last forward pass drew dropout masks (training with p &gt; 0).</summary>
    public bool HasDropout { get; set; }

    /// <summary>Deep input per example: e[d, f] flattened (d·5 + f), then the pooled conv features.</summary>
    public T[] Input { get; }

    public T[] InputGrad { get; }

    /// <summary>im2col of the zero-padded field axis: [b, t, d·kernel + k].</summary>
    public T[] Patches { get; }

    public T[] PatchGrad { get; }

    /// <summary>Conv output before ReLU: [b, filter, t].</summary>
    public T[] ConvPre { get; }

    /// <summary>dLoss/d(conv output before ReLU): [b, filter, t].</summary>
    public T[] ConvPreGrad { get; }

    /// <summary>The inputs of the last forward pass (an array, so parallel workers can reach them).</summary>
    public ConvFmInput[] Batch { get; }

    /// <summary>Present (non-padding) skill ids per example, for the mean's backward.</summary>
    public int[] SkillCount { get; }

    /// <summary>Linear + FM part of each logit.</summary>
    public T[] Wide { get; }

    public T[] Logits { get; }

    /// <summary>dLoss/dLogit, written by the loss.</summary>
    public T[] LogitGrad { get; }

    /// <summary>BatchNorm's x̂ per hidden layer.</summary>
    public T[][] Normalized { get; }

    /// <summary>Hidden-layer output after ReLU and dropout.</summary>
    public T[][] Output { get; }

    public T[][] OutputGrad { get; }

    /// <summary>Gradient with respect to the Linear output (BatchNorm input) of each hidden layer.</summary>
    public T[][] PreGrad { get; }

    /// <summary>Dropout multiplier per unit: 0 or 1/(1 − p).</summary>
    public T[][] DropoutScale { get; }

    /// <summary>1/√(σ² + ε) of each hidden layer's batch.</summary>
    public T[][] InvStd { get; }
}
