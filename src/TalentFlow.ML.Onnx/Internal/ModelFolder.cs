using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using TalentFlow.ML.Onnx.Tokenization;

namespace TalentFlow.ML.Onnx.Internal;

/// <summary>
/// Resolves the files of a sentence-transformers export and reads the settings beside the model, failing with an
/// <see cref="OnnxModelException"/> that names the file at fault.
/// </summary>
internal sealed class ModelFolder
{
    private const int DefaultMaxSequenceLength = 512;

    private ModelFolder(string modelPath, string tokenizerPath, WordPieceTokenizer tokenizer, int maxSequenceLength)
    {
        ModelPath = modelPath;
        TokenizerPath = tokenizerPath;
        Tokenizer = tokenizer;
        MaxSequenceLength = maxSequenceLength;
    }

    public string ModelPath { get; }

    public string TokenizerPath { get; }

    public WordPieceTokenizer Tokenizer { get; }

    public int MaxSequenceLength { get; }

    /// <summary>The export folder's name (the parent of <c>onnx/</c> when the model lives there).</summary>
    public string Name
    {
        get
        {
            var dir = Path.GetDirectoryName(ModelPath)!;
            return Path.GetFileName(Path.GetFileName(dir) == "onnx" ? Path.GetDirectoryName(dir)! : dir);
        }
    }

    public static ModelFolder Open(OnnxSentenceEncoderOptions options)
    {
        var dir = Path.GetFullPath(options.ModelDirectory);
        if (!Directory.Exists(dir))
        {
            throw new OnnxModelException(OnnxModelErrorKind.DirectoryNotFound, dir, $"Model folder not found: {dir}");
        }

        var model = ResolveModel(dir, options.ModelFileName);
        var tokenizerJson = Path.Combine(dir, "tokenizer.json");
        var vocabTxt = Path.Combine(dir, "vocab.txt");
        WordPieceTokenizer tokenizer;
        string tokenizerPath;
        // tokenizer.json first: it is what the fast tokenizer sentence-transformers runs reads, normaliser settings included.
        if (File.Exists(tokenizerJson))
        {
            tokenizerPath = tokenizerJson;
            tokenizer = WordPieceTokenizer.FromTokenizerJson(tokenizerJson);
            if (options.LowerCase is { } lower)
            {
                tokenizer = new WordPieceTokenizer(tokenizer.Vocabulary, tokenizer.Options with { LowerCase = lower });
            }

            if (options.FinalSigma)
            {
                tokenizer = new WordPieceTokenizer(tokenizer.Vocabulary, tokenizer.Options with { FinalSigma = true });
            }
        }
        else if (File.Exists(vocabTxt))
        {
            tokenizerPath = vocabTxt;
            tokenizer = WordPieceTokenizer.FromVocabFile(vocabTxt, ReadTokenizerConfig(dir, options.LowerCase) with { FinalSigma = options.FinalSigma });
        }
        else
        {
            throw new OnnxModelException(OnnxModelErrorKind.FileNotFound, vocabTxt,
                $"Tokenizer not found: the model folder {dir} needs vocab.txt or tokenizer.json.");
        }

        var maxLength = options.MaxSequenceLength ?? ReadMaxSequenceLength(dir) ?? DefaultMaxSequenceLength;
        return new ModelFolder(model, tokenizerPath, tokenizer, maxLength);
    }

    /// <summary>A short, stable id of what decides the embeddings: model bytes, tokenizer bytes and settings.</summary>
    public string ComputeVersionId()
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var file in new[] { ModelPath, TokenizerPath })
        {
            using var stream = File.OpenRead(file);
            var buffer = new byte[1 << 16];
            int read;
            while ((read = stream.Read(buffer)) > 0)
            {
                hash.AppendData(buffer.AsSpan(0, read));
            }
        }

        var o = Tokenizer.Options;
        hash.AppendData(Encoding.UTF8.GetBytes($"{MaxSequenceLength}|{o.LowerCase}|{o.ShouldStripAccents}|{o.HandleChineseChars}|{o.CleanText}|{o.MaxInputCharsPerWord}{(o.FinalSigma ? "|final-sigma" : "")}"));
        return $"onnx:{Name}:{Convert.ToHexStringLower(hash.GetHashAndReset())[..16]}";
    }

    private static string ResolveModel(string dir, string? fileName)
    {
        var candidates = fileName is null
            ? new[] { Path.Combine(dir, "model.onnx"), Path.Combine(dir, "onnx", "model.onnx") }
            : [Path.Combine(dir, fileName)];
        foreach (var candidate in candidates)
        {
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new OnnxModelException(OnnxModelErrorKind.FileNotFound, candidates[0],
            $"Model file not found: {candidates[0]}" + (candidates.Length > 1 ? $" (nor {candidates[1]})" : ""));
    }

    private static WordPieceTokenizerOptions ReadTokenizerConfig(string dir, bool? lowerCase)
    {
        var options = new WordPieceTokenizerOptions();
        var path = Path.Combine(dir, "tokenizer_config.json");
        if (File.Exists(path))
        {
            var root = ReadJson(path);
            options = options with
            {
                LowerCase = WordPieceTokenizer.Bool(root, "do_lower_case") ?? options.LowerCase,
                StripAccents = WordPieceTokenizer.Bool(root, "strip_accents"),
                HandleChineseChars = WordPieceTokenizer.Bool(root, "tokenize_chinese_chars") ?? options.HandleChineseChars,
            };
        }

        return lowerCase is { } lower ? options with { LowerCase = lower } : options;
    }

    private static int? ReadMaxSequenceLength(string dir)
    {
        var path = Path.Combine(dir, "sentence_bert_config.json");
        if (!File.Exists(path))
        {
            return null;
        }

        var root = ReadJson(path);
        if (root.TryGetProperty("max_seq_length", out var max) && max.ValueKind == JsonValueKind.Number)
        {
            return max.TryGetInt32(out var n) && n >= 2
                ? n
                : throw new OnnxModelException(OnnxModelErrorKind.InvalidTokenizer, path,
                    $"max_seq_length in {path} must be an integer of at least 2.");
        }

        return null;
    }

    private static JsonElement ReadJson(string path)
    {
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
            return doc.RootElement.ValueKind == JsonValueKind.Object
                ? doc.RootElement.Clone()
                : throw new OnnxModelException(OnnxModelErrorKind.InvalidTokenizer, path, $"{path} is not a JSON object.");
        }
        catch (JsonException ex)
        {
            throw new OnnxModelException(OnnxModelErrorKind.InvalidTokenizer, path, $"{path} is not valid JSON: {ex.Message}", ex);
        }
    }
}
