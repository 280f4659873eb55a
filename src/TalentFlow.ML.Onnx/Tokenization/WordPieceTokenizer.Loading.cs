using System.Text.Json;

namespace TalentFlow.ML.Onnx.Tokenization;

public sealed partial class WordPieceTokenizer
{
    /// <summary>
    /// Loads a BERT <c>vocab.txt</c>: one token a line, the id being the line's index (a later duplicate wins, as in
    /// Hugging Face's loader).
    /// </summary>
    /// <exception cref="OnnxModelException">The file is missing, empty, or lacks a special token.</exception>
    public static WordPieceTokenizer FromVocabFile(string path, WordPieceTokenizerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        RequireFile(path);
        var vocabulary = new Dictionary<string, int>(StringComparer.Ordinal);
        var index = 0;
        foreach (var line in File.ReadLines(path))
        {
            if (line.Length > 0)
            {
                vocabulary[line] = index;
            }

            index++;
        }

        return Create(path, vocabulary, options);
    }

    /// <summary>
    /// Loads a Hugging Face <c>tokenizer.json</c> whose model is WordPiece: the vocabulary, the unknown token, the
    /// sub-word prefix and word-length limit, and the BertNormalizer's settings. <paramref name="overrides"/>, when given,
    /// replaces the normaliser settings read from the file.
    /// </summary>
    /// <exception cref="OnnxModelException">The file is missing, is not JSON, or is not a WordPiece tokenizer.</exception>
    public static WordPieceTokenizer FromTokenizerJson(string path, WordPieceTokenizerOptions? overrides = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        RequireFile(path);
        try
        {
            using var stream = File.OpenRead(path);
            using var doc = JsonDocument.Parse(stream);
            var root = doc.RootElement;
            if (!root.TryGetProperty("model", out var model) || model.ValueKind != JsonValueKind.Object ||
                !model.TryGetProperty("type", out var type) || type.GetString() != "WordPiece" ||
                !model.TryGetProperty("vocab", out var vocab) || vocab.ValueKind != JsonValueKind.Object)
            {
                throw Invalid(path, "it has no WordPiece model with a vocab (only BERT-style WordPiece tokenizers are supported)");
            }

            var vocabulary = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var entry in vocab.EnumerateObject())
            {
                vocabulary[entry.Name] = entry.Value.GetInt32();
            }

            var options = overrides ?? ReadNormalizer(root);
            options = options with
            {
                UnknownToken = String(model, "unk_token") ?? options.UnknownToken,
                ContinuingSubwordPrefix = String(model, "continuing_subword_prefix") ?? options.ContinuingSubwordPrefix,
                MaxInputCharsPerWord = model.TryGetProperty("max_input_chars_per_word", out var max) &&
                    max.ValueKind == JsonValueKind.Number ? max.GetInt32() : options.MaxInputCharsPerWord,
            };
            return Create(path, vocabulary, options);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException)
        {
            throw Invalid(path, ex.Message, ex);
        }
    }

    private static WordPieceTokenizerOptions ReadNormalizer(JsonElement root)
    {
        var options = new WordPieceTokenizerOptions();
        if (!root.TryGetProperty("normalizer", out var n) || n.ValueKind != JsonValueKind.Object ||
            String(n, "type") != "BertNormalizer")
        {
            return options;
        }

        return options with
        {
            LowerCase = Bool(n, "lowercase") ?? options.LowerCase,
            StripAccents = Bool(n, "strip_accents"),
            HandleChineseChars = Bool(n, "handle_chinese_chars") ?? options.HandleChineseChars,
            CleanText = Bool(n, "clean_text") ?? options.CleanText,
        };
    }

    private static WordPieceTokenizer Create(string path, Dictionary<string, int> vocabulary, WordPieceTokenizerOptions? options)
    {
        if (vocabulary.Count == 0)
        {
            throw Invalid(path, "the vocabulary is empty");
        }

        try
        {
            return new WordPieceTokenizer(vocabulary, options);
        }
        catch (ArgumentException ex)
        {
            throw Invalid(path, ex.Message, ex);
        }
    }

    private static void RequireFile(string path)
    {
        if (!File.Exists(path))
        {
            throw new OnnxModelException(OnnxModelErrorKind.FileNotFound, path, $"Tokenizer file not found: {path}");
        }
    }

    internal static string? String(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    internal static bool? Bool(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind is JsonValueKind.True or JsonValueKind.False ? v.GetBoolean() : null;

    private static OnnxModelException Invalid(string path, string why, Exception? inner = null) =>
        new(OnnxModelErrorKind.InvalidTokenizer, path, $"Cannot use tokenizer file {path}: {why}", inner);
}
