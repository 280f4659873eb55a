using System.Reflection;
using Microsoft.ML.OnnxRuntime;

namespace TalentFlow.ML.Onnx;

/// <summary>Reports the ONNX Runtime this process loaded (for <c>talentflow info</c> and health pages).</summary>
public static class OnnxRuntimeInfo
{
    /// <summary>
    /// The native library's version and execution providers, and the npm package they were restored from. Loads the
    /// native library on first use.
    /// </summary>
    /// <exception cref="DllNotFoundException">libonnxruntime.so is not beside the application.</exception>
    public static OnnxRuntimeDescription Describe()
    {
        var env = OrtEnv.Instance();
        var package = typeof(OrtEnv).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "OnnxRuntimeNpmPackage")?.Value ?? "unknown";
        return new OnnxRuntimeDescription(env.GetVersionString(), env.GetAvailableProviders(), package);
    }
}
