using System.Numerics.Tensors;

namespace TalentFlow.ML.Onnx.Tests.MiniLm;

[Collection(MiniLmCollection.Name)]
public sealed class MiniLmModelTests
{
    private readonly OnnxSentenceEncoder _encoder;

    public MiniLmModelTests(MiniLmFixture fixture) => _encoder = fixture.Encoder;

    [Fact]
    public void Load_BundledModel_NamesItselfWithThePinnedSha256()
    {
        Assert.Equal("all-MiniLM-L6-v2", _encoder.Name);
        Assert.Equal(MiniLmModel.ModelSha256, _encoder.ModelSha256);
        Assert.Equal(384, _encoder.Dimension);
        Assert.Equal(256, _encoder.MaxSequenceLength);
        Assert.Equal("all-MiniLM-L6-v2:4a64cee3d4134bbd", _encoder.VersionId);
        Assert.Equal("cpu", _encoder.ExecutionProvider);
        Assert.Equal(30522, _encoder.Tokenizer.Vocabulary.Count);
    }

    [Fact]
    public async Task EmbedAsync_RelatedJobTexts_AreCloserThanUnrelatedOnes()
    {
        var v = await _encoder.EmbedAsync([
            "Senior Python developer with Django and PostgreSQL experience.",
            "Backend software engineer writing Python web services on a SQL database.",
            "Registered nurse caring for patients in an intensive care unit.",
        ]);

        foreach (var e in v)
        {
            Assert.Equal(1f, TensorPrimitives.Norm(e), 1e-5f);
        }

        var related = TensorPrimitives.Dot(v[0], v[1]);
        var unrelated = TensorPrimitives.Dot(v[0], v[2]);
        Assert.True(related > unrelated + 0.2f, $"related {related}, unrelated {unrelated}");
    }

    [Fact]
    public async Task EmbedAsync_EmptyAndBlankText_GiveTheSameUnitVector()
    {
        var v = await _encoder.EmbedAsync(["", "   \n\t "]);
        Assert.Equal(1f, TensorPrimitives.Norm(v[0]), 1e-5f);
        Assert.Equal(v[0], v[1]);
    }
}
