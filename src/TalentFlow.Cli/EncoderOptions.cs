using System.CommandLine;
using System.ComponentModel.DataAnnotations;
using TalentFlow.ML.Onnx;

namespace TalentFlow.Cli;

/// <summary>The options every command running the served sentence encoder shares.</summary>
internal static class EncoderOptions
{
    public static Option<string> ExecutionProvider() => new("--execution-provider")
    {
        Description = "auto (CUDA when this build and machine have it, else CPU), cpu or cuda (falls back to CPU with a warning).",
        DefaultValueFactory = _ => "auto",
    };

    /// <summary>Loads the served encoder; a missing or damaged model is one error line, not a stack trace.</summary>
    public static OnnxSentenceEncoder LoadMiniLm(MiniLmOptions options, Hosting.CliContext context)
    {
        try
        {
            return MiniLmModel.Load(options, context.Logger);
        }
        catch (OnnxModelException ex)
        {
            throw new CliException($"{ex.Kind}: {ex.Message}");
        }
    }

    public static OnnxExecutionProvider Parse(string? value)
    {
        try
        {
            return OnnxRuntimeOptions.ParseExecutionProvider(value);
        }
        catch (ValidationException ex)
        {
            throw new CliException(ex.Message.Replace("Onnx:ExecutionProvider", "--execution-provider", StringComparison.Ordinal));
        }
    }
}
