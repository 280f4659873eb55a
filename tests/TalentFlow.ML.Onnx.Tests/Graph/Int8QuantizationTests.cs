using System.Numerics.Tensors;
using TalentFlow.ML.Onnx.Graph;

namespace TalentFlow.ML.Onnx.Tests.Graph;

/// <summary>Int8 dynamic quantisation of the dense layers, on the committed tiny BERT (no MiniLM needed).</summary>
public sealed class Int8QuantizationTests
{
    [Fact]
    public void QuantizeColumns_KnownMatrix_ScalesEachColumnByItsLargestValue()
    {
        // [K = 3, N = 2]: column 0 spans ±1.27, column 1 ±0.0127 — a shared scale would flatten column 1 to zeros.
        float[] w = [1.27f, 0.0127f, -0.635f, -0.0127f, 0.01f, 0.00635f];
        var (q, scales) = OnnxModelGraph.QuantizeColumns(w, [3, 2], perColumn: true);

        Assert.Equal(0.01f, scales[0], 1e-7f);
        Assert.Equal(0.0001f, scales[1], 1e-9f);
        Assert.Equal(new sbyte[] { 127, 127, -64, -127, 1, 64 }, q);
        for (var i = 0; i < w.Length; i++)
        {
            Assert.InRange(w[i] - (q[i] * scales[i % 2]), -scales[i % 2] / 2 - 1e-9f, scales[i % 2] / 2 + 1e-9f);
        }

        var (shared, scale) = OnnxModelGraph.QuantizeColumns(w, [3, 2], perColumn: false);
        Assert.Equal(0.01f, Assert.Single(scale), 1e-7f);
        Assert.Equal(new sbyte[] { 127, 1, -64, -1, 1, 1 }, shared);
    }

    [Fact]
    public void Load_Int8TinyBert_KeepsTheFirstHalfOfTheDownProjectionsFloat32()
    {
        var logger = new RecordingLogger();
        using var logged = new OnnxSentenceEncoder(new OnnxSentenceEncoderOptions { ModelDirectory = TinyBert.Folder, Quantization = OnnxQuantization.Int8 }, logger);

        // 12 dense layers, 2 of them down-projections: the first stays float32.
        Assert.Contains(logger.Entries, e => e.EventId == 4002 && e.Message.Contains("11 dense layers quantised to int8", StringComparison.Ordinal));
    }

    [Fact]
    public void QuantizeColumns_ZeroColumn_GetsScaleOneAndZeros()
    {
        var (q, scales) = OnnxModelGraph.QuantizeColumns([0f, 2f, 0f, -2f], [2, 2], perColumn: true);
        Assert.Equal(1f, scales[0]);
        Assert.Equal(new sbyte[] { 0, 127, 0, -127 }, q);
    }

    [Fact]
    public void WriteInt8_TinyBert_RewritesEveryDenseLayerAndKeepsActivationProducts()
    {
        var graph = OnnxModelGraph.Load(Path.Combine(TinyBert.Folder, "model.onnx"));
        var dense = graph.QuantizableMatMuls();
        var allMatMuls = graph.Nodes.Count(n => n.OpType == "MatMul");

        var (bytes, quantized) = graph.WriteInt8();
        var rewritten = OnnxModelGraph.Parse(bytes);

        // 2 layers × (Q, K, V, attention output, FFN in, FFN out); Q·Kᵀ and softmax·V stay MatMuls.
        Assert.Equal(12, dense.Count);
        Assert.Equal(dense.Count, quantized);
        Assert.Equal(dense.Count, rewritten.Nodes.Count(n => n.OpType == "DynamicQuantizeMatMul"));
        Assert.Equal(allMatMuls - dense.Count, rewritten.Nodes.Count(n => n.OpType == "MatMul"));
        Assert.Empty(rewritten.QuantizableMatMuls());
        Assert.All(dense, d => Assert.False(rewritten.HasInitializer(d.Inputs[1])));
    }

    [Fact]
    public void WriteInt8_IncludeFilter_LeavesTheOthersFloat32()
    {
        var graph = OnnxModelGraph.Load(Path.Combine(TinyBert.Folder, "model.onnx"));
        var down = graph.QuantizableMatMuls().Where(n => graph.Dims(n.Inputs[1])[0] > graph.Dims(n.Inputs[1])[1]).ToHashSet();

        var (bytes, quantized) = graph.WriteInt8(include: n => !down.Contains(n));

        Assert.Equal(10, quantized);
        Assert.Equal(2, OnnxModelGraph.Parse(bytes).QuantizableMatMuls().Count);
    }

    [Fact]
    public void Load_Int8TinyBert_EmbedsCloseToFloat32WithItsOwnVersion()
    {
        using var fp32 = new OnnxSentenceEncoder(new OnnxSentenceEncoderOptions { ModelDirectory = TinyBert.Folder });
        using var int8 = new OnnxSentenceEncoder(new OnnxSentenceEncoderOptions { ModelDirectory = TinyBert.Folder, Quantization = OnnxQuantization.Int8 });
        var texts = TinyBert.Cases.Select(c => c.Text).ToArray();

        var a = fp32.Embed(texts);
        var b = int8.Embed(texts);

        Assert.Equal(OnnxQuantization.Int8, int8.Quantization);
        Assert.Equal(fp32.VersionId + ":int8", int8.VersionId);
        var cosines = a.Zip(b, (x, y) => TensorPrimitives.CosineSimilarity(x, y)).ToArray();
        // Random weights of a 32-wide model quantise worse than a trained one; still the same vectors, not noise.
        Assert.All(cosines, c => Assert.InRange(c, 0.97f, 1.0001f));
        // And not the float32 model served under a new name: the products are integer ones.
        Assert.Contains(cosines, c => c < 0.99999f);
    }

    [Fact]
    public void Load_Int8DamagedModelFile_FailsAsInvalidModelNamingTheFile()
    {
        using var folder = TinyBert.CopyOf("tokenizer.json", "vocab.txt", "sentence_bert_config.json");
        var path = Path.Combine(folder.Path, "model.onnx");
        File.WriteAllBytes(path, [0x0a, 0xff, 0xff, 0x01, 0x02]);

        var error = Assert.Throws<OnnxModelException>(() => new OnnxSentenceEncoder(
            new OnnxSentenceEncoderOptions { ModelDirectory = folder.Path, Quantization = OnnxQuantization.Int8 }));

        Assert.Equal(OnnxModelErrorKind.InvalidModel, error.Kind);
        Assert.Contains("int8", error.Message, StringComparison.Ordinal);
        Assert.Equal(path, error.Path);
    }
}
