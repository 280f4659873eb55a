using System.Text.Json;
using TalentFlow.ML.Onnx.FineTuning;
using TalentFlow.ML.Onnx.Tests.MiniLm;

namespace TalentFlow.ML.Onnx.Tests.FineTuning;

/// <summary>
/// The top two layers of all-MiniLM-L6-v2, forward and backward in C#, against PyTorch on the same weights:
/// <c>FineTuningGolden/golden.json</c> holds four text pairs (token ids), and for CoSENT and InfoNCE the loss, the unit
/// embeddings and the gradients of every tensor of layers 4 and 5 (norm and 48 sampled entries each), written by
/// <c>eng/onnx/make_finetune_golden.py</c> through <c>minilm_anchor.py</c>'s model. PyTorch runs the batch padded with an
/// attention mask; the C# side runs each text at its own length after ONNX Runtime's frozen layers 0–3.
/// </summary>
[Collection(MiniLmCollection.Name)]
public sealed class PyTorchGradientTests
{
    [Theory]
    [InlineData("cosent", FineTuneLoss.CoSent)]
    [InlineData("contrastive", FineTuneLoss.Contrastive)]
    public void ForwardBackward_TopTwoMiniLmLayers_MatchesPyTorch(string name, FineTuneLoss loss)
    {
        using var golden = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "FineTuningGolden", "golden.json")));
        var root = golden.RootElement;
        var left = root.GetProperty("left_ids").EnumerateArray().Select(a => a.EnumerateArray().Select(x => x.GetInt32()).ToArray()).ToArray();
        var right = root.GetProperty("right_ids").EnumerateArray().Select(a => a.EnumerateArray().Select(x => x.GetInt32()).ToArray()).ToArray();
        var labels = root.GetProperty("labels").EnumerateArray().Select(x => x.GetDouble()).ToArray();
        var expected = root.GetProperty("losses").GetProperty(name);
        var session = new TopLayerSession(MiniLmModel.DefaultDirectory, new EncoderFineTuneOptions { TrainLayers = 2, Loss = loss, Threads = 2 });
        var ids = session.InternTokens([.. left, .. right]);
        session.DisposeFrozen();
        var batch = labels.Select((y, i) => (ids[i], ids[left.Length + i], y)).ToArray();

        session.Top.ZeroGradients();
        var value = session.ForwardBackward(batch);

        Assert.Equal(expected.GetProperty("loss").GetDouble(), value, 1e-4 * Math.Max(1, Math.Abs(value)));
        var embeddings = session.Embed(ids);
        var torchEmbeddings = expected.GetProperty("left").EnumerateArray().Concat(expected.GetProperty("right").EnumerateArray())
            .Select(e => e.EnumerateArray().Select(x => x.GetSingle()).ToArray()).ToArray();
        for (var t = 0; t < embeddings.Length; t++)
        {
            Assert.All(embeddings[t].Zip(torchEmbeddings[t]), p => Assert.Equal(p.Second, p.First, 1e-5f));
        }

        var worst = 0.0;
        var compared = 0;
        var largest = expected.GetProperty("gradients").EnumerateObject().Max(t => t.Value.GetProperty("norm").GetDouble());
        foreach (var tensor in expected.GetProperty("gradients").EnumerateObject())
        {
            var layer = int.Parse(tensor.Name[..tensor.Name.IndexOf('.')], System.Globalization.CultureInfo.InvariantCulture);
            var p = session.Layers[layer - session.FirstTrainable];
            var ours = p.Tensors(p.Gradients)[tensor.Name[(tensor.Name.IndexOf('.') + 1)..]];
            var norm = tensor.Value.GetProperty("norm").GetDouble();
            var ourNorm = Math.Sqrt(ours.Sum(x => (double)x * x));
            if (tensor.Name.EndsWith("key.bias", StringComparison.Ordinal))
            {
                // Exactly zero in exact arithmetic (it shifts a whole row of scores, which softmax ignores): both sides
                // hold rounding noise only.
                Assert.True(ourNorm < 1e-6 * largest && norm < 1e-6 * largest, $"{tensor.Name}: {ourNorm:G3} / {norm:G3}");
                compared += 48;
                continue;
            }

            Assert.True(Math.Abs(ourNorm - norm) <= 1e-3 * norm + 1e-9, $"{tensor.Name}: gradient norm {ourNorm:G6}, PyTorch {norm:G6}");
            var index = tensor.Value.GetProperty("index").EnumerateArray().Select(x => x.GetInt32()).ToArray();
            var values = tensor.Value.GetProperty("value").EnumerateArray().Select(x => x.GetDouble()).ToArray();
            // Entries against the tensor's RMS: float32 sums in another order differ by about 1e-6 of it.
            var rms = norm / Math.Sqrt(ours.Length);
            for (var k = 0; k < index.Length; k++)
            {
                var error = Math.Abs(ours[index[k]] - values[k]) / Math.Max(rms, 1e-12);
                worst = Math.Max(worst, error);
                Assert.True(error <= 1e-3, $"{tensor.Name}[{index[k]}]: {ours[index[k]]:G6}, PyTorch {values[k]:G6} (rms {rms:G3})");
                compared++;
            }
        }

        Assert.Equal(32 * 48, compared);
        Assert.True(worst < 1e-3);
    }
}
