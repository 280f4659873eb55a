using TalentFlow.Hosting.Cluster;

namespace TalentFlow.Grains.Training;

/// <summary>
/// What a silo advertises for training, as membership roles (every silo sees every member's roles): <c>cores:N</c>
/// (<see cref="Environment.ProcessorCount"/>), <c>accelerator:NAME</c> (<c>none</c> unless ONNX Runtime's CUDA execution
/// provider library ships with the silo and ONNX Runtime accepts it), <c>execution-provider:cpu|cuda</c> (what ONNX Runtime
/// sessions run on: CUDA exactly when the accelerator is), and <see cref="AcceleratedTrainerRole"/> on a trainer silo with an accelerator,
/// which the coordinator prefers when dispatching. An operator can declare <see cref="AcceleratedTrainerRole"/> for an
/// accelerator that is not detected.
/// </summary>
public static class SiloCapabilities
{
    /// <summary>The role of a trainer silo with an accelerator; <see cref="AcceleratedTrainerGrain"/> is placed only there.</summary>
    public const string AcceleratedTrainerRole = "trainer-accelerator";

    /// <summary>The role of a silo that trains.</summary>
    public const string TrainerRole = "trainer";

    /// <summary>The prefix of the role that gives the core count.</summary>
    public const string CoresPrefix = "cores:";

    /// <summary>The prefix of the role that names the accelerator.</summary>
    public const string AcceleratorPrefix = "accelerator:";

    /// <summary>The prefix of the role that names ONNX Runtime's execution provider.</summary>
    public const string ExecutionProviderPrefix = "execution-provider:";

    /// <summary>
    /// The accelerator this process can use: <c>cuda</c> when ONNX Runtime's CUDA provider library is present (the
    /// <c>Microsoft.ML.OnnxRuntime.Gpu</c> build) and ONNX Runtime can append it (its CUDA libraries load), else <c>none</c>.
    /// </summary>
    public static string DetectAccelerator()
    {
        try
        {
            // The file check first: a CPU build never loads the native library here.
            return Directory.EnumerateFiles(AppContext.BaseDirectory, "*onnxruntime_providers_cuda*", SearchOption.AllDirectories).Any()
                && ML.Onnx.OnnxRuntimeInfo.ResolveExecutionProvider(ML.Onnx.OnnxExecutionProvider.Cuda) == "cuda" ? "cuda" : "none";
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or DllNotFoundException or TypeInitializationException)
        {
            return "none";
        }
    }

    /// <summary>Adds the capability roles to <paramref name="roles"/> (idempotent).</summary>
    public static void Advertise(IList<string> roles, int cores, string accelerator)
    {
        ArgumentNullException.ThrowIfNull(roles);
        bool declared = roles.Contains(AcceleratedTrainerRole);
        if (declared && accelerator == "none") accelerator = "declared";
        foreach (string stale in roles.Where(r => r.StartsWith(CoresPrefix, StringComparison.Ordinal) || r.StartsWith(AcceleratorPrefix, StringComparison.Ordinal)
            || r.StartsWith(ExecutionProviderPrefix, StringComparison.Ordinal)).ToArray())
        {
            roles.Remove(stale);
        }
        roles.Add(CoresPrefix + cores.ToString(System.Globalization.CultureInfo.InvariantCulture));
        roles.Add(AcceleratorPrefix + accelerator);
        roles.Add(ExecutionProviderPrefix + (accelerator == "cuda" ? "cuda" : "cpu"));
        if (!declared && accelerator != "none" && roles.Contains(TrainerRole)) roles.Add(AcceleratedTrainerRole);
    }

    /// <summary>Whether an Active member is a trainer with an accelerator.</summary>
    public static bool AnyAcceleratedTrainer(IEnumerable<ClusterSilo> members) =>
        members.Any(m => m.IsActive && m.Roles.Contains(AcceleratedTrainerRole));
}
