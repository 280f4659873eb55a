using Orleans.Placement;

namespace TalentFlow.Hosting.Placement;

/// <summary>
/// Places every activation of the grain class on a silo that publishes <c>role.{role}=true</c> in its metadata (see
/// <see cref="SiloRoles"/>). When no Active silo has the role, a call fails with <see cref="NoSiloWithRoleException"/> naming
/// the role; it succeeds again once such a silo is Active. Silos need <c>AddTalentFlowOrleans</c>, which registers the filter.
/// </summary>
/// <param name="role">The role, e.g. <see cref="SiloRoles.Trainer"/>.</param>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class RequiresRoleAttribute(string role) : PlacementFilterAttribute(new RoleRequiredPlacementFilterStrategy(role))
{
    /// <summary>The required role.</summary>
    public string Role { get; } = SiloRoles.Normalize(role);
}
