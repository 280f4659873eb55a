using System.Globalization;
using Orleans;
using TalentFlow.Hosting.Cluster;
using TalentFlow.Hosting.Placement;

namespace TalentFlow.Grains.Training;

/// <summary>
/// Starts a job's trainer grain: on a trainer silo with an accelerator when one is Active (<see cref="SiloCapabilities"/>), else
/// on any trainer silo. Placement by role either way, so never on a silo without the role. Each attempt of a job has its own
/// trainer grain: the job id, then <c>id~2</c>, <c>id~3</c> for dispatches after a loss.
/// </summary>
internal sealed class TrainerDispatch(IGrainFactory grains, IClusterView cluster)
{
    /// <summary>Starts attempt <paramref name="attempt"/> of <paramref name="jobId"/>; answers the address of the silo it runs on.</summary>
    /// <exception cref="SiloUnavailableException">The chosen trainer silo could not be reached (<see cref="IsUnavailable"/>).</exception>
    /// <exception cref="NoSiloWithRoleException">No trainer silo is active (<see cref="IsUnavailable"/>).</exception>
    public Task<string?> StartAsync(string jobId, int attempt, string model, CancellationToken cancellationToken)
    {
        string key = Key(jobId, attempt);
        return SiloCapabilities.AnyAcceleratedTrainer(cluster.Members())
            ? grains.GetGrain<IAcceleratedTrainerGrain>(key).StartAsync(model, cancellationToken)
            : grains.GetGrain<ITrainerGrain>(key).StartAsync(model, cancellationToken);
    }

    /// <summary>Whether <paramref name="ex"/> says that no trainer silo can take a job right now.</summary>
    public static bool IsUnavailable(Exception ex) => ex is SiloUnavailableException or NoSiloWithRoleException;

    /// <summary>The trainer grain of a job's attempt.</summary>
    public static string Key(string jobId, int attempt) =>
        attempt == 1 ? jobId : jobId + "~" + attempt.ToString(CultureInfo.InvariantCulture);

    /// <summary>The job and attempt a trainer grain's key names.</summary>
    public static (string JobId, int Attempt) ParseKey(string key)
    {
        int tilde = key.LastIndexOf('~');
        return tilde < 0 ? (key, 1) : (key[..tilde], int.Parse(key.AsSpan(tilde + 1), CultureInfo.InvariantCulture));
    }
}
