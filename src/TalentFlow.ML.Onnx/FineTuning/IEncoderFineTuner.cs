namespace TalentFlow.ML.Onnx.FineTuning;

/// <summary>
/// Fine-tunes a sentence encoder on labelled text pairs and writes the tuned model to a folder the serving side loads
/// (<see cref="FineTunedModel.Load"/>). <see cref="MiniLmTopFineTuner"/> trains the top layers of a BERT-shaped ONNX export
/// in C# on the CPU; a trainer on another runtime (TorchSharp, where it loads) would implement this same contract.
/// </summary>
public interface IEncoderFineTuner
{
    /// <summary>What trains, e.g. <c>onnx-top-layers</c>.</summary>
    string Name { get; }

    /// <summary>Trains, evaluates before and after on the validation pairs, and writes the tuned model.</summary>
    /// <exception cref="FineTuneException">Bad input: no pairs, a missing base model, options out of range.</exception>
    /// <exception cref="OperationCanceledException">Cancelled; nothing is left in the output folder.</exception>
    Task<EncoderFineTuneResult> FineTuneAsync(EncoderFineTuneRequest request, CancellationToken cancellationToken = default);
}

/// <summary>Two texts and how well they match, in [0, 1] (≥ 0.5 counts as a match for ROC-AUC and the contrastive loss).</summary>
/// <param name="Left">The resume side.</param>
/// <param name="Right">The job side.</param>
/// <param name="Score">The label.</param>
public sealed record TextPair(string Left, string Right, double Score);

/// <summary>What to train on and where to write the result.</summary>
/// <param name="Train">Training pairs.</param>
/// <param name="Validation">Held-out pairs: metrics before and after.</param>
/// <param name="OutputDirectory">
/// Folder for the tuned model (created; files in it are replaced); <see langword="null"/>: write nothing, the result's
/// <see cref="EncoderFineTuneResult.Delta"/> holds what was tuned (the learning loop stores that, not an 87 MB model).
/// </param>
public sealed record EncoderFineTuneRequest(IReadOnlyList<TextPair> Train, IReadOnlyList<TextPair> Validation, string? OutputDirectory)
{
    /// <summary>Folder with <c>model.onnx</c> and <c>vocab.txt</c>; <see langword="null"/> for the served all-MiniLM-L6-v2.</summary>
    public string? BaseModelDirectory { get; init; }

    /// <summary>Training settings.</summary>
    public EncoderFineTuneOptions Options { get; init; } = new();

    /// <summary>
    /// A fine-tuned version of the same base model to start from (production's, in the learning loop) instead of the base
    /// weights; <see langword="null"/> or a base delta: start from the base. Its tensors are loaded into the graph before the
    /// frozen pass (a layer it tuned below the trained ones stays tuned), and the result's <see cref="EncoderFineTuneResult.Delta"/>
    /// still holds every tensor that differs from the base, relative to the base's SHA-256, so any silo can apply it alone.
    /// </summary>
    public EncoderDelta? StartFrom { get; init; }
}

/// <summary>Spearman correlation of cosine with the labels, and ROC-AUC of cosine for label ≥ 0.5.</summary>
/// <param name="Spearman">Rank correlation.</param>
/// <param name="RocAuc">ROC-AUC (NaN when one class is missing).</param>
public sealed record PairQuality(double Spearman, double RocAuc);

/// <summary>The outcome of a fine-tuning run.</summary>
/// <param name="OutputDirectory">Where the tuned model is (<see cref="FineTunedModel.Load"/> opens it); null when none was asked for.</param>
/// <param name="VersionId">Its version id: base name, <c>-ft:</c>, first 16 hex of its SHA-256.</param>
/// <param name="ModelSha256">SHA-256 of the tuned <c>model.onnx</c>.</param>
/// <param name="Device">Where it trained (<c>cpu</c>).</param>
/// <param name="TrainPairs">Training pairs used per epoch.</param>
/// <param name="ValidationPairs">Held-out pairs.</param>
/// <param name="PairsPerSecond">Epochs × training pairs over the whole run (frozen pass included).</param>
/// <param name="StepPairsPerSecond">The same over the optimisation steps alone.</param>
/// <param name="Before">Validation quality of the base model.</param>
/// <param name="After">Validation quality of the tuned model.</param>
/// <param name="Steps">Optimiser steps.</param>
/// <param name="EpochLosses">Mean training loss of each epoch.</param>
/// <param name="FrozenSeconds">Time of the frozen layers' one pass over all texts.</param>
/// <param name="TrainSeconds">Time of the optimisation steps.</param>
public sealed record EncoderFineTuneResult(
    string? OutputDirectory, string VersionId, string ModelSha256, string Device, int TrainPairs, int ValidationPairs,
    double PairsPerSecond, double StepPairsPerSecond, PairQuality Before, PairQuality After, int Steps,
    IReadOnlyList<double> EpochLosses, double FrozenSeconds, double TrainSeconds)
{
    /// <summary>
    /// What was tuned, as a delta from the base model (its SHA-256 and the trained layers' tensors): applied to the same base
    /// (<see cref="EncoderDelta.Apply"/>) it rebuilds the model of <see cref="ModelSha256"/>.
    /// </summary>
    public EncoderDelta? Delta { get; init; }

    /// <summary>The tuned version training started from (<see cref="EncoderFineTuneRequest.StartFrom"/>); null: the base model.</summary>
    public string? StartedFrom { get; init; }
}

/// <summary>Bad input to a fine-tuning run: one readable sentence.</summary>
public sealed class FineTuneException : Exception
{
    /// <summary>With a message.</summary>
    public FineTuneException(string message)
        : base(message)
    {
    }

    /// <summary>With a message and its cause.</summary>
    public FineTuneException(string message, Exception inner)
        : base(message, inner)
    {
    }

    /// <summary>Without a message.</summary>
    public FineTuneException()
    {
    }
}
