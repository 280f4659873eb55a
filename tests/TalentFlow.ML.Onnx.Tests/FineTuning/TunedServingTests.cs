using System.Numerics.Tensors;
using TalentFlow.ML.Onnx.FineTuning;
using TalentFlow.ML.Onnx.Tests.MiniLm;

namespace TalentFlow.ML.Onnx.Tests.FineTuning;

/// <summary>
/// A fine-tuned delta as silos serve it: on an int8 silo (int8 of the tuned graph, its own version, the base check against
/// the float32 file), after every holder let go (rebuilt for a late call, same vectors), and as the start of the next run.
/// </summary>
[Collection(MiniLmCollection.Name)]
public sealed class TunedServingTests(MiniLmFixture fixture)
{
    private static readonly TextPair[] Pairs = FineTuningPairs.Tiny;

    private static readonly string[] Texts = ["Data engineer with Spark and Airflow.", "Pastry chef, bakery and desserts.", "ICU nurse, critical care."];

    private static Task<EncoderFineTuneResult> TuneAsync(int trainLayers = 1, EncoderDelta? startFrom = null, int seed = 0) =>
        new MiniLmTopFineTuner().FineTuneAsync(new EncoderFineTuneRequest(Pairs, Pairs, OutputDirectory: null)
        {
            Options = new EncoderFineTuneOptions
            {
                Epochs = 2, BatchSize = 3, LearningRate = 1e-3, WarmupSteps = 0, MaxSequenceLength = 32, Threads = 2, TrainLayers = trainLayers, Seed = seed,
            },
            StartFrom = startFrom,
        });

    [Fact]
    public async Task Apply_DeltaOnAnInt8Base_ServesInt8OfTheTunedGraphUnderAVersionOfItsOwn()
    {
        var tuned = (await TuneAsync()).Delta!;
        using var int8Base = MiniLmModel.Load(new MiniLmOptions { IntraOpThreads = 2, Quantization = OnnxQuantization.Int8, EmbeddingCacheSize = 0 });
        var onFloat = tuned.ServedBy(fixture.Encoder);
        var onInt8 = EncoderDelta.Read(tuned.ServedBy(int8Base).ToArray());

        using var float32Tuned = onFloat.Apply(fixture.Encoder);
        using var int8Tuned = onInt8.Apply(int8Base);

        Assert.Equal(OnnxQuantization.Int8, int8Tuned.Quantization);
        Assert.Equal(tuned.ModelVersion + ":int8", int8Tuned.VersionId);
        Assert.Equal(onInt8.ServedVersion, int8Tuned.VersionId);
        Assert.NotEqual(float32Tuned.VersionId, int8Tuned.VersionId);
        Assert.NotEqual(int8Base.VersionId, int8Tuned.VersionId);
        // The delta is relative to the float32 file whatever the silo serves: the int8 base's checked SHA-256 is that file's.
        Assert.Equal(MiniLmModel.ModelSha256, onInt8.BaseSha256);
        Assert.Equal(tuned.ModelSha256, int8Tuned.ModelSha256);
        var f = float32Tuned.Embed(Texts);
        var q = int8Tuned.Embed(Texts);
        var b = int8Base.Embed(Texts);
        for (int t = 0; t < Texts.Length; t++)
        {
            float toTuned = TensorPrimitives.CosineSimilarity(f[t], q[t]), toBase = TensorPrimitives.CosineSimilarity(b[t], q[t]);
            Assert.True(toTuned is >= 0.99f and < 0.99999f, $"text {t}: cosine to the float32 tuned model {toTuned}");
            Assert.True(toTuned > toBase, $"text {t}: int8 tuned is closer to the int8 base ({toBase}) than to float32 tuned ({toTuned})");
        }

        // A delta made where float32 is served names that version: an int8 silo refuses it rather than mix the two.
        Assert.Equal(OnnxModelErrorKind.BaseModelMismatch, Assert.Throws<OnnxModelException>(() => onFloat.Apply(int8Base)).Kind);
    }

    [Fact]
    public async Task Embed_RebuiltEncoderAfterEveryHolderLetGo_RebuildsTheSameGraphForTheCallAndFreesItAfter()
    {
        var delta = (await TuneAsync()).Delta!;
        var sut = delta.Apply(fixture.Encoder);
        var before = sut.Embed(Texts);

        sut.Dispose();
        bool openAfterDispose = sut.IsSessionOpen;
        var late = await sut.EmbedAsync(Texts);

        Assert.False(openAfterDispose);
        for (int t = 0; t < Texts.Length; t++) Assert.Equal(before[t], late[t], (x, y) => Math.Abs(x - y) < 1e-6f);
        Assert.False(sut.IsSessionOpen);
        Assert.Equal(2, sut.SessionsReleased);
        Assert.Same(delta, sut.Delta);
        Assert.Throws<ObjectDisposedException>(() => sut.Lease());
    }

    [Fact]
    public async Task FineTuneAsync_StartFromATunedVersion_BeginsAtItsWeightsAndStaysADeltaOfTheBase()
    {
        // The first run tunes the top two layers; the second trains only the top one, so layer 4 must come from the start.
        var first = await TuneAsync(trainLayers: 2);

        var second = await TuneAsync(trainLayers: 1, startFrom: first.Delta, seed: 1);

        Assert.Equal(first.After.Spearman, second.Before.Spearman, 12);
        Assert.Equal(first.After.RocAuc, second.Before.RocAuc, 12);
        Assert.Equal(first.VersionId, second.StartedFrom);
        var delta = second.Delta!;
        Assert.Equal(first.VersionId, delta.Metadata[FineTunedModel.StartedFromKey]);
        Assert.Equal(MiniLmModel.ModelSha256, delta.BaseSha256);
        Assert.Equal(32, delta.Tensors.Count); // layer 4 as the first run left it, layer 5 as this one trained it
        Assert.All(delta.Tensors.Keys.Where(k => k.Contains("layer.4.", StringComparison.Ordinal)),
            k => Assert.Equal(first.Delta!.Tensors[k], delta.Tensors[k]));
        // Applied alone to the base (as any silo does), it serves what the second run trained.
        using var served = delta.Apply(fixture.Encoder);
        using var firstServed = first.Delta!.Apply(fixture.Encoder);
        Assert.Equal(second.ModelSha256, served.ModelSha256);
        Assert.NotEqual(firstServed.Embed(Texts)[0], served.Embed(Texts)[0]);
    }

    [Fact]
    public async Task FineTuneAsync_StartFromADeltaOfAnotherBase_IsRefused()
    {
        var tuned = (await TuneAsync()).Delta!;
        var bytes = tuned.ToArray();
        var foreign = EncoderDelta.Read(WithBaseSha256(bytes, new string('b', 64)));

        var e = await Assert.ThrowsAsync<FineTuneException>(() => TuneAsync(startFrom: foreign));

        Assert.Contains(new string('b', 64), e.Message, StringComparison.Ordinal);
    }

    private static byte[] WithBaseSha256(byte[] artifact, string sha)
    {
        var text = System.Text.Encoding.Latin1.GetString(artifact);
        return System.Text.Encoding.Latin1.GetBytes(text.Replace(MiniLmModel.ModelSha256, sha, StringComparison.Ordinal));
    }
}
