using System.Text.Json;
using System.Text.Json.Serialization;

namespace TalentFlow.Client.Http;

/// <summary>An RFC 9457 problem, as the API answers every error (<c>application/problem+json</c>).</summary>
public sealed class TalentFlowProblem
{
    /// <summary>A URI reference naming the kind of problem.</summary>
    public string? Type { get; set; }

    /// <summary>A short summary of the kind of problem.</summary>
    public string? Title { get; set; }

    /// <summary>The HTTP status the server gave.</summary>
    public int? Status { get; set; }

    /// <summary>What went wrong this time, for people.</summary>
    public string? Detail { get; set; }

    /// <summary>A URI reference naming this occurrence.</summary>
    public string? Instance { get; set; }

    /// <summary>Any other members of the problem (e.g. <c>traceId</c>), as sent.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? Extensions { get; set; }
}
