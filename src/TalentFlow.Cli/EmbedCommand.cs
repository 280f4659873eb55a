using System.CommandLine;
using System.Text;
using TalentFlow.Cli.Hosting;
using TalentFlow.ML.Onnx;

namespace TalentFlow.Cli;

/// <summary>
/// <c>embed --text T | --file F [--json] [--long-texts truncate|window] [--quantization none|int8] [--threads N] [--execution-provider P]</c>: the
/// served encoder's (all-MiniLM-L6-v2) L2-normalised vector of one text — <c>model, dimensions, tokens, truncated,
/// embedding</c>. A file must be UTF-8; an empty text, a missing or non-UTF-8 file is one error line and exit code 1.
/// </summary>
internal static class EmbedCommand
{
    public static Command Create(CliContext context)
    {
        var text = new Option<string?>("--text") { Description = "The text to embed." };
        var file = new Option<string?>("--file") { Description = "A UTF-8 text file to embed." };
        var json = new Option<bool>("--json") { Description = "Print one JSON object: model, dimensions, tokens, truncated, embedding." };
        var longTexts = new Option<string>("--long-texts")
        {
            Description = "truncate (the first 256 tokens, default) or window (256-token windows, stride 128, averaged).",
            DefaultValueFactory = _ => "truncate",
        };
        longTexts.AcceptOnlyFromAmong("truncate", "window");
        var quantization = new Option<string>("--quantization")
        {
            Description = "none (float32, default) or int8 (dense layers quantised at load; a different encoder version).",
            DefaultValueFactory = _ => "none",
        };
        quantization.AcceptOnlyFromAmong("none", "int8");
        var threads = new Option<int>("--threads") { Description = "ONNX Runtime intra-op threads (0: one per core).", DefaultValueFactory = _ => 0 };
        var provider = EncoderOptions.ExecutionProvider();
        var command = new Command("embed", "Print the served sentence encoder's embedding of a text.") { text, file, json, longTexts, quantization, threads, provider };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var input = ReadInput(parse.GetValue(text), parse.GetValue(file));
            if (string.IsNullOrWhiteSpace(input))
            {
                throw new CliException("the text is empty: give --text or --file with some text to embed.");
            }

            if (parse.GetValue(threads) < 0)
            {
                throw new CliException("--threads must be 0 or more.");
            }

            using var encoder = EncoderOptions.LoadMiniLm(new MiniLmOptions
            {
                IntraOpThreads = parse.GetValue(threads),
                ExecutionProvider = EncoderOptions.Parse(parse.GetValue(provider)),
                LongTexts = parse.GetValue(longTexts) == "window" ? LongTextMode.Window : LongTextMode.Truncate,
                Quantization = parse.GetValue(quantization) == "int8" ? OnnxQuantization.Int8 : OnnxQuantization.None,
            }, context);
            var tokenized = encoder.Tokenize(input);
            var vector = (await encoder.EmbedAsync([input], cancellationToken).ConfigureAwait(false))[0];
            JsonOutput.Write(context.Stdout,
            [
                new("model", encoder.Name), new("dimensions", encoder.Dimension), new("tokens", tokenized.Tokens),
                new("truncated", tokenized.Truncated), new("embedding", vector),
            ], parse.GetValue(json));
            return 0;
        });
        return command;
    }

    private static string ReadInput(string? text, string? file)
    {
        if ((text is null) == (file is null))
        {
            throw new CliException("give exactly one of --text and --file.");
        }

        if (text is not null)
        {
            return text;
        }

        if (!File.Exists(file))
        {
            throw new CliException($"file not found: {file}");
        }

        var bytes = File.ReadAllBytes(file!);
        try
        {
            // Strict: a Latin-1 or binary file is refused rather than embedded as replacement characters.
            return new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(bytes).TrimStart('\uFEFF');
        }
        catch (DecoderFallbackException ex)
        {
            throw new CliException($"{file} is not valid UTF-8 (byte {ex.Index} of {bytes.Length}); convert it first, e.g. iconv -f latin1 -t utf-8.");
        }
    }
}
