using Microsoft.Extensions.Logging;
using Microsoft.ML.OnnxRuntime;
using TalentFlow.ML.Onnx.FineTuning;
using TalentFlow.ML.Onnx.Internal;

namespace TalentFlow.ML.Onnx;

/// <summary>
/// The native session's lifetime. A silo switching encoder versions (a fine-tuned delta served, a rollback) keeps the old
/// encoder reachable for a while (retained versions, a screening model trained with it, a request that read it a moment
/// ago), so its session cannot simply be disposed at the switch: ONNX Runtime's memory would be freed under a running call.
/// Holders count instead — the creator (<see cref="Dispose"/>), each <see cref="Lease"/>, each running call — and the session
/// (and its ~100 MB of weights and arenas) is freed when the count reaches zero.
/// </summary>
public sealed partial class OnnxSentenceEncoder
{
    private readonly Lock _lifetime = new();
    private readonly ILogger _logger;
    private readonly Func<byte[]>? _rebuild;
    private InferenceSession? _session;
    private SessionOptions? _sessionOptions;
    private int _holders = 1;
    private int _calls;
    private int _disposed;
    private int _sessionsReleased;

    /// <summary>Raised after the native session was freed (the last holder and call let go); on the thread that let go.</summary>
    public event EventHandler? SessionReleased;

    /// <summary>Whether the native session is open now (false once every holder and call let go, until a call reopens it).</summary>
    public bool IsSessionOpen
    {
        get
        {
            lock (_lifetime)
            {
                return _session is not null;
            }
        }
    }

    /// <summary>How many times the native session was freed (a reopened session counts again when it is freed again).</summary>
    public int SessionsReleased => Volatile.Read(ref _sessionsReleased);

    /// <summary>
    /// The fine-tuned delta this encoder was rebuilt from (<see cref="EncoderDelta.Apply"/>); null for a model opened from its
    /// file. The learning loop starts the next fine-tuning run from it.
    /// </summary>
    public EncoderDelta? Delta { get; private init; }

    /// <summary>
    /// Keeps the session open until the lease is disposed, whoever else lets go (a served version retained by the silo, a
    /// screening model trained with this encoder).
    /// </summary>
    /// <exception cref="ObjectDisposedException">Every holder has already let go.</exception>
    public IDisposable Lease()
    {
        lock (_lifetime)
        {
            ObjectDisposedException.ThrowIf(_holders == 0, this);
            _holders++;
        }

        return new EncoderLease(this);
    }

    /// <summary>
    /// Lets go of the creator's hold. The session is freed now when nothing else holds it, else when the last lease or running
    /// call ends; a call made afterwards throws <see cref="ObjectDisposedException"/> — except on an encoder rebuilt from a
    /// delta, which reopens its session for the call (the same checked graph, so the same version) and frees it after.
    /// </summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            Release();
        }
    }

    /// <summary>An encoder rebuilt from <paramref name="delta"/> with <paramref name="rebuild"/> (which makes its graph again).</summary>
    internal static OnnxSentenceEncoder FromDelta(OnnxSentenceEncoderOptions options, EncoderDelta delta, Func<byte[]> rebuild, ILogger? logger) =>
        new(options, rebuild(), logger, rebuild) { ModelSha256 = delta.ModelSha256, Delta = delta };

    private InferenceSession EnterCall()
    {
        lock (_lifetime)
        {
            if (_session is null)
            {
                // Only a rebuildable encoder gets here with no session: every holder let go, yet a caller still had it.
                ObjectDisposedException.ThrowIf(_rebuild is null, this);
                var (session, options, _) = SessionFactory.Open(ModelPath, _rebuild(), Options, _logger);
                (_session, _sessionOptions) = (session, options);
                OnnxLog.Reopened(_logger, Name, VersionId);
            }
            else
            {
                ObjectDisposedException.ThrowIf(_holders == 0 && _rebuild is null, this);
            }

            _calls++;
            return _session;
        }
    }

    private void ExitCall()
    {
        bool released;
        lock (_lifetime)
        {
            _calls--;
            released = FreeIfUnused();
        }

        Released(released);
    }

    private void Release()
    {
        bool released;
        lock (_lifetime)
        {
            _holders--;
            released = FreeIfUnused();
        }

        Released(released);
    }

    // Under the lock.
    private bool FreeIfUnused()
    {
        if (_holders > 0 || _calls > 0 || _session is null)
        {
            return false;
        }

        _session.Dispose();
        _sessionOptions?.Dispose();
        (_session, _sessionOptions) = (null, null);
        _sessionsReleased++;
        return true;
    }

    private void Released(bool released)
    {
        if (released)
        {
            OnnxLog.SessionReleased(_logger, Name, VersionId);
            SessionReleased?.Invoke(this, EventArgs.Empty);
        }
    }

    private sealed class EncoderLease(OnnxSentenceEncoder encoder) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                encoder.Release();
            }
        }
    }
}
