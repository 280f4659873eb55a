using TalentFlow.Runtime.Membership;

namespace TalentFlow.Grains;

/// <summary>
/// What a silo advertises for training, as membership roles (every silo sees every member's roles): <c>cores:N</c>
/// (<see cref="Environment.ProcessorCount"/>), <c>accelerator:NAME</c> (<c>none</c> unless ONNX Runtime's CUDA execution
/// provider library ships with the silo), and <see cref="AcceleratedTrainerRole"/> on a trainer silo with an accelerator,
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

    /// <summary>The accelerator this process can use: <c>cuda</c> when ONNX Runtime's CUDA provider library is present, else <c>none</c>.</summary>
    public static string DetectAccelerator()
    {
        try
        {
            return Directory.EnumerateFiles(AppContext.BaseDirectory, "*onnxruntime_providers_cuda*", SearchOption.AllDirectories).Any() ? "cuda" : "none";
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return "none";
        }
    }

    /// <summary>Adds the capability roles to <paramref name="roles"/> (idempotent).</summary>
    public static void Advertise(List<string> roles, int cores, string accelerator)
    {
        ArgumentNullException.ThrowIfNull(roles);
        bool declared = roles.Contains(AcceleratedTrainerRole);
        if (declared && accelerator == "none") accelerator = "declared";
        roles.RemoveAll(r => r.StartsWith(CoresPrefix, StringComparison.Ordinal) || r.StartsWith(AcceleratorPrefix, StringComparison.Ordinal));
        roles.Add(CoresPrefix + cores.ToString(System.Globalization.CultureInfo.InvariantCulture));
        roles.Add(AcceleratorPrefix + accelerator);
        if (!declared && accelerator != "none" && roles.Contains(TrainerRole)) roles.Add(AcceleratedTrainerRole);
    }

    /// <summary>Whether an Active member is a trainer with an accelerator.</summary>
    public static bool AnyAcceleratedTrainer(IEnumerable<MembershipEntry> members) =>
        members.Any(m => m.Status == SiloStatus.Active && m.Roles.Contains(AcceleratedTrainerRole));
}
