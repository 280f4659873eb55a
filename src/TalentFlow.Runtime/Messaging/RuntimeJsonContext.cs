using System.Text.Json.Serialization;
using TalentFlow.Runtime.Activation;
using TalentFlow.Runtime.Statistics;

namespace TalentFlow.Runtime.Messaging;

/// <summary>One silo as clients see it.</summary>
/// <param name="Silo">Address, <c>endpoint@generation</c>.</param>
/// <param name="Name">Silo name.</param>
/// <param name="Status">Status name.</param>
/// <param name="Roles">Roles.</param>
public sealed record SiloSnapshot(string Silo, string Name, string Status, IReadOnlyList<string> Roles);

/// <summary>The membership view a gateway hands to clients at <c>/rt/membership</c>.</summary>
/// <param name="Version">The table version.</param>
/// <param name="Silos">Every row.</param>
public sealed record MembershipSnapshot(long Version, IReadOnlyList<SiloSnapshot> Silos);

/// <summary>Source-generated JSON for the runtime's own messages (and its grain arguments, e.g. <see cref="TickStatus"/>).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(WireError))]
[JsonSerializable(typeof(MembershipSnapshot))]
[JsonSerializable(typeof(ClusterManifest))]
[JsonSerializable(typeof(SiloStatisticsSnapshot))]
[JsonSerializable(typeof(TickStatus))]
[JsonSerializable(typeof(string))]
internal sealed partial class RuntimeJsonContext : JsonSerializerContext;
