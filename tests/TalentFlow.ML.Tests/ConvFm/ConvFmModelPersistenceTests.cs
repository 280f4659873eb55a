using System.Text;
using System.Text.Json.Nodes;
using TalentFlow.ML.Recommendation.ConvFm;

namespace TalentFlow.ML.Tests.ConvFm;

public sealed class ConvFmModelPersistenceTests
{
    [Fact]
    public void SaveLoad_TrainedModel_RoundTripsEverything()
    {
        var model = CreateSut();
        model.Metrics["hr@10"] = 0.25;
        var loaded = ConvFmModel.Load(new MemoryStream(Save(model)));

        Assert.Equal(model.Options.HiddenUnits, loaded.Options.HiddenUnits);
        Assert.Equal(model.Options with { HiddenUnits = [] }, loaded.Options with { HiddenUnits = [] });
        Assert.Equal(model.Vocabularies.Users.Names, loaded.Vocabularies.Users.Names);
        Assert.Equal(model.Vocabularies.Skills.Names, loaded.Vocabularies.Skills.Names);
        Assert.Equal(model.Vocabularies.Companies.Names, loaded.Vocabularies.Companies.Names);
        Assert.Equal(model.Metrics, loaded.Metrics);
        Assert.Equal(model.Tensors.Select(t => t.Name), loaded.Tensors.Select(t => t.Name));
        for (var i = 0; i < model.Tensors.Count; i++)
        {
            Assert.Equal(model.Tensors[i].Data, loaded.Tensors[i].Data);
        }

        ConvFmInput[] inputs = [new(1, 2, [1, 3], 0, 1), new(5, 7, [], 2, 3)];
        var expected = new float[2];
        var actual = new float[2];
        model.Predict(inputs, expected);
        loaded.Predict(inputs, actual);
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Load_WrongVersion_ThrowsUnsupportedVersion()
    {
        var json = JsonNode.Parse(Save(CreateSut()))!;
        json["version"] = ConvFmModel.FormatVersion + 1;
        var e = Assert.Throws<ConvFmArtifactException>(() => ConvFmModel.Load(Stream(json.ToJsonString())));
        Assert.Equal(ConvFmArtifactError.UnsupportedVersion, e.Error);
    }

    [Theory]
    [InlineData("")]
    [InlineData("{\"format\": \"talentflow.baseline-matcher/1\"}")]
    [InlineData("[1, 2, 3]")]
    [InlineData("{\"format\": \"talentflow.convfm\", \"version\": 1}")]
    public void Load_NotAnArtifact_ThrowsCorrupt(string text)
    {
        var e = Assert.Throws<ConvFmArtifactException>(() => ConvFmModel.Load(Stream(text)));
        Assert.Equal(ConvFmArtifactError.Corrupt, e.Error);
    }

    [Fact]
    public void Load_TruncatedFile_ThrowsCorrupt()
    {
        var bytes = Save(CreateSut());
        var e = Assert.Throws<ConvFmArtifactException>(() => ConvFmModel.Load(new MemoryStream(bytes, 0, bytes.Length / 2)));
        Assert.Equal(ConvFmArtifactError.Corrupt, e.Error);
    }

    [Fact]
    public void Load_TensorBytesChanged_ThrowsChecksumMismatch()
    {
        var json = JsonNode.Parse(Save(CreateSut()))!;
        var tensor = json["tensors"]![0]!;
        var data = Convert.FromBase64String(tensor["data"]!.GetValue<string>());
        data[0] ^= 0x40;
        tensor["data"] = Convert.ToBase64String(data);
        var e = Assert.Throws<ConvFmArtifactException>(() => ConvFmModel.Load(Stream(json.ToJsonString())));
        Assert.Equal(ConvFmArtifactError.Corrupt, e.Error);
        Assert.Contains("checksum", e.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Load_VocabularyDisagreesWithTensorShape_ThrowsCorrupt()
    {
        var json = JsonNode.Parse(Save(CreateSut()))!;
        json["vocabularies"]!["users"]!.AsArray().Add("one-more-user");
        var e = Assert.Throws<ConvFmArtifactException>(() => ConvFmModel.Load(Stream(json.ToJsonString())));
        Assert.Equal(ConvFmArtifactError.Corrupt, e.Error);
    }

    private static ConvFmModel CreateSut()
    {
        var vocabularies = ConvFmTestData.Vocabularies();
        var options = ConvFmTestData.TinyOptions() with { Epochs = 2 };
        return new ConvFmTrainer(options).Train(vocabularies, ConvFmTestData.Synthetic(64, 1, vocabularies), ConvFmTestData.Synthetic(16, 2, vocabularies));
    }

    private static byte[] Save(ConvFmModel model)
    {
        var stream = new MemoryStream();
        model.Save(stream);
        return stream.ToArray();
    }

    private static MemoryStream Stream(string text) => new(Encoding.UTF8.GetBytes(text));
}
