using TalentFlow.Runtime.Membership;

namespace TalentFlow.Runtime.Placement;

/// <summary>
/// An immutable view of the cluster at one table version, and rendezvous (highest-random-weight) placement over it: the owner
/// of a grain is the Active silo, among those allowed to host its type, with the highest hash of (grain, silo). When a silo
/// joins or leaves, only the grains it wins or held move.
/// </summary>
internal sealed class MembershipView
{
    private readonly SiloAddress[] _active;
    private readonly ulong[] _activeHashes;
    private readonly string[][] _activeRoles;

    public MembershipView(long version, IReadOnlyList<MembershipEntry> entries)
    {
        Version = version;
        Entries = entries;
        var active = entries.Where(e => e.Status == SiloStatus.Active).OrderBy(e => e.Silo).ToArray();
        _active = [.. active.Select(e => e.Silo)];
        _activeHashes = [.. _active.Select(s => s.StableHash())];
        _activeRoles = [.. active.Select(e => e.Roles.ToArray())];
        ActiveEntries = active;
    }

    public static MembershipView Empty { get; } = new(-1, []);

    public long Version { get; }

    public IReadOnlyList<MembershipEntry> Entries { get; }

    public IReadOnlyList<MembershipEntry> ActiveEntries { get; }

    public IReadOnlyList<SiloAddress> ActiveSilos => _active;

    public bool IsActive(SiloAddress silo) => Array.IndexOf(_active, silo) >= 0;

    public MembershipEntry? Find(SiloAddress silo)
    {
        foreach (var entry in Entries) if (entry.Silo == silo) return entry;
        return null;
    }

    /// <summary>The owner of a grain, or null when no Active silo may host it.</summary>
    public SiloAddress? PickOwner(ulong grainHash, string? role)
    {
        SiloAddress? best = null;
        ulong bestWeight = 0;
        for (int i = 0; i < _active.Length; i++)
        {
            if (role is not null && Array.IndexOf(_activeRoles[i], role) < 0) continue;
            ulong weight = StableHashing.Mix(grainHash ^ _activeHashes[i]);
            if (best is null || weight > bestWeight)
            {
                best = _active[i];
                bestWeight = weight;
            }
        }
        return best;
    }
}
