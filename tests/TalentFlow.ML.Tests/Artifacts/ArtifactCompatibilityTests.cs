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

    private static double[] StoredScores(string kind) => JsonSerializer.Deserialize<double[]>(File.ReadAllText(ArtifactProbes.ScoresPath(kind)))!;

    internal static MemoryStream Stream(string text) => new(Encoding.UTF8.GetBytes(text));
}
