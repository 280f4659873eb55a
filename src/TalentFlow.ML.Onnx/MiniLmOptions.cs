using System.ComponentModel.DataAnnotations;

namespace TalentFlow.ML.Onnx;

/// <summary>How to serve all-MiniLM-L6-v2 (<see cref="MiniLmModel"/>). Configuration section: <see cref="SectionName"/>.</summary>
public sealed class MiniLmOptions
{
    /// <summary>The configuration section these options bind from.</summary>
    public const string SectionName = "TalentFlow:Encoders:MiniLm";

    /// <summary>The folder with <c>model.onnx</c> and <c>vocab.txt</c>. Default <see langword="null"/>: <see cref="MiniLmModel.DefaultDirectory"/>.</summary>
    public string? ModelDirectory { get; set; }

    /// <summary>Threads ONNX Runtime uses inside one operator. Default 0: ONNX Runtime's choice (one per physical core).</summary>
    [Range(0, 1024)]
    public int IntraOpThreads { get; set; }

    /// <summary>Texts (or windows) run through the model at once, sorted by length and padded per batch. Default 32.</summary>
    [Range(1, 4096)]
    public int BatchSize { get; set; } = 32;

    /// <summary>The execution provider. Default <see cref="OnnxExecutionProvider.Auto"/>.</summary>
    public OnnxExecutionProvider ExecutionProvider { get; set; } = OnnxExecutionProvider.Auto;

    internal OnnxSentenceEncoderOptions ToEncoderOptions() => new()
    {
        ModelDirectory = ModelDirectory ?? MiniLmModel.DefaultDirectory,
        MaxSequenceLength = MiniLmModel.MaxSequenceLength,
        LowerCase = true,
        // Token ids identical to ../shared/anchors/minilm_anchor.py, the golden reference (Python's str.lower()).
        FinalSigma = true,
        IntraOpThreads = IntraOpThreads,
        BatchSize = BatchSize,
        ExecutionProvider = ExecutionProvider,
        Name = MiniLmModel.Name,
        VersionId = $"{MiniLmModel.Name}:{MiniLmModel.ModelSha256[..16]}",
    };
}
