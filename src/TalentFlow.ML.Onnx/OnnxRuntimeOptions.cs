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

    /// <summary>The parsed <see cref="ExecutionProvider"/>.</summary>
    /// <exception cref="ValidationException">The value is not auto, cpu or cuda.</exception>
    public OnnxExecutionProvider ParsedExecutionProvider => ParseExecutionProvider(ExecutionProvider);

    /// <summary>Throws when <see cref="ExecutionProvider"/> is not one of <c>auto</c>, <c>cpu</c>, <c>cuda</c>.</summary>
    /// <exception cref="ValidationException">The value, and the allowed ones.</exception>
    public void Validate() => _ = ParsedExecutionProvider;

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
