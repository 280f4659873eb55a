using System.Text.Json.Serialization;

namespace TalentFlow.ML.Artifacts;

/// <summary>
/// The screening-loop artifact (<see cref="Screening.ReviewerPrototypes"/>): the base screening model's JSON (base64) and the
/// reviewers' layer on top of it. The shape is the one the reflection serializer wrote before, so earlier artifacts load and
/// the same layer gets the same bytes, hence the same version.
/// </summary>
internal sealed class ScreeningLoopArtifact : IModelArtifact
{
    public string? Format { get; set; }
    public string? Model { get; set; }
    public double A { get; set; }
    public double B { get; set; }
    public double C { get; set; }
    public double Threshold { get; set; }

    // Artifacts written before it was fitted weigh both cosines alike.
    public double RejectedWeight { get; set; } = 1;
    public Dictionary<string, ScreeningLoopJob>? Jobs { get; set; }
}

/// <summary>One job's centroids (sparse) and its per-job terms (0 and 0 in artifacts written before them).</summary>
internal sealed class ScreeningLoopJob
{
    public int[]? ShortlistedIndices { get; set; }
    public float[]? ShortlistedValues { get; set; }
    public int[]? RejectedIndices { get; set; }
    public float[]? RejectedValues { get; set; }
    public double Intercept { get; set; }
    public double Slope { get; set; }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
[JsonSerializable(typeof(ScreeningLoopArtifact))]
internal sealed partial class ScreeningLoopJson : JsonSerializerContext;
