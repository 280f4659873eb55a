using System.ComponentModel.DataAnnotations;

namespace TalentFlow.ML.Onnx;

/// <summary>
/// Where a sentence-transformers ONNX export lives and how to run it. Configuration section:
/// <see cref="SectionName"/> (e.g. <c>TalentFlow:Encoders:Onnx:ModelDirectory</c>).
/// </summary>
public sealed class OnnxSentenceEncoderOptions
{
    /// <summary>The configuration section these options bind from.</summary>
    public const string SectionName = "TalentFlow:Encoders:Onnx";

    /// <summary>
    /// Folder holding <c>model.onnx</c> (or <c>onnx/model.onnx</c>) and <c>vocab.txt</c> or <c>tokenizer.json</c>, as
    /// written by an export of a sentence-transformers model. Required.
    /// </summary>
    [Required]
    public string ModelDirectory { get; set; } = "";

    /// <summary>
    /// Model file, relative to <see cref="ModelDirectory"/>. Default <see langword="null"/>: <c>model.onnx</c>, else
    /// <c>onnx/model.onnx</c>.
    /// </summary>
    public string? ModelFileName { get; set; }

    /// <summary>
    /// Longest token sequence, <c>[CLS]</c> and <c>[SEP]</c> included; longer texts are truncated. Default
    /// <see langword="null"/>: <c>max_seq_length</c> from the folder's <c>sentence_bert_config.json</c>, else 512.
    /// </summary>
    [Range(2, 8192)]
    public int? MaxSequenceLength { get; set; }

    /// <summary>
    /// Lower-cases (and strips accents from) the text. Default <see langword="null"/>: the folder's
    /// <c>tokenizer.json</c> normaliser or <c>tokenizer_config.json</c> <c>do_lower_case</c>, else <see langword="true"/>.
    /// </summary>
    public bool? LowerCase { get; set; }

    /// <summary>
    /// Lower-cases a word-final Σ to ς as Python's <c>str.lower()</c> does (see
    /// <see cref="Tokenization.WordPieceTokenizerOptions.FinalSigma"/>). Default <see langword="false"/>.
    /// </summary>
    public bool FinalSigma { get; set; }

    /// <summary>Threads ONNX Runtime uses inside one operator. Default 0: ONNX Runtime's choice (one per physical core).</summary>
    [Range(0, 1024)]
    public int IntraOpThreads { get; set; }

    /// <summary>
    /// Lets ONNX Runtime's intra-op threads spin between operators (its default). Default <see langword="true"/>; turn it off
    /// where the encoder shares cores with other work.
    /// </summary>
    public bool AllowSpinning { get; set; } = true;

    /// <summary>Texts run through the model at once; each batch is padded to its longest text. Default 32.</summary>
    [Range(1, 4096)]
    public int BatchSize { get; set; } = 32;

    /// <summary>
    /// Padded tokens (rows × width) per model run at most; a single longer sequence still runs alone. Bounds memory and
    /// keeps batches of long texts small. Default 2048 (eight 256-token texts).
    /// </summary>
    [Range(1, 1 << 24)]
    public int MaxBatchTokens { get; set; } = 2048;

    /// <summary>
    /// Overrides <see cref="TalentFlow.ML.Encoders.IEncoder.VersionId"/>. Default <see langword="null"/>: derived from
    /// the hash of the model and tokenizer files and the tokenizer settings.
    /// </summary>
    public string? VersionId { get; set; }

    /// <summary>The execution provider; see <see cref="OnnxExecutionProvider"/>. Default <see cref="OnnxExecutionProvider.Auto"/>.</summary>
    public OnnxExecutionProvider ExecutionProvider { get; set; } = OnnxExecutionProvider.Auto;

    /// <summary>What to do with texts longer than <see cref="MaxSequenceLength"/>. Default <see cref="LongTextMode.Truncate"/>.</summary>
    public LongTextMode LongTexts { get; set; } = LongTextMode.Truncate;

    /// <summary>
    /// Word pieces between the starts of two windows (<see cref="LongTextMode.Window"/>); at most
    /// <c>MaxSequenceLength − 2</c>, so that windows overlap or touch. Default 128.
    /// </summary>
    [Range(1, 8192)]
    public int WindowStride { get; set; } = 128;

    /// <summary>
    /// Windows per text at most (<see cref="LongTextMode.Window"/>): bounds the work a very long text (a 1 MB paste) costs;
    /// the rest is cut and reported as truncated. Default 16 (with 256 tokens and stride 128: the first 2,174 word pieces).
    /// </summary>
    [Range(1, 4096)]
    public int MaxWindows { get; set; } = 16;

    /// <summary>Default of <see cref="EmbeddingCacheSize"/>: an upload's resume, headline and section plus its ~100–150 sentences, several times over.</summary>
    public const int DefaultEmbeddingCacheSize = 1024;

    /// <summary>
    /// Embeddings of the last texts embedded, kept to answer the same text again without a model run (an upload embeds
    /// its resume for the candidate and again for the screening features; the same resume's sentences again for every job
    /// it is screened for). Default <see cref="DefaultEmbeddingCacheSize"/> texts (1.5 KB each plus the text); 0 turns it off.
    /// </summary>
    [Range(0, 1 << 20)]
    public int EmbeddingCacheSize { get; set; } = DefaultEmbeddingCacheSize;

    /// <summary>
    /// Dense layers in float32 (<see cref="OnnxQuantization.None"/>, default) or int8 (<see cref="OnnxQuantization.Int8"/>,
    /// rewritten at load; the derived version id ends in <c>:int8</c>).
    /// </summary>
    public OnnxQuantization Quantization { get; set; } = OnnxQuantization.None;

    /// <summary>The model's name in logs and reports. Default <see langword="null"/>: the model folder's name.</summary>
    public string? Name { get; set; }

    /// <summary>A copy (every setting is a value).</summary>
    internal OnnxSentenceEncoderOptions Clone() => (OnnxSentenceEncoderOptions)MemberwiseClone();

    /// <summary>Throws when a value is out of range or <see cref="ModelDirectory"/> is empty.</summary>
    /// <exception cref="ValidationException">The first invalid value, named in the message.</exception>
    public void Validate()
    {
        Validator.ValidateObject(this, new ValidationContext(this), validateAllProperties: true);
        if (string.IsNullOrWhiteSpace(ModelDirectory))
        {
            throw new ValidationException($"{nameof(ModelDirectory)} is required.");
        }

        if (VersionId is { } v && string.IsNullOrWhiteSpace(v))
        {
            throw new ValidationException($"{nameof(VersionId)} must not be blank.");
        }
    }
}
