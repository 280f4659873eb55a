namespace TalentFlow.ML.Onnx;

/// <summary>What ONNX Runtime build this process runs.</summary>
/// <param name="Version">ONNX Runtime's own version string, e.g. <c>1.32.0</c>.</param>
/// <param name="ExecutionProviders">Execution providers compiled into the native library, e.g. <c>CPUExecutionProvider</c>.</param>
/// <param name="Package">The NuGet package the build references: <c>Microsoft.ML.OnnxRuntime</c> or <c>Microsoft.ML.OnnxRuntime.Gpu</c>.</param>
public sealed record OnnxRuntimeDescription(string Version, IReadOnlyList<string> ExecutionProviders, string Package);
