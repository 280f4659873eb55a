using System.Text.Json;
using System.Text.Json.Serialization;
using TalentFlow.Runtime.Membership;

namespace TalentFlow.Runtime.Postgres.Internal;

/// <summary>The <c>suspicions</c> jsonb column: <c>[{"suspecter":"host:port@generation","time":"..."}]</c>.</summary>
internal static class SuspicionsJson
{
    public static string Write(IReadOnlyList<SuspicionVote> votes) =>
        JsonSerializer.Serialize([.. votes.Select(v => new SuspicionRecord(v.Suspecter.ToString(), PostgresTime.ToStored(v.Time)))],
            SuspicionsJsonContext.Default.SuspicionRecordArray);

    public static IReadOnlyList<SuspicionVote> Read(string json)
    {
        var records = JsonSerializer.Deserialize(json, SuspicionsJsonContext.Default.SuspicionRecordArray) ?? [];
        return [.. records.Select(r => new SuspicionVote(SiloAddress.Parse(r.Suspecter), r.Time.ToUniversalTime()))];
    }
}

/// <summary>One vote as stored.</summary>
internal sealed record SuspicionRecord(
    [property: JsonPropertyName("suspecter")] string Suspecter,
    [property: JsonPropertyName("time")] DateTimeOffset Time);

[JsonSerializable(typeof(SuspicionRecord[]))]
internal sealed partial class SuspicionsJsonContext : JsonSerializerContext;
