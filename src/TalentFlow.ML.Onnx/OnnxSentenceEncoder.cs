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
/// Thread-safe. The native session is reference-counted (<c>OnnxSentenceEncoder.Lifetime.cs</c>): every call holds it, and
/// <see cref="Dispose"/> (the creator's reference) or the end of a <see cref="Lease"/> frees it only once no call and no other
/// holder needs it.
/// </summary>
public sealed partial class OnnxSentenceEncoder : IEncoder, IDisposable
{
    private readonly string[] _inputNames;
    private readonly string[] _outputNames;
    private readonly bool _outputIsPooled;
    private readonly int _batchSize;
    private readonly int _maxBatchTokens;
    private readonly LongTextMode _longTexts;
    private readonly int _windowStride;
    private readonly int _maxWindows;
    private readonly EmbeddingCache? _cache;

    /// <summary>Loads the model folder that <paramref name="options"/> names.</summary>
    /// <exception cref="System.ComponentModel.DataAnnotations.ValidationException">The options are invalid.</exception>
    /// <exception cref="OnnxModelException">A file is missing, or the model or tokenizer cannot be used.</exception>
    /// <param name="options">The model folder and how to run it.</param>
    /// <param name="logger">Receives the load line and a CUDA fallback warning; none when <see langword="null"/>.</param>
    public OnnxSentenceEncoder(OnnxSentenceEncoderOptions options, ILogger? logger = null)
        : this(options, modelBytes: null, logger)
    {
    }

    /// <summary>
    /// Opens <paramref name="modelBytes"/> (a graph built in memory, e.g. a base model with fine-tuned tensors applied) with the
    /// tokenizer and settings of the folder <paramref name="options"/> names; the folder's own model file is not loaded.
    /// </summary>
    /// <param name="options">The folder (tokenizer, settings) and how to run it.</param>
    /// <param name="modelBytes">The graph to open instead of the folder's model file; null: the file.</param>
    /// <param name="logger">Receives the load line.</param>
    /// <param name="rebuild">
    /// Makes <paramref name="modelBytes"/> again (checked), so that a call arriving after every holder let go reopens the session
    /// instead of failing; null: such a call throws <see cref="ObjectDisposedException"/>.
    /// </param>
    internal OnnxSentenceEncoder(OnnxSentenceEncoderOptions options, byte[]? modelBytes, ILogger? logger, Func<byte[]>? rebuild = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        logger ??= NullLogger.Instance;
        _logger = logger;
        _rebuild = rebuild;
        Options = options.Clone();
        var folder = ModelFolder.Open(options);
        Tokenizer = folder.Tokenizer;
        MaxSequenceLength = folder.MaxSequenceLength;
        ModelPath = folder.ModelPath;
        Name = options.Name ?? folder.Name;
        _batchSize = options.BatchSize;
        _maxBatchTokens = options.MaxBatchTokens;
        _longTexts = options.LongTexts;
        _windowStride = options.WindowStride;
        _maxWindows = options.MaxWindows;
        Quantization = options.Quantization;
        _cache = options.EmbeddingCacheSize > 0 ? new EmbeddingCache(options.EmbeddingCacheSize) : null;
        if (_longTexts == LongTextMode.Window && _windowStride > MaxSequenceLength - 2)
        {
            throw new System.ComponentModel.DataAnnotations.ValidationException(
                $"{nameof(options.WindowStride)} ({_windowStride}) must be at most MaxSequenceLength − 2 ({MaxSequenceLength - 2}), or windows would skip text.");
        }

        (var session, _sessionOptions, ExecutionProvider) = SessionFactory.Open(folder.ModelPath, modelBytes, options, logger);
        _session = session;
        try
        {
            (_inputNames, _outputNames, _outputIsPooled, var dimension) = Inspect(session, folder.ModelPath);
            Dimension = Probe(session, folder.TokenizerPath, dimension);
            // Windowing changes the embedding of long texts, so it is part of a derived version (an explicit one is the caller's).
            VersionId = options.VersionId ?? folder.ComputeVersionId()
                + (_longTexts == LongTextMode.Window ? $":window{_windowStride}x{_maxWindows}" : "")
                + (options.Quantization == OnnxQuantization.Int8 ? ":int8" : "");
        }
        catch
        {
            session.Dispose();
            _sessionOptions.Dispose();
            throw;
        }

        OnnxLog.Loaded(logger, Name, OnnxRuntimeInfo.Describe().Version, ExecutionProvider, VersionId);
    }

    /// <summary>The options it was opened with (a copy): a tuned sibling is opened with the same ones.</summary>
    internal OnnxSentenceEncoderOptions Options { get; }

    /// <summary>The model's name: <see cref="OnnxSentenceEncoderOptions.Name"/>, else the model folder's name.</summary>
    public string Name { get; }

    /// <summary>
    /// SHA-256 of the model file when a loader checked it against a pinned value (<see cref="MiniLmModel.Load"/>); else
    /// <see langword="null"/>.
    /// </summary>
    public string? ModelSha256 { get; internal init; }

    /// <summary>Float32 or int8 dense layers (<see cref="OnnxSentenceEncoderOptions.Quantization"/>).</summary>
    public OnnxQuantization Quantization { get; }

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

    /// <summary>How texts longer than <see cref="MaxSequenceLength"/> are handled.</summary>
    public LongTextMode LongTexts => _longTexts;

    /// <summary>
    /// The token sequences the model sees for <paramref name="text"/>: one, truncated, or (with
    /// <see cref="LongTextMode.Window"/>) one per window.
    /// </summary>
    public TokenizedText Tokenize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var span = MaxSequenceLength - 2;
        if (_longTexts == LongTextMode.Truncate)
        {
            var pieces = Tokenizer.EncodePieces(text, span, out var cut);
            return new TokenizedText([Wrap(pieces, 0, pieces.Length)], pieces.Length + 2, cut);
        }

        var all = Tokenizer.EncodePieces(text, span + ((_maxWindows - 1) * _windowStride), out var truncated);
        var windows = new List<int[]>();
        for (var start = 0; ; start += _windowStride)
        {
            windows.Add(Wrap(all, start, Math.Min(span, all.Length - start)));
            if (start + span >= all.Length)
            {
                break;
            }
        }

        return new TokenizedText(windows, all.Length + 2, truncated);
    }

    /// <summary>Embeds <paramref name="texts"/> on the calling thread. See <see cref="EmbedAsync"/>.</summary>
    public float[][] Embed(IReadOnlyList<string> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var session = EnterCall();
        try
        {
            return texts.Count == 0 ? [] : EmbedCore(session, texts, CancellationToken.None);
        }
        finally
        {
            ExitCall();
        }
    }

    /// <summary>
    /// Embeds <paramref name="texts"/> on the thread pool (inference is CPU-bound and must not run inline in a grain turn).
    /// Cancellation is checked between batches and also stops a batch ONNX Runtime is running.
    /// </summary>
    /// <inheritdoc />
    public Task<float[][]> EmbedAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(texts);
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<float[][]>(cancellationToken);
        }

        // The session is held from the call on (not from when the pool runs it), so a version switch meanwhile cannot free it.
        var session = EnterCall();
        if (texts.Count == 0)
        {
            ExitCall();
            return Task.FromResult<float[][]>([]);
        }

        return RunHeldAsync(session, texts, cancellationToken);
    }

    private async Task<float[][]> RunHeldAsync(InferenceSession session, IReadOnlyList<string> texts, CancellationToken cancellationToken)
    {
        try
        {
            return await Task.Run(() => EmbedCore(session, texts, cancellationToken), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            ExitCall();
        }
    }

    private int[] Wrap(int[] pieces, int start, int count)
    {
        var ids = new int[count + 2];
        ids[0] = Tokenizer.ClassifierId;
        pieces.AsSpan(start, count).CopyTo(ids.AsSpan(1));
        ids[^1] = Tokenizer.SeparatorId;
        return ids;
    }

}
