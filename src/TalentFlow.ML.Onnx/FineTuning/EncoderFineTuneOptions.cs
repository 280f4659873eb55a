using System.ComponentModel.DataAnnotations;

namespace TalentFlow.ML.Onnx.FineTuning;

/// <summary>Training loss of <see cref="IEncoderFineTuner"/>.</summary>
public enum FineTuneLoss
{
    /// <summary>CoSENT: ranks every pair's cosine by its label (uses every labelled pair, positive and negative).</summary>
    CoSent,

    /// <summary>In-batch InfoNCE on the positive pairs (temperature <see cref="EncoderFineTuneOptions.Temperature"/>).</summary>
    Contrastive,
}

/// <summary>Where training runs.</summary>
public enum FineTuneDevice
{
    /// <summary>The best available; this build trains on the CPU.</summary>
    Auto,

    /// <summary>CPU.</summary>
    Cpu,

    /// <summary>CUDA: not available to the C# trainer; falls back to the CPU with a warning.</summary>
    Cuda,
}

/// <summary>Settings of a fine-tuning run. Defaults are seed 000's semantic training except where noted.</summary>
public sealed class EncoderFineTuneOptions
{
    /// <summary>Passes over the training pairs. Default 3.</summary>
    [Range(1, 1000)]
    public int Epochs { get; set; } = 3;

    /// <summary>Pairs per optimiser step. Default 16.</summary>
    [Range(2, 4096)]
    public int BatchSize { get; set; } = 16;

    /// <summary>Peak AdamW learning rate. Default 2e-5.</summary>
    [Range(1e-9, 1.0)]
    public double LearningRate { get; set; } = 2e-5;

    /// <summary>Linear warm-up steps, then linear decay to 0. Default 100.</summary>
    [Range(0, 1_000_000)]
    public int WarmupSteps { get; set; } = 100;

    /// <summary>AdamW decoupled weight decay on dense weights (not biases, not LayerNorm). Default 0.01.</summary>
    [Range(0.0, 1.0)]
    public double WeightDecay { get; set; } = 0.01;

    /// <summary>Tokens per text while training, <c>[CLS]</c> and <c>[SEP]</c> included. Default 128 (serving stays at 256).</summary>
    [Range(8, 512)]
    public int MaxSequenceLength { get; set; } = 128;

    /// <summary>Top transformer layers trained; the layers below are frozen. Default 1.</summary>
    [Range(1, 48)]
    public int TrainLayers { get; set; } = 1;

    /// <summary>Loss. Default <see cref="FineTuneLoss.CoSent"/> (see the README's comparison).</summary>
    public FineTuneLoss Loss { get; set; } = FineTuneLoss.CoSent;

    /// <summary>InfoNCE temperature. Default 0.07.</summary>
    [Range(1e-4, 10.0)]
    public double Temperature { get; set; } = 0.07;

    /// <summary>CoSENT's scale λ. Default 20 (sentence-transformers' CoSENTLoss).</summary>
    [Range(1e-3, 1000.0)]
    public double CoSentScale { get; set; } = 20;

    /// <summary>Seed of the shuffling. Default 0.</summary>
    public int Seed { get; set; }

    /// <summary>CPU threads (matrix products, attention and ONNX Runtime); 0 = one per core. Default 0.</summary>
    [Range(0, 1024)]
    public int Threads { get; set; }

    /// <summary>Device. Default <see cref="FineTuneDevice.Auto"/>.</summary>
    public FineTuneDevice Device { get; set; } = FineTuneDevice.Auto;

    /// <summary>Checks every range.</summary>
    /// <exception cref="FineTuneException">The first setting out of range.</exception>
    public void Validate()
    {
        var results = new List<ValidationResult>();
        if (!Validator.TryValidateObject(this, new ValidationContext(this), results, validateAllProperties: true))
        {
            throw new FineTuneException(results[0].ErrorMessage ?? "invalid fine-tuning options");
        }
    }

    internal int ResolvedThreads => Threads > 0 ? Threads : Environment.ProcessorCount;
}
