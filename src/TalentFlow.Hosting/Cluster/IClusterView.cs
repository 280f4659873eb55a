namespace TalentFlow.Hosting.Cluster;

/// <summary>
/// The cluster as this silo sees it: its own address and every member Orleans' membership knows, with the roles each
/// publishes. Grains and endpoints read it instead of Orleans' membership types, so what they show stays one shape.
/// </summary>
public interface IClusterView
{
    /// <summary>This silo's address (<c>ip:port@generation</c>).</summary>
    string LocalAddress { get; }

    /// <summary>This silo's name (<c>Silo__SiloName</c>).</summary>
    string LocalName { get; }

    /// <summary>Every member in the current membership snapshot, Active or not, ordered by address.</summary>
    IReadOnlyList<ClusterSilo> Members();
}

/// <summary>One member: its address, name, status (<c>Joining</c>, <c>Active</c>, <c>ShuttingDown</c>, <c>Dead</c>, ...) and roles.</summary>
public sealed record ClusterSilo(string Address, string Name, string Status, IReadOnlyList<string> Roles)
{
    /// <summary>Whether the member serves calls.</summary>
    public bool IsActive => Status == "Active";
}
