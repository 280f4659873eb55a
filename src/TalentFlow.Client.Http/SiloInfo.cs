namespace TalentFlow.Client.Http;

/// <summary>A silo of the cluster as the answering silo sees it (<c>GET /api/v1/cluster/silos</c>).</summary>
/// <param name="Id">The silo's id.</param>
/// <param name="Address">Its silo-to-silo endpoint (<c>host:port</c>).</param>
/// <param name="Roles">Its roles (e.g. <c>trainer</c>).</param>
/// <param name="Status">Its membership status: <c>Joining</c>, <c>Active</c>, <c>ShuttingDown</c>, <c>Dead</c>, ...</param>
/// <param name="ModelVersions">Model name → version it serves, when known.</param>
public sealed record SiloInfo(string Id, string Address, IReadOnlyList<string> Roles, string Status, IReadOnlyDictionary<string, string> ModelVersions);
