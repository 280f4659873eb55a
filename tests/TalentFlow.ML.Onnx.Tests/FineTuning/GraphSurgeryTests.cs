using System.Numerics.Tensors;
using TalentFlow.ML.Onnx.FineTuning;
using TalentFlow.ML.Onnx.Graph;
using TalentFlow.ML.Onnx.Tests.MiniLm;

namespace TalentFlow.ML.Onnx.Tests.FineTuning;

/// <summary>Reading and rewriting the ONNX graph: the untouched rewrite serves the same model, a trained one what C# computes.</summary>
[Collection(MiniLmCollection.Name)]
public sealed class GraphSurgeryTests(MiniLmFixture fixture)
{
    private static readonly string[] Texts =
    [
        "Senior Python developer with Django, PostgreSQL and AWS experience.",
        "Registered nurse, patient care, phlebotomy and electronic health records.",
        "Chefs and head cooks direct and may participate in the preparation of food.",
        "Crème brûlée, naïve café — ΟΔΟΣ and 東京 too!",
    ];

    [Fact]
    public void Write_NoChanges_ReturnsTheSameBytes()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "TinyBert", "model.onnx");
        var bytes = File.ReadAllBytes(path);

        Assert.Equal(bytes, OnnxModelGraph.Parse(bytes).Write());
    }

    [Fact]
    public void Write_UnknownInitializerOrWrongLength_Throws()
    {
        var graph = OnnxModelGraph.Load(Path.Combine(AppContext.BaseDirectory, "TinyBert", "model.onnx"));
        var name = graph.InitializerNames.First(n => n.EndsWith(".bias", StringComparison.Ordinal));

        Assert.Throws<ArgumentException>(() => graph.Write(new Dictionary<string, float[]> { ["nope"] = [1f] }));
        Assert.Throws<ArgumentException>(() => graph.Write(new Dictionary<string, float[]> { [name] = [1f, 2f, 3f] }));
        Assert.Throws<InvalidDataException>(() => OnnxModelGraph.Parse([0x0A, 0xFF, 0xFF]));
    }

    [Fact]
    public void MatMulWeightFor_MiniLmLayer5Query_IsA384By384Initializer()
    {
        var graph = OnnxModelGraph.Load(Path.Combine(MiniLmModel.DefaultDirectory, "model.onnx"));

        var weight = graph.MatMulWeightFor("encoder.layer.5.attention.self.query.bias");

        Assert.Equal([384L, 384L], graph.Dims(weight));
        Assert.Equal(graph.MatMulInputFor("encoder.layer.5.attention.self.key.bias"), graph.MatMulInputFor("encoder.layer.5.attention.self.query.bias"));
    }

    [Fact]
    public void WriteBack_UnchangedTopLayer_ServesTheOriginalEmbeddings()
    {
        using var folder = new TempFolder();
        var session = new TopLayerSession(MiniLmModel.DefaultDirectory, new EncoderFineTuneOptions { TrainLayers = 1, Threads = 2 });
        session.DisposeFrozen();

        Write(session, folder.Path);
        using var tuned = FineTunedModel.Load(folder.Path, intraOpThreads: 2);

        var expected = fixture.Encoder.Embed(Texts);
        var actual = tuned.Embed(Texts);
        for (var t = 0; t < Texts.Length; t++)
        {
            Assert.All(actual[t].Zip(expected[t]), p => Assert.Equal(p.Second, p.First, 1e-5f));
        }

        Assert.StartsWith("all-MiniLM-L6-v2-ft:", tuned.VersionId, StringComparison.Ordinal);
    }

    [Fact]
    public void WriteBack_AfterTrainingSteps_OnnxRuntimeServesTheCSharpForwardPass()
    {
        using var folder = new TempFolder();
        var options = new EncoderFineTuneOptions { TrainLayers = 2, Threads = 2, LearningRate = 1e-3, WarmupSteps = 0 };
        var session = new TopLayerSession(MiniLmModel.DefaultDirectory, options);
        var ids = session.Intern(Texts, CancellationToken.None);
        session.DisposeFrozen();
        var before = session.Embed(ids);
        var optimizer = new AdamW(session.Layers, options.LearningRate, 0, 10);
        for (var step = 0; step < 3; step++)
        {
            session.Top.ZeroGradients();
            session.ForwardBackward([(ids[0], ids[2], 0.0), (ids[1], ids[2], 0.0), (ids[3], ids[2], 1.0)]);
            optimizer.Update();
        }

        var csharp = session.Embed(ids);
        Write(session, folder.Path);
        using var tuned = FineTunedModel.Load(folder.Path, intraOpThreads: 2);
        var served = tuned.Embed(Texts);
        var original = fixture.Encoder.Embed(Texts);

        for (var t = 0; t < Texts.Length; t++)
        {
            Assert.All(served[t].Zip(csharp[t]), p => Assert.Equal(p.Second, p.First, 1e-4f));
            Assert.True(TensorPrimitives.CosineSimilarity(served[t], original[t]) < 0.9999f, $"text {t} did not move");
            Assert.All(before[t].Zip(original[t]), p => Assert.Equal(p.Second, p.First, 1e-4f));
        }
    }

    private static void Write(TopLayerSession session, string folder) =>
        FineTunedModel.Write(folder, MiniLmModel.DefaultDirectory, MiniLmModel.Name, session.Graph, session.TrainedTensors(), 256, []);
}
