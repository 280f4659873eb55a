using System.ComponentModel.DataAnnotations;
using TalentFlow.ML.Onnx.FineTuning;

namespace TalentFlow.Grains.Training;

/// <summary>
/// How the learning loop fine-tunes all-MiniLM-L6-v2 (configuration section <c>Training:Encoder</c>) on silos that serve it.
/// Seed 000's settings, except the learning rate: one trainable layer needed 1e-4 for a gain (src/TalentFlow.ML.Onnx/README.md).
/// </summary>
public sealed class EncoderTrainingOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Training:Encoder";

    /// <summary>Top transformer layers trained; the layers below stay frozen. Default 1.</summary>
    [Range(1, 6)]
    public int TrainLayers { get; set; } = 1;

    /// <summary>Passes over the training verdicts. Default 3.</summary>
    [Range(1, 100)]
    public int Epochs { get; set; } = 3;

    /// <summary>Pairs per step. Default 16.</summary>
    [Range(2, 1024)]
    public int BatchSize { get; set; } = 16;

    /// <summary>Peak AdamW learning rate. Default 1e-4 (seed 000's 2e-5 gained little with one trainable layer).</summary>
    [Range(1e-7, 1e-1)]
    public double LearningRate { get; set; } = 1e-4;

    /// <summary>
    /// Linear warm-up steps (seed 000: 100), capped at a tenth of the run's steps so that a few dozen verdicts still reach the
    /// peak rate. Default 100.
    /// </summary>
    [Range(0, 100_000)]
    public int WarmupSteps { get; set; } = 100;

    /// <summary>Tokens per text while training (serving stays at 256). Default 128.</summary>
    [Range(16, 256)]
    public int MaxSequenceLength { get; set; } = 128;

    /// <summary>Loss. Default CoSENT (every verdict, rejections included).</summary>
    public FineTuneLoss Loss { get; set; } = FineTuneLoss.CoSent;

    /// <summary>Seed of the shuffling. Default 0.</summary>
    public int Seed { get; set; }

    /// <summary>CPU threads of the trainer; 0 = one per core. Default 0.</summary>
    [Range(0, 1024)]
    public int Threads { get; set; }

    /// <summary>The fine-tuner's settings for a run of <paramref name="trainPairs"/> pairs.</summary>
    internal EncoderFineTuneOptions ToFineTuneOptions(int trainPairs)
    {
        int steps = Epochs * ((trainPairs + BatchSize - 1) / BatchSize);
        return new EncoderFineTuneOptions
        {
            TrainLayers = TrainLayers,
            Epochs = Epochs,
            BatchSize = BatchSize,
            LearningRate = LearningRate,
            WarmupSteps = Math.Min(WarmupSteps, steps / 10),
            MaxSequenceLength = MaxSequenceLength,
            Loss = Loss,
            Seed = Seed,
            Threads = Threads,
            Device = FineTuneDevice.Auto,
        };
    }
}
