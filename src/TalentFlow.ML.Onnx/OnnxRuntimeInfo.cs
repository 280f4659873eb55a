using System.Reflection;
using Microsoft.ML.OnnxRuntime;
using TalentFlow.ML.Onnx.Internal;

namespace TalentFlow.ML.Onnx;

/// <summary>Reports the ONNX Runtime this process loaded (for <c>talentflow info</c> and health pages).</summary>
public static class OnnxRuntimeInfo
{
    /// <summary>
    /// The native library's version and execution providers, and the NuGet package they came from. Loads the native
    /// library on first use.
    /// </summary>
    /// <exception cref="DllNotFoundException">libonnxruntime.so is not beside the application.</exception>
    public static OnnxRuntimeDescription Describe()
    {
        var env = OrtEnv.Instance();
        var package = typeof(OnnxRuntimeInfo).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "OnnxRuntimePackage")?.Value ?? "unknown";
        return new OnnxRuntimeDescription(env.GetVersionString(), env.GetAvailableProviders(), package);
    }

    /// <summary>
    /// The provider (<c>cpu</c> or <c>cuda</c>) a session asking for <paramref name="requested"/> gets in this process,
    /// without loading a model. CUDA counts as chosen when its provider library starts; a device that then fails at session
    /// creation still falls back to CPU (the encoder's <see cref="OnnxSentenceEncoder.ExecutionProvider"/> is exact).
    /// </summary>
    public static string ResolveExecutionProvider(OnnxExecutionProvider requested) => SessionFactory.Resolve(requested);
}
