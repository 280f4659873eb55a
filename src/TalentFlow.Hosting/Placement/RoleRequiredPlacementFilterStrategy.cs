using Orleans.Metadata;
using Orleans.Placement;
using Orleans.Runtime;

namespace TalentFlow.Hosting.Placement;

/// <summary>
/// The placement filter behind <see cref="RequiresRoleAttribute"/>. The attribute's instance writes the role into the grain
/// type's properties (so every silo and the cluster manifest know it); Orleans creates a fresh instance per grain type through
/// the parameterless constructor and reads the role back in <see cref="AdditionalInitialize"/>.
/// </summary>
public sealed class RoleRequiredPlacementFilterStrategy : PlacementFilterStrategy
{
    private const string RoleProperty = "role";

    /// <summary>Used by Orleans when it resolves the filter for a grain type; the role comes from the grain's properties.</summary>
    public RoleRequiredPlacementFilterStrategy() : base(order: 0)
    {
    }

    internal RoleRequiredPlacementFilterStrategy(string role) : base(order: 0) => Role = SiloRoles.Normalize(role);

    /// <summary>The required role (lower case).</summary>
    public string Role { get; private set; } = "";

    /// <inheritdoc />
    public override void AdditionalInitialize(GrainProperties properties)
    {
        string? role = GetPlacementFilterGrainProperty(RoleProperty, properties);
        if (string.IsNullOrWhiteSpace(role))
        {
            throw new ArgumentException($"The grain type's properties carry no '{RoleProperty}' for {nameof(RequiresRoleAttribute)}.", nameof(properties));
        }
        Role = role;
    }

    /// <inheritdoc />
    protected override IEnumerable<KeyValuePair<string, string>> GetAdditionalGrainProperties(
        IServiceProvider services, Type grainClass, GrainType grainType, IReadOnlyDictionary<string, string> existingProperties)
    {
        yield return new KeyValuePair<string, string>(RoleProperty, Role);
    }
}
