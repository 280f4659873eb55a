using System.Text;
using System.Text.Json;
using TalentFlow.ML.Artifacts;

namespace TalentFlow.ML.Tests.Artifacts;

public sealed class ModelArtifactTests
{
    private const string Format = "talentflow.job-ranker";

    private static JobRankerArtifact CreateSut() =>
        new(Format, 1, 150, 0.05, 0.125, 0.3, [new("a", 0.1f, 1.0 / 3, float.Epsilon), new("ü", double.MaxValue, double.Epsilon, -0.0)], new() { ["auc"] = 0.1 + 0.2 });

    [Fact]
    public void WriteRead_Artifact_RoundTripsEveryDoubleExactly()
    {
        var sut = CreateSut();
        using var stream = new MemoryStream();
        ModelArtifact.Write(stream, sut, RecommendationArtifactJson.Default.JobRankerArtifact);

        var read = ModelArtifact.Read(stream.ToArray(), RecommendationArtifactJson.Default.JobRankerArtifact, Format);

        Assert.Equal(sut.Features, read.Features);
        Assert.Equal(sut.Metrics, read.Metrics);
        Assert.Equal(BitConverter.DoubleToInt64Bits(-0.0), BitConverter.DoubleToInt64Bits(read.Features[1].Weight));
    }

    [Fact]
    public void Read_WrongFormat_ThrowsInvalidDataNamingExpectedAndFound()
    {
        var json = Encoding.UTF8.GetBytes("""{"format":"talentflow.convfm","version":1}""");

        var error = Assert.Throws<InvalidDataException>(() => ModelArtifact.Read(json, RecommendationArtifactJson.Default.JobRankerArtifact, Format, "talentflow.job-ranker/0"));

        Assert.Equal("Expected a talentflow.job-ranker or talentflow.job-ranker/0 artifact, found format 'talentflow.convfm'.", error.Message);
    }

    [Theory]
    [InlineData("[1, 2]")]
    [InlineData("{}")]
    [InlineData("""{"format": 3}""")]
    [InlineData("null")]
    public void Read_NoStringFormat_ThrowsInvalidDataSayingNoFormat(string text)
    {
        var error = Assert.Throws<InvalidDataException>(() => ModelArtifact.Read(Encoding.UTF8.GetBytes(text), RecommendationArtifactJson.Default.JobRankerArtifact, Format));

        Assert.Contains(Format, error.Message, StringComparison.Ordinal);
        Assert.True(error.Message.Contains("no format", StringComparison.Ordinal) || error.Message.Contains("null", StringComparison.Ordinal), error.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("{\"format\":\"talentflow.job-ranker\",\"version\":1,\"candidates\":")]
    [InlineData("{\"format\":\"talentflow.job-ranker\",\"version\":\"one\"}")]
    [InlineData("{\"format\":\"talentflow.job-ranker\",\"version\":1}")]
    [InlineData("{\"form")]
    public void Read_MalformedOrIncomplete_ThrowsInvalidDataWrappingTheJsonError(string text)
    {
        var error = Assert.Throws<InvalidDataException>(() => ModelArtifact.Read(Encoding.UTF8.GetBytes(text), RecommendationArtifactJson.Default.JobRankerArtifact, Format));

        Assert.IsType<JsonException>(error.InnerException, exactMatch: false);
        Assert.StartsWith($"Not a valid {Format} artifact", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToFloat32_WrongShape_ThrowsInvalidDataNamingTheTensor()
    {
        var tensor = TensorArtifact.Float32([1f, 2f, 3f, 4f], 2, 2);

        var error = Assert.Throws<InvalidDataException>(() => tensor.ToFloat32("w1", 4, 1));

        Assert.Contains("'w1'", error.Message, StringComparison.Ordinal);
        Assert.Equal([1f, 2f, 3f, 4f], tensor.ToFloat32("w1", 2, 2));
        Assert.Throws<InvalidDataException>(() => tensor.ToFloat64("w1", 2, 1));
    }
}
