using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace TalentFlow.ML.Tests.Artifacts;

/// <summary>
/// Every model kind against artifacts written by the hand-written writers the one artifact reader/writer replaced
/// (Fixtures/Artifacts, with the scores the writing code computed beside each): they load, score alike and are written back
/// as the same JSON tree, so silos running either code read each other's artifacts.
/// </summary>
public sealed class ArtifactCompatibilityTests
{
    public static TheoryData<string> Kinds => [.. ArtifactProbes.Kinds];

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Load_ArtifactOfThePreviousWriter_ScoresAsWhenWritten(string kind)
    {
        var model = ArtifactProbes.Load(kind, File.OpenRead(ArtifactProbes.FixturePath(kind)));

        Assert.Equal(StoredScores(kind), ArtifactProbes.Scores(model));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Save_ModelLoadedFromThePreviousWriter_WritesTheSameJsonTree(string kind)
    {
        var old = File.ReadAllBytes(ArtifactProbes.FixturePath(kind));
        var model = ArtifactProbes.Load(kind, new MemoryStream(old));

        var written = ArtifactProbes.Bytes(model);

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(old), JsonNode.Parse(written)), $"{kind}: the written tree differs from the previous writer's.");
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void SaveLoad_FreshModel_ScoresIdentically(string kind)
    {
        var model = ArtifactProbes.Build(kind);

        var loaded = ArtifactProbes.Load(kind, new MemoryStream(ArtifactProbes.Bytes(model)));

        Assert.Equal(ArtifactProbes.Scores(model), ArtifactProbes.Scores(loaded));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Load_AnotherFormat_ThrowsInvalidDataNamingExpectedAndFound(string kind)
    {
        var json = JsonNode.Parse(File.ReadAllBytes(ArtifactProbes.FixturePath(kind)))!;
        var expected = json["format"]!.GetValue<string>();
        json["format"] = "talentflow.other/9";

        var error = ArtifactError(() => ArtifactProbes.Load(kind, Stream(json.ToJsonString())));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Contains("talentflow.other/9", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Load_NoFormat_ThrowsInvalidDataNamingExpected(string kind)
    {
        var json = JsonNode.Parse(File.ReadAllBytes(ArtifactProbes.FixturePath(kind)))!.AsObject();
        var expected = json["format"]!.GetValue<string>();
        json.Remove("format");

        var error = ArtifactError(() => ArtifactProbes.Load(kind, Stream(json.ToJsonString())));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Contains("no format", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Load_Truncated_ThrowsInvalidData(string kind)
    {
        var bytes = File.ReadAllBytes(ArtifactProbes.FixturePath(kind));

        foreach (var length in new[] { 0, 1, 12, bytes.Length / 2, bytes.Length - 1 })
        {
            ArtifactError(() => ArtifactProbes.Load(kind, new MemoryStream(bytes, 0, length)));
        }
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Load_FieldOfTheWrongType_ThrowsInvalidData(string kind)
    {
        var json = JsonNode.Parse(File.ReadAllBytes(ArtifactProbes.FixturePath(kind)))!.AsObject();
        var field = json.First(p => p.Key != "format").Key;
        json[field] = new JsonArray(true, "x");

        ArtifactError(() => ArtifactProbes.Load(kind, Stream(json.ToJsonString())));
    }

    /// <summary>
    /// The error a bad artifact raises: an <see cref="InvalidDataException"/> itself or, for the kinds with their own typed
    /// error, that error wrapping it or standing for it — never a raw JsonException, KeyNotFoundException or NullReferenceException.
    /// </summary>
    private static Exception ArtifactError(Action load)
    {
        var error = Record.Exception(load);
        Assert.NotNull(error);
        Assert.True(error is InvalidDataException or ML.Semantic.EncoderArtifactException or ML.Recommendation.ConvFm.ConvFmArtifactException
            or ML.Recommendation.JobViews.JobRankerArtifactException or ML.Screening.ScreeningModelException, $"{error.GetType().Name}: {error.Message}");
        return error;
    }

    private static double[] StoredScores(string kind) => JsonSerializer.Deserialize<double[]>(File.ReadAllText(ArtifactProbes.ScoresPath(kind)))!;

    internal static MemoryStream Stream(string text) => new(Encoding.UTF8.GetBytes(text));
}
