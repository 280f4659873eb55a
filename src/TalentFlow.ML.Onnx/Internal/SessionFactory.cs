using Microsoft.Extensions.Logging;
using Microsoft.ML.OnnxRuntime;

namespace TalentFlow.ML.Onnx.Internal;

/// <summary>
/// Opens an inference session on the requested execution provider. CUDA can fail at two points — appending the provider
/// (a CPU-only build, a missing CUDA library) and creating the session (no device, a driver mismatch) — and either way the
/// model opens again on CPU with one warning, so a silo without a usable GPU keeps serving.
/// </summary>
internal static class SessionFactory
{
    public const string Cpu = "cpu", Cuda = "cuda";

    /// <param name="modelPath">The model file (named in errors; read unless <paramref name="modelBytes"/> is given).</param>
    /// <param name="modelBytes">The model itself, e.g. a base graph with fine-tuned tensors applied in memory; null: read the file.</param>
    /// <param name="options">Threads, spinning and provider.</param>
    /// <param name="logger">Receives the CUDA fallback warning.</param>
    public static (InferenceSession Session, SessionOptions Options, string Provider) Open(
        string modelPath, byte[]? modelBytes, OnnxSentenceEncoderOptions options, ILogger logger)
    {
        // Int8 is a rewrite of the graph in memory: the file on disk (and its checked SHA-256) stays the exported one.
        // A fine-tuned model arrives as bytes (modelBytes); int8 rewrites whichever graph is served.
        var model = options.Quantization == OnnxQuantization.Int8 ? QuantizeInt8(modelPath, modelBytes, logger) : modelBytes;
        if (options.ExecutionProvider != OnnxExecutionProvider.Cpu)
        {
            var reason = TryOpenCuda(modelPath, model, options, out var opened);
            if (opened is { } cuda)
            {
                return (cuda.Session, cuda.Options, Cuda);
            }

            // Auto on a CPU-only build is the ordinary case, not news; an asked-for or attempted CUDA that failed is.
            if (options.ExecutionProvider == OnnxExecutionProvider.Cuda || reason is not null)
            {
                OnnxLog.CudaFellBackToCpu(logger, Path.GetFileName(modelPath), reason ?? "this ONNX Runtime build has no CUDA provider; build with -p:OnnxRuntimeGpu=true");
            }
        }

        var so = CreateOptions(options);
        try
        {
            return (OpenSession(modelPath, model, so), so, Cpu);
        }
        catch
        {
            so.Dispose();
            throw;
        }
    }

    /// <summary>Whether this ONNX Runtime build lists the CUDA provider (the GPU package); says nothing of a device.</summary>
    public static bool BuildHasCuda() => OrtEnv.Instance().GetAvailableProviders().Contains("CUDAExecutionProvider");

    /// <summary>
    /// The provider a session asking for <paramref name="requested"/> would run on, found by appending CUDA to empty
    /// session options (no model needed). A device failure that only shows when a session is created is not caught here.
    /// </summary>
    public static string Resolve(OnnxExecutionProvider requested)
    {
        if (requested == OnnxExecutionProvider.Cpu || !BuildHasCuda())
        {
            return Cpu;
        }

        using var so = new SessionOptions();
        var env = OrtEnv.Instance();
        var level = env.EnvLogLevel;
        env.EnvLogLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_FATAL;
        try
        {
            so.AppendExecutionProvider_CUDA(0);
            return Cuda;
        }
        catch (Exception ex) when (ex is OnnxRuntimeException or EntryPointNotFoundException or DllNotFoundException)
        {
            return Cpu;
        }
        finally
        {
            env.EnvLogLevel = level;
        }
    }

    // Null reason and null session: the build has no CUDA provider and auto did not try.
    private static string? TryOpenCuda(string modelPath, byte[]? model, OnnxSentenceEncoderOptions options, out (InferenceSession Session, SessionOptions Options)? opened)
    {
        opened = null;
        if (options.ExecutionProvider == OnnxExecutionProvider.Auto && !BuildHasCuda())
        {
            return null;
        }

        var so = CreateOptions(options);
        // ONNX Runtime prints its own multi-line error when the CUDA library does not load; the one warning is ours.
        var env = OrtEnv.Instance();
        var level = env.EnvLogLevel;
        env.EnvLogLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_FATAL;
        try
        {
            so.AppendExecutionProvider_CUDA(0);
            opened = (model is null ? new InferenceSession(modelPath, so) : new InferenceSession(model, so), so);
            return null;
        }
        catch (Exception ex) when (ex is OnnxRuntimeException or EntryPointNotFoundException or DllNotFoundException)
        {
            so.Dispose();
            var reason = FirstLine(ex.Message);
            return BuildHasCuda() && reason.Contains("Failed to load shared library", StringComparison.Ordinal)
                ? reason + " (libonnxruntime_providers_cuda.so needs the CUDA 13 and cuDNN 9 libraries on the library path)"
                : reason;
        }
        finally
        {
            env.EnvLogLevel = level;
        }
    }

    private static SessionOptions CreateOptions(OnnxSentenceEncoderOptions options)
    {
        var so = new SessionOptions
        {
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            InterOpNumThreads = 1,
            LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR,
        };
        if (options.IntraOpThreads > 0)
        {
            so.IntraOpNumThreads = options.IntraOpThreads;
        }

        if (!options.AllowSpinning)
        {
            // Idle intra-op threads otherwise spin for a while between operators: faster on an idle machine, but on a busy
            // silo the spinning threads take cores from grains and from each other.
            so.AddSessionConfigEntry("session.intra_op.allow_spinning", "0");
        }

        return so;
    }

    private static byte[] QuantizeInt8(string modelPath, byte[]? modelBytes, ILogger logger)
    {
        try
        {
            var graph = modelBytes is null ? Graph.OnnxModelGraph.Load(modelPath) : Graph.OnnxModelGraph.Parse(modelBytes);
            // The FFN down-projections ([1536, 384] in MiniLM) read GELU outputs whose outliers cost the most precision
            // under per-tensor activation scales; keeping the first half of them in float32 lifted MiniLM's worst cosine to
            // float32 from 0.9875 to 0.996 on 40 real resumes for a few per cent of the speed (bench/README.md, encode).
            var down = graph.QuantizableMatMuls().Where(n => graph.Dims(n.Inputs[1])[0] > graph.Dims(n.Inputs[1])[1]).ToArray();
            var keepFloat = down.Take(down.Length / 2).ToHashSet();
            var (model, quantized) = graph.WriteInt8(include: n => !keepFloat.Contains(n));
            if (quantized == 0)
            {
                throw new OnnxModelException(OnnxModelErrorKind.InvalidModel, modelPath,
                    $"{modelPath} has no MatMul with a constant float32 weight to quantise to int8; serve it with Quantization none.");
            }

            OnnxLog.Quantized(logger, Path.GetFileName(modelPath), quantized);
            return model;
        }
        catch (InvalidDataException ex)
        {
            throw new OnnxModelException(OnnxModelErrorKind.InvalidModel, modelPath, $"Cannot quantise {modelPath} to int8: {ex.Message}", ex);
        }
    }

    private static InferenceSession OpenSession(string modelPath, byte[]? model, SessionOptions sessionOptions)
    {
        try
        {
            return model is null ? new InferenceSession(modelPath, sessionOptions) : new InferenceSession(model, sessionOptions);
        }
        catch (OnnxRuntimeException ex)
        {
            throw new OnnxModelException(OnnxModelErrorKind.InvalidModel, modelPath,
                $"ONNX Runtime cannot load {modelPath}: {FirstLine(ex.Message)}", ex);
        }
    }

    private static string FirstLine(string message)
    {
        var end = message.IndexOfAny(['\r', '\n']);
        return (end < 0 ? message : message[..end]).Trim();
    }
}
