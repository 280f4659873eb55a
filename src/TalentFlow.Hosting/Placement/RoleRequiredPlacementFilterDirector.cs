using Microsoft.Extensions.Logging;
using Orleans.Placement;
using Orleans.Runtime;
using Orleans.Runtime.MembershipService.SiloMetadata;
using Orleans.Runtime.Placement;

namespace TalentFlow.Hosting.Placement;

/// <summary>
/// Keeps the candidate silos whose metadata says <c>role.{role}=true</c>. An empty result throws
/// <see cref="NoSiloWithRoleException"/> here rather than letting Orleans report "no compatible silo" without the reason.
/// </summary>
internal sealed partial class RoleRequiredPlacementFilterDirector(ISiloMetadataCache metadata, ILogger<RoleRequiredPlacementFilterDirector> logger)
    : IPlacementFilterDirector
{
    public IEnumerable<SiloAddress> Filter(PlacementFilterStrategy filterStrategy, PlacementTarget target, IEnumerable<SiloAddress> silos)
    {
        var strategy = (RoleRequiredPlacementFilterStrategy)filterStrategy;
        string key = SiloRoles.RoleKey(strategy.Role);
        var candidates = silos as IReadOnlyCollection<SiloAddress> ?? silos.ToArray();
        var matching = candidates
            .Where(silo => metadata.GetSiloMetadata(silo).Metadata.TryGetValue(key, out string? value) && IsTrue(value))
            .ToArray();
        if (matching.Length == 0)
        {
            NoSiloWithRole(logger, target.GrainIdentity, strategy.Role, candidates.Count);
            throw new NoSiloWithRoleException(strategy.Role, target.GrainIdentity.ToString(), candidates.Count);
        }
        return matching;
    }

    private static bool IsTrue(string value) => string.Equals(value, "true", StringComparison.OrdinalIgnoreCase);

    [LoggerMessage(4000, LogLevel.Warning, "No Active silo has role '{Role}' to place {GrainId} ({Candidates} candidate silos)")]
    private static partial void NoSiloWithRole(ILogger logger, GrainId grainId, string role, int candidates);
}
