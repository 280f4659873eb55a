using Orleans.Runtime;
using Orleans.Runtime.MembershipService.SiloMetadata;
using TalentFlow.Hosting.Placement;

namespace TalentFlow.Hosting.Cluster;

/// <summary><see cref="IClusterView"/> over Orleans' membership snapshot and the silos' published metadata.</summary>
internal sealed class ClusterView(ILocalSiloDetails local, IClusterMembershipService membership, ISiloMetadataCache metadata) : IClusterView
{
    public string LocalAddress => local.SiloAddress.ToParsableString();

    public string LocalName => local.Name;

    public IReadOnlyList<ClusterSilo> Members() =>
    [
        .. membership.CurrentSnapshot.Members.Values
            .OrderBy(m => m.SiloAddress.ToParsableString(), StringComparer.Ordinal)
            .Select(m => new ClusterSilo(m.SiloAddress.ToParsableString(), m.Name, m.Status.ToString(), RolesOf(m.SiloAddress))),
    ];

    private IReadOnlyList<string> RolesOf(SiloAddress silo) =>
    [
        .. metadata.GetSiloMetadata(silo).Metadata
            .Where(p => p.Key.StartsWith(SiloRoles.RoleKeyPrefix, StringComparison.Ordinal) && string.Equals(p.Value, "true", StringComparison.OrdinalIgnoreCase))
            .Select(p => p.Key[SiloRoles.RoleKeyPrefix.Length..])
            .Order(StringComparer.Ordinal),
    ];
}
