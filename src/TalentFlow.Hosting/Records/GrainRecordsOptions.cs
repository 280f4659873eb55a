using System.Text.Json;

namespace TalentFlow.Hosting.Records;

/// <summary>How records are serialized.</summary>
public sealed class GrainRecordsOptions
{
    /// <summary>
    /// The serializer options for every record set (default: <see cref="JsonSerializerDefaults.Web"/>). Put the application's
    /// source-generated <c>JsonSerializerContext</c> first in its <c>TypeInfoResolverChain</c>; reflection fills in the rest.
    /// </summary>
    public JsonSerializerOptions SerializerOptions { get; set; } = new(JsonSerializerDefaults.Web);
}
