using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.ML.OnnxRuntime;
using TalentFlow.ML.Encoders;
using TalentFlow.ML.Onnx.Internal;
using TalentFlow.ML.Onnx.Tokenization;

namespace TalentFlow.ML.Onnx;

/// <summary>
/// A sentence-transformers model exported to ONNX, run on ONNX Runtime (CPU, or CUDA when asked for and present): BERT WordPiece tokenisation in
/// C#, mean pooling over the attention mask, L2 normalisation — the pipeline of <c>SentenceTransformer.encode</c> with
/// <c>normalize_embeddings=True</c>. Texts are batched by length and each batch is padded to its longest text.
/// Thread-safe; dispose it to free the native session (not while a call is running).
/// </summary>
public sealed partial class OnnxSentenceEncoder : IEncoder, IDisposable
{
    private readonly SessionOptions _sessionOptions;
    private readonly InferenceSession _session;
    private readonly string[] _inputNames;
    private readonly string[] _outputNames;
    private readonly bool _outputIsPooled;
    private readonly int _batchSize;
    private int _disposed;

    /// <summary>Loads the model folder that <paramref name="options"/> names.</summary>
    /// <exception cref="System.ComponentModel.DataAnnotations.ValidationException">The options are invalid.</exception>
    /// <exception cref="OnnxModelException">A file is missing, or the model or tokenizer cannot be used.</exception>
    /// <param name="options">The model folder and how to run it.</param>
    /// <param name="logger">Receives the load line and a CUDA fallback warning; none when <see langword="null"/>.</param>
    public OnnxSentenceEncoder(OnnxSentenceEncoderOptions options, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        logger ??= NullLogger.Instance;
        var folder = ModelFolder.Open(options);
        Tokenizer = folder.Tokenizer;
        MaxSequenceLength = folder.MaxSequenceLength;
        ModelPath = folder.ModelPath;
        Name = options.Name ?? folder.Name;
        _batchSize = options.BatchSize;

        (_session, _sessionOptions, ExecutionProvider) = SessionFactory.Open(folder.ModelPath, options, logger);
        try
        {
            (_inputNames, _outputNames, _outputIsPooled, var dimension) = Inspect(_session, folder.ModelPath);
            Dimension = Probe(folder.TokenizerPath, dimension);
            VersionId = options.VersionId ?? folder.ComputeVersionId();
        }
        catch
        {
            _session.Dispose();
            _sessionOptions.Dispose();
            throw;
        }

        OnnxLog.Loaded(logger, Name, OnnxRuntimeInfo.Describe().Version, ExecutionProvider, VersionId);
    }

    /// <summary>The model's name: <see cref="OnnxSentenceEncoderOptions.Name"/>, else the model folder's name.</summary>
    public string Name { get; }

    /// <summary>
    /// SHA-256 of the model file when a loader checked it against a pinned value (<see cref="MiniLmModel.Load"/>); else
    /// <see langword="null"/>.
    /// </summary>
    public string? ModelSha256 { get; internal init; }

    /// <summary>The execution provider the session runs on: <c>cpu</c> or <c>cuda</c>.</summary>
    public string ExecutionProvider { get; }

    /// <inheritdoc />
    public int Dimension { get; }

    /// <inheritdoc />
    public string VersionId { get; }

    /// <summary>Longest token sequence fed to the model, <c>[CLS]</c> and <c>[SEP]</c> included.</summary>
    public int MaxSequenceLength { get; }

    /// <summary>The tokenizer read from the model folder.</summary>
    public WordPieceTokenizer Tokenizer { get; }

    /// <summary>Full path of the loaded <c>.onnx</c> file.</summary>
    public string ModelPath { get; }

    /// <summary>Embeds <paramref name="texts"/> on the calling thread. See <see cref="EmbedAsync"/>.</summary>
    public float[][] Embed(IReadOnlyList<string> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        return texts.Count == 0 ? [] : EmbedCore(texts, CancellationToken.None);
    }

    /// <summary>
    /// Embeds <paramref name="texts"/> on the thread pool (inference is CPU-bound and must not run inline in a grain turn).
    /// Cancellation is checked between batches and also stops a batch ONNX Runtime is running.
    /// </summary>
    /// <inheritdoc />
    public Task<float[][]> EmbedAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(texts);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<float[][]>(cancellationToken);
        }

        return texts.Count == 0
            ? Task.FromResult<float[][]>([])
            : Task.Run(() => EmbedCore(texts, cancellationToken), cancellationToken);
    }

    /// <summary>Releases the native session.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _session.Dispose();
            _sessionOptions.Dispose();
        }
    }
}
