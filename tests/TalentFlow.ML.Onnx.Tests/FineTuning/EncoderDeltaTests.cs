using TalentFlow.ML.Onnx.FineTuning;
using TalentFlow.ML.Onnx.Tests.MiniLm;

namespace TalentFlow.ML.Onnx.Tests.FineTuning;

/// <summary>
/// A fine-tuned MiniLM as a delta (base SHA-256 + the top layer's tensors): applied to the served base it rebuilds the tuned
/// model byte for byte, and it refuses any other base.
/// </summary>
[Collection(MiniLmCollection.Name)]
public sealed class EncoderDeltaTests(MiniLmFixture fixture)
{
    private static readonly TextPair[] Pairs = FineTuningPairs.Tiny;

    private static readonly string[] Texts = ["Data engineer with Spark and Airflow.", "Pastry chef, bakery and desserts.", "ICU nurse, critical care."];

    private static Task<EncoderFineTuneResult> TuneAsync(string? output) =>
        new MiniLmTopFineTuner().FineTuneAsync(new EncoderFineTuneRequest(Pairs, Pairs, output)
        {
            Options = new EncoderFineTuneOptions { Epochs = 2, BatchSize = 3, LearningRate = 1e-3, WarmupSteps = 0, MaxSequenceLength = 32, Threads = 2 },
        });

    [Fact]
    public async Task Apply_DeltaOfATunedMiniLm_ServesTheTunedModelBitForBit()
    {
        using var folder = new TempFolder();
        var result = await TuneAsync(folder.Path);
        var delta = EncoderDelta.Read(result.Delta!.ServedBy(fixture.Encoder).ToArray());

        using var applied = delta.Apply(fixture.Encoder);
        using var written = FineTunedModel.Load(folder.Path, intraOpThreads: 2);

        Assert.Equal(MiniLmModel.ModelSha256, delta.BaseSha256);
        Assert.Equal(result.ModelSha256, applied.ModelSha256);
        Assert.Equal(result.VersionId, applied.VersionId);
        Assert.Equal(result.VersionId, delta.ServedVersion);
        Assert.Equal(16, delta.Tensors.Count); // one BERT layer: Q, K, V, output, two FFN dense (weight + bias each) and two LayerNorms
        Assert.InRange(delta.ToArray().Length, 5_000_000, 8_000_000); // 1.77M floats, not the 87 MB model
        var expected = written.Embed(Texts);
        var actual = applied.Embed(Texts);
        var original = fixture.Encoder.Embed(Texts);
        for (int t = 0; t < Texts.Length; t++)
        {
            Assert.All(actual[t].Zip(expected[t]), p => Assert.Equal(p.Second, p.First, 1e-6f));
            Assert.NotEqual(original[t], actual[t]);
        }
    }

    [Fact]
    public async Task Apply_DeltaOfAnotherBase_IsRefusedNamingBothHashes()
    {
        using var folder = new TempFolder();
        var result = await TuneAsync(folder.Path);
        // The tuned model is a real, different base: a delta made on MiniLM must not be applied on top of it.
        using var otherBase = FineTunedModel.Load(folder.Path, intraOpThreads: 1);

        var e = Assert.Throws<OnnxModelException>(() => result.Delta!.Apply(otherBase));

        Assert.Equal(OnnxModelErrorKind.BaseModelMismatch, e.Kind);
        Assert.Contains(MiniLmModel.ModelSha256, e.Message, StringComparison.Ordinal);
        Assert.Contains(result.ModelSha256, e.Message, StringComparison.Ordinal);
        Assert.Equal(OnnxModelErrorKind.BaseModelMismatch, Assert.Throws<OnnxModelException>(() => result.Delta!.CheckBase(otherBase)).Kind);
    }

    [Fact]
    public async Task FineTuneAsync_NoOutputFolder_ReturnsTheDeltaAndWritesNothing()
    {
        var result = await TuneAsync(null);

        Assert.Null(result.OutputDirectory);
        Assert.Equal(result.VersionId, result.Delta!.ModelVersion);
        Assert.Equal(result.ModelSha256, result.Delta.ModelSha256);
        Assert.False(result.Delta.IsBase);
    }

    [Fact]
    public void ForBase_ServedMiniLm_IsTheBaseWithNoTensors()
    {
        var delta = EncoderDelta.Read(EncoderDelta.ForBase(fixture.Encoder).ToArray());

        Assert.True(delta.IsBase);
        Assert.Equal(fixture.Encoder.VersionId, delta.ServedVersion);
        Assert.Equal(MiniLmModel.ModelSha256, delta.BaseSha256);
        delta.CheckBase(fixture.Encoder);
        Assert.Throws<InvalidOperationException>(() => delta.Apply(fixture.Encoder));
    }

    [Fact]
    public void CheckBase_SameModelOtherLongTextSettings_IsRefused()
    {
        var delta = EncoderDelta.ForBase(fixture.Encoder);
        using var windowed = MiniLmModel.Load(new MiniLmOptions { LongTexts = LongTextMode.Window, IntraOpThreads = 1 });

        var e = Assert.Throws<OnnxModelException>(() => delta.CheckBase(windowed));

        Assert.Equal(OnnxModelErrorKind.BaseModelMismatch, e.Kind);
        Assert.Contains(windowed.VersionId, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_DamagedBytes_ThrowsInvalidData()
    {
        var bytes = EncoderDelta.ForBase(fixture.Encoder).ToArray();
        var otherFormat = (byte[])bytes.Clone();
        otherFormat[8] = 9;

        Assert.Throws<InvalidDataException>(() => EncoderDelta.Read("not a delta"u8.ToArray()));
        Assert.Throws<InvalidDataException>(() => EncoderDelta.Read(bytes[..12]));
        Assert.Throws<InvalidDataException>(() => EncoderDelta.Read([.. bytes, 1, 2, 3, 4]));
        Assert.Contains("format 9", Assert.Throws<InvalidDataException>(() => EncoderDelta.Read(otherFormat)).Message, StringComparison.Ordinal);
        Assert.False(EncoderDelta.IsDelta("{\"kind\":\"lsa\"}"u8));
    }
}
