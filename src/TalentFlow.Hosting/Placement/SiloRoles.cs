namespace TalentFlow.Hosting.Placement;

/// <summary>
/// The silo metadata keys a silo publishes about itself (Orleans silo metadata, read by every silo through
/// <c>ISiloMetadataCache</c>): one <c>role.{name}=true</c> per role, the cores it offers and its accelerator.
/// </summary>
public static class SiloRoles
{
    /// <summary>The trainer role: silos that run training grains.</summary>
    public const string Trainer = "trainer";

    /// <summary>The prefix of a role key: <c>role.trainer</c>.</summary>
    public const string RoleKeyPrefix = "role.";

    /// <summary>The key of the number of cores a silo offers.</summary>
    public const string CoresKey = "cores";

    /// <summary>The key of a silo's accelerator (<c>cuda</c> or <c>none</c>).</summary>
    public const string AcceleratorKey = "accelerator";

    /// <summary>The metadata key that marks a silo as having <paramref name="role"/>.</summary>
    public static string RoleKey(string role) => RoleKeyPrefix + Normalize(role);

    /// <summary>Role names compare case-insensitively; metadata keys hold them in lower case.</summary>
    internal static string Normalize(string role)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(role);
        return role.Trim().ToLowerInvariant();
    }
}
