using System.ComponentModel.DataAnnotations;

namespace TalentFlow.ML.Onnx;

/// <summary>Process-wide ONNX Runtime settings. Configuration section: <see cref="SectionName"/>.</summary>
public sealed class OnnxRuntimeOptions
{
    /// <summary>The configuration section these options bind from.</summary>
    public const string SectionName = "Onnx";

    /// <summary>
    /// <c>auto</c> (default), <c>cpu</c> or <c>cuda</c>; see <see cref="OnnxExecutionProvider"/>. A string, so that a typo
    /// fails start-up with a message naming the allowed values instead of a binder exception.
    /// </summary>
    [Required]
    public string ExecutionProvider { get; set; } = "auto";

    /// <summary>
    /// <c>none</c> (default: float32) or <c>int8</c> (dense layers quantised at load, see <see cref="OnnxQuantization"/>);
    /// the served encoder's version id says which, so embeddings of the two are never mixed.
    /// </summary>
    [Required]
    public string Quantization { get; set; } = "none";

    /// <summary>Texts whose embeddings the served encoder keeps (<see cref="OnnxSentenceEncoderOptions.EmbeddingCacheSize"/>). Default 1024; 0 off.</summary>
    [Range(0, 1 << 20)]
    public int EmbeddingCacheSize { get; set; } = OnnxSentenceEncoderOptions.DefaultEmbeddingCacheSize;

    /// <summary>The parsed <see cref="Quantization"/>.</summary>
    /// <exception cref="ValidationException">The value is not none or int8.</exception>
    public OnnxQuantization ParsedQuantization => TryParseQuantization(Quantization, out var q)
        ? q
        : throw new ValidationException($"Onnx:Quantization must be none or int8; got '{Quantization}'.");

    /// <summary>The parsed <see cref="ExecutionProvider"/>.</summary>
    /// <exception cref="ValidationException">The value is not auto, cpu or cuda.</exception>
    public OnnxExecutionProvider ParsedExecutionProvider => ParseExecutionProvider(ExecutionProvider);

    /// <summary>Throws when <see cref="ExecutionProvider"/> is not one of <c>auto</c>, <c>cpu</c>, <c>cuda</c>, <see cref="Quantization"/> not <c>none</c> or <c>int8</c>, or the cache size is negative.</summary>
    /// <exception cref="ValidationException">The value, and the allowed ones.</exception>
    public void Validate()
    {
        _ = ParsedExecutionProvider;
        _ = ParsedQuantization;
        Validator.ValidateObject(this, new ValidationContext(this), validateAllProperties: true);
    }

    /// <summary>Parses <c>none</c> or <c>int8</c> (any case, surrounding blanks ignored).</summary>
    public static bool TryParseQuantization(string? value, out OnnxQuantization quantization)
    {
        (var ok, quantization) = value?.Trim().ToUpperInvariant() switch
        {
            "NONE" => (true, OnnxQuantization.None),
            "INT8" => (true, OnnxQuantization.Int8),
            _ => (false, OnnxQuantization.None),
        };
        return ok;
    }

    /// <summary>Parses <c>auto</c>, <c>cpu</c> or <c>cuda</c> (any case).</summary>
    /// <exception cref="ValidationException">Any other value.</exception>
    public static OnnxExecutionProvider ParseExecutionProvider(string? value) => TryParseExecutionProvider(value, out var provider)
        ? provider
        : throw new ValidationException($"Onnx:ExecutionProvider must be auto, cpu or cuda; got '{value}'.");

    /// <summary>Parses <c>auto</c>, <c>cpu</c> or <c>cuda</c> (any case, surrounding blanks ignored).</summary>
    public static bool TryParseExecutionProvider(string? value, out OnnxExecutionProvider provider)
    {
        (var ok, provider) = value?.Trim().ToUpperInvariant() switch
        {
            "AUTO" => (true, OnnxExecutionProvider.Auto),
            "CPU" => (true, OnnxExecutionProvider.Cpu),
            "CUDA" => (true, OnnxExecutionProvider.Cuda),
            _ => (false, OnnxExecutionProvider.Auto),
        };
        return ok;
    }
}
