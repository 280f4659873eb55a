using Microsoft.Extensions.Logging;

namespace TalentFlow.ML.Onnx.Internal;

/// <summary>The log events of this library (4000–4099).</summary>
internal static partial class OnnxLog
{
    [LoggerMessage(4000, LogLevel.Warning, "ONNX Runtime's CUDA execution provider could not start ({Reason}); {Model} runs on the CPU provider")]
    public static partial void CudaFellBackToCpu(ILogger logger, string model, string reason);

    [LoggerMessage(4001, LogLevel.Information, "{Model} loaded on ONNX Runtime {Version}, {Provider} execution provider, version {EncoderVersion}")]
    public static partial void Loaded(ILogger logger, string model, string version, string provider, string encoderVersion);

    [LoggerMessage(4002, LogLevel.Information, "{Model}: {MatMuls} dense layers quantised to int8 at load (DynamicQuantizeMatMul, per-column scales)")]
    public static partial void Quantized(ILogger logger, string model, int matMuls);

    [LoggerMessage(4003, LogLevel.Information, "{Model} {EncoderVersion}: native session freed (no holder and no running call left)")]
    public static partial void SessionReleased(ILogger logger, string model, string encoderVersion);

    [LoggerMessage(4004, LogLevel.Warning, "{Model} {EncoderVersion}: a call came after every holder let go; its session is rebuilt for it and freed after")]
    public static partial void Reopened(ILogger logger, string model, string encoderVersion);
}
