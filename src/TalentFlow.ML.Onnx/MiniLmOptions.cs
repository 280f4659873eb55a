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

    /// <summary>
    /// Padded tokens (rows × width) per model run at most; a single longer sequence still runs alone. Bounds memory and
    /// keeps batches of long texts small. Default 2048 (eight 256-token texts).
    /// </summary>
    [Range(1, 1 << 24)]
    public int MaxBatchTokens { get; set; } = 2048;

    /// <summary>The execution provider. Default <see cref="OnnxExecutionProvider.Auto"/>.</summary>
    public OnnxExecutionProvider ExecutionProvider { get; set; } = OnnxExecutionProvider.Auto;

    /// <summary>
    /// Tokens per sequence, <c>[CLS]</c> and <c>[SEP]</c> included. Default 256 (what the model was trained with); at most
    /// 512 (its position embeddings). Any other value is part of the version id.
    /// </summary>
    [Range(8, 512)]
    public int MaxSequenceLength { get; set; } = MiniLmModel.MaxSequenceLength;

    /// <summary>Texts past 256 tokens: truncated (default, as sentence-transformers) or embedded in windows.</summary>
    public LongTextMode LongTexts { get; set; } = LongTextMode.Truncate;

    /// <summary>Word pieces between window starts (at most <see cref="MaxSequenceLength"/> − 2). Default 128.</summary>
    [Range(1, 510)]
    public int WindowStride { get; set; } = 128;

    /// <summary>Windows per text at most; the rest of a longer text is cut. Default 16 (2,174 word pieces).</summary>
    [Range(1, 4096)]
    public int MaxWindows { get; set; } = 16;

    /// <summary>Texts whose embeddings are kept (<see cref="OnnxSentenceEncoderOptions.EmbeddingCacheSize"/>); 0 off.</summary>
    [Range(0, 1 << 20)]
    public int EmbeddingCacheSize { get; set; } = OnnxSentenceEncoderOptions.DefaultEmbeddingCacheSize;

    /// <summary>
    /// Dense layers in float32 (default) or int8 (<see cref="OnnxQuantization.Int8"/>: faster, embeddings within cosine
    /// 0.99 of float32's; see the README). The version id ends in <c>:int8</c>, so the two are never mixed.
    /// </summary>
    public OnnxQuantization Quantization { get; set; } = OnnxQuantization.None;

    internal OnnxSentenceEncoderOptions ToEncoderOptions() => new()
    {
        ModelDirectory = ModelDirectory ?? MiniLmModel.DefaultDirectory,
        MaxSequenceLength = MaxSequenceLength,
        LowerCase = true,
        // Token ids identical to ../shared/anchors/minilm_anchor.py, the golden reference (Python's str.lower()).
        FinalSigma = true,
        IntraOpThreads = IntraOpThreads,
        BatchSize = BatchSize,
        MaxBatchTokens = MaxBatchTokens,
        ExecutionProvider = ExecutionProvider,
        Name = MiniLmModel.Name,
        LongTexts = LongTexts,
        WindowStride = WindowStride,
        MaxWindows = MaxWindows,
        Quantization = Quantization,
        EmbeddingCacheSize = EmbeddingCacheSize,
        VersionId = $"{MiniLmModel.Name}:{MiniLmModel.ModelSha256[..16]}"
            + (MaxSequenceLength != MiniLmModel.MaxSequenceLength ? $":max{MaxSequenceLength}" : "")
            + (LongTexts == LongTextMode.Window ? $":window{WindowStride}x{MaxWindows}" : "")
            + (Quantization == OnnxQuantization.Int8 ? ":int8" : ""),
    };
}
