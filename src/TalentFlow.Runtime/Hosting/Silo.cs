using TalentFlow.Runtime.Broadcast;
using TalentFlow.Runtime.Membership;
using TalentFlow.Runtime.Statistics;

namespace TalentFlow.Runtime.Hosting;

/// <summary>A running silo, as the host and tests see it (Orleans: <c>Silo</c>).</summary>
public sealed class Silo
{
    private readonly SiloRuntime _runtime;

    internal Silo(SiloRuntime runtime) => _runtime = runtime;

    internal SiloRuntime Runtime => _runtime;

    /// <summary>This incarnation's address; null before it joined.</summary>
    public SiloAddress? Address => _runtime.LocalAddress;

    /// <summary>Its status.</summary>
    public SiloStatus Status => _runtime.Status;

    /// <summary>Its name.</summary>
    public string Name => _runtime.Options.SiloName;

    /// <summary>Its roles.</summary>
    public IReadOnlyList<string> Roles => _runtime.Options.Roles;

    /// <summary>Grain references through this silo.</summary>
    public IGrainFactory GrainFactory => _runtime.GrainFactory;

    /// <summary>Broadcasts to every Active silo.</summary>
    public IClusterBroadcaster Broadcaster => _runtime.Broadcaster;

    /// <summary>The membership rows this silo currently sees.</summary>
    public IReadOnlyList<MembershipEntry> Members => _runtime.View.Entries;

    /// <summary>The table version of its view.</summary>
    public long MembershipVersion => _runtime.View.Version;

    /// <summary>Live activations.</summary>
    public int ActivationCount => _runtime.Catalog.Count;

    /// <summary>Whether an activation of <paramref name="grainId"/> lives here.</summary>
    public bool HasActivation(GrainId grainId) => _runtime.Catalog.TryGet(grainId, out _);

    /// <summary>Whether this silo, in its current view of the cluster, is where <paramref name="grainId"/> is placed.</summary>
    public bool IsOwner(GrainId grainId) => _runtime.IsLocalOwner(grainId);

    /// <summary>Per-method call statistics.</summary>
    public SiloStatisticsSnapshot Statistics() => _runtime.Statistics();

    /// <summary>Runs the idle collector now, as its timer would.</summary>
    public int CollectIdleActivations() => _runtime.Catalog.CollectIdle();

    /// <summary>Rereads membership now.</summary>
    public Task RefreshMembershipAsync(CancellationToken cancellationToken = default) => _runtime.Membership.RefreshAsync(-1, cancellationToken);

    /// <summary>Stops abruptly, as if the process died: no deactivation, no table update.</summary>
    public Task KillAsync() => _runtime.KillAsync();
}
