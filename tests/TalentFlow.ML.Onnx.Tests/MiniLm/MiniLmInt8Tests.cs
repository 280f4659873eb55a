using System.Numerics.Tensors;

namespace TalentFlow.ML.Onnx.Tests.MiniLm;

/// <summary>all-MiniLM-L6-v2 with int8 dense layers: its own version, embeddings within cosine 0.99 of float32's.</summary>
[Collection(MiniLmCollection.Name)]
public sealed class MiniLmInt8Tests : IDisposable
{
    private readonly OnnxSentenceEncoder _fp32;
    private readonly OnnxSentenceEncoder _int8 = MiniLmModel.Load(new MiniLmOptions { IntraOpThreads = 2, Quantization = OnnxQuantization.Int8 });

    public MiniLmInt8Tests(MiniLmFixture fixture) => _fp32 = fixture.Encoder;

    public void Dispose() => _int8.Dispose();

    [Fact]
    public void Load_Int8_HasItsOwnVersionAndTheSameChecksum()
    {
        Assert.Equal("all-MiniLM-L6-v2:4a64cee3d4134bbd:int8", _int8.VersionId);
        Assert.NotEqual(_fp32.VersionId, _int8.VersionId);
        Assert.Equal(MiniLmModel.ModelSha256, _int8.ModelSha256);
        Assert.Equal(OnnxQuantization.Int8, _int8.Quantization);
        Assert.Equal(OnnxQuantization.None, _fp32.Quantization);
    }

    [Fact]
    public async Task EmbedAsync_Int8_StaysWithinCosine099OfFloat32()
    {
        string[] texts =
        [
            "Senior Python developer with Django, PostgreSQL and Kubernetes; led a team of five engineers for three years.",
            "Registered nurse caring for patients in an intensive care unit, BLS and ACLS certified.",
            "Accountant: month-end close, reconciliations, IFRS reporting, SAP and advanced Excel.",
            "Warehouse associate loading trucks, counting stock and keeping the inventory sheets in order. " +
                string.Concat(Enumerable.Repeat("Operated forklifts and pallet jacks safely across three shifts. ", 30)),
            "Café résumé: naïve coöperation in Zürich — 软件工程师 🚀",
        ];

        var a = await _fp32.EmbedAsync(texts);
        var b = await _int8.EmbedAsync(texts);

        for (var i = 0; i < texts.Length; i++)
        {
            var cosine = TensorPrimitives.CosineSimilarity(a[i], b[i]);
            Assert.True(cosine is >= 0.99f and < 0.99999f, $"text {i}: cosine {cosine}");
        }
    }
}
