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
            return global::TalentFlow.ML.Onnx.MiniLmModel.Load(options, context.Logger);
        }
        catch (OnnxModelException ex)
        {
            throw new CliException($"{ex.Kind}: {ex.Message}");
        }
    }

    /// <summary>The encoders every <c>eval</c> command can measure with (<c>--encoder</c>).</summary>
    public static readonly string[] EvalEncoders = ["tfidf", "lsa", "minilm"];

    /// <summary><c>--encoder tfidf|lsa|minilm</c>, the same option on every eval command; the default is the held-out winner.</summary>
    public static Option<string> Encoder(string defaultValue, string what)
    {
        var option = new Option<string>("--encoder")
        {
            Description = $"Text representation for {what}: tfidf, lsa (fitted on the training side only) or minilm (all-MiniLM-L6-v2, zero-shot, or the model in --minilm-model). Default {defaultValue}: the held-out winner (src/TalentFlow.ML/README.md, Evaluations).",
            DefaultValueFactory = _ => defaultValue,
        };
        option.AcceptOnlyFromAmong(EvalEncoders);
        return option;
    }

    /// <summary><c>--minilm-model DIR</c>: a MiniLM folder (model.onnx + vocab.txt), e.g. one <c>train semantic</c> wrote.</summary>
    public static Option<string?> MiniLmModel() => new("--minilm-model")
    {
        Description = "Folder of a MiniLM model (model.onnx + vocab.txt), e.g. a fine-tuned one from train semantic; default: the built-in all-MiniLM-L6-v2.",
    };

    /// <summary><c>--max-windows N</c>: 256-token windows (stride 128) per text for MiniLM in evaluations.</summary>
    public static Option<int> MaxWindows() => new("--max-windows")
    {
        Description = "MiniLM: 256-token windows (stride 128) embedded per text and averaged; the rest of a longer text is cut.",
        DefaultValueFactory = _ => 4,
    };

    /// <summary><c>--embedding-cache DIR</c>: where MiniLM embeddings of evaluated texts are kept between runs.</summary>
    public static Option<string?> EmbeddingCache() => new("--embedding-cache")
    {
        Description = "Folder for MiniLM embeddings kept between runs (keyed by model hash, window settings and text hash); default: the temp folder. 'none' turns it off.",
    };

    /// <summary>
    /// Opens MiniLM for an evaluation: the built-in model (hash-checked) or <paramref name="directory"/>, long texts in
    /// windows of 256 tokens, at most <paramref name="maxWindows"/>, behind the on-disk cache unless it is <c>none</c>.
    /// </summary>
    public static TalentFlow.ML.Encoders.IEncoder OpenMiniLm(Hosting.CliContext context, string? directory, int maxWindows, string? cache)
    {
        if (maxWindows < 1) throw new CliException("--max-windows must be at least 1");
        OnnxSentenceEncoder encoder;
        try
        {
            encoder = directory is null
                ? global::TalentFlow.ML.Onnx.MiniLmModel.Load(new MiniLmOptions { LongTexts = LongTextMode.Window, MaxWindows = maxWindows }, context.Logger)
                : new OnnxSentenceEncoder(new OnnxSentenceEncoderOptions
                {
                    ModelDirectory = directory,
                    MaxSequenceLength = global::TalentFlow.ML.Onnx.MiniLmModel.MaxSequenceLength,
                    LowerCase = true,
                    FinalSigma = true,
                    LongTexts = LongTextMode.Window,
                    MaxWindows = maxWindows,
                }, context.Logger);
        }
        catch (OnnxModelException ex)
        {
            throw new CliException($"{ex.Kind}: {ex.Message}");
        }
        catch (ValidationException ex)
        {
            throw new CliException(ex.Message);
        }

        return string.Equals(cache, "none", StringComparison.OrdinalIgnoreCase)
            ? encoder
            : new EvalEmbeddingCache(encoder, cache ?? EvalEmbeddingCache.DefaultDirectory);
    }

    /// <summary>Embeds on the calling thread (the eval commands are synchronous).</summary>
    public static float[][] Embed(TalentFlow.ML.Encoders.IEncoder encoder, IReadOnlyList<string> texts, CancellationToken cancellationToken) =>
        encoder.EmbedAsync(texts, cancellationToken).GetAwaiter().GetResult();

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
