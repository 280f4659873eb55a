namespace TalentFlow.ML.Onnx;

/// <summary>Which ONNX Runtime execution provider runs the model (configuration: <c>Onnx:ExecutionProvider</c>).</summary>
public enum OnnxExecutionProvider
{
    /// <summary>CUDA when this build has the CUDA provider and it starts (a GPU and its driver are present), else CPU.</summary>
    Auto,

    /// <summary>The CPU provider, always available.</summary>
    Cpu,

    /// <summary>
    /// CUDA (the build must use <c>Microsoft.ML.OnnxRuntime.Gpu</c>: <c>-p:OnnxRuntimeGpu=true</c>). When it cannot start,
    /// the session still opens on CPU and one warning says why, so a silo without a GPU keeps serving.
    /// </summary>
    Cuda,
}
