namespace TalentFlow.ML.Onnx;

/// <summary>What ONNX Runtime build this process runs.</summary>
/// <param name="Version">ONNX Runtime's own version string, e.g. <c>1.29.0</c>.</param>
/// <param name="ExecutionProviders">Execution providers compiled into the native library, e.g. <c>CPUExecutionProvider</c>.</param>
/// <param name="Package">Where the C# API and native library came from, e.g. <c>com.github.asus4.onnxruntime@0.4.9</c>.</param>
public sealed record OnnxRuntimeDescription(string Version, IReadOnlyList<string> ExecutionProviders, string Package);
