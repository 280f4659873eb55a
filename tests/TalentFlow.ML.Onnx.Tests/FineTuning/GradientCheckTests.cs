using System.Numerics.Tensors;
using TalentFlow.ML.Onnx.FineTuning;

namespace TalentFlow.ML.Onnx.Tests.FineTuning;

/// <summary>
/// The C# backward pass against central finite differences of the C# forward pass: two small random BERT layers (hidden 32,
/// 4 heads, FFN 64) on three texts of different lengths, mean pooling and L2, then a loss; every tensor of both layers is
/// sampled. Float32 throughout, so the step is 1e-2 and the tolerance is set for float rounding (about 1e-3 of the
/// gradient's scale); a wrong term (a missing residual, a transposed weight, a softmax without its Jacobian) is off by far more.
/// </summary>
public sealed class GradientCheckTests
{
    private static readonly int[] Lengths = [5, 7, 3];

    [Fact]
    public void Backward_TwoRandomLayers_MatchesFiniteDifferences()
    {
        var random = new Random(12);
        var shape = RandomBert.Shape;
        var layers = new[] { RandomBert.Layer(random, shape), RandomBert.Layer(random, shape) };
        var inputs = Lengths.Select(n => RandomBert.Hidden(random, n, shape.Hidden)).ToArray();
        var weights = Lengths.Select(_ => RandomBert.Hidden(random, 1, shape.Hidden)).ToArray();
        var top = new TrainableTop(layers, threads: 1);

        // L = Σ_t w_t · e_t: its gradient with respect to e_t is w_t.
        double Loss()
        {
            var e = top.Forward(inputs);
            return e.Select((v, t) => (double)TensorPrimitives.Dot(v, weights[t])).Sum();
        }

        top.ZeroGradients();
        Loss();
        top.Backward(weights.Select(w => w.ToArray()).ToArray());
        var checkedCount = 0;
        foreach (var layer in layers)
        {
            var analytic = layer.Gradients.ToArray();
            var scale = Math.Max(1e-3, analytic.Max(Math.Abs));
            foreach (var index in SampleIndices(random, layer))
            {
                var fd = FiniteDifference(layer, index, Loss);
                Assert.True(Math.Abs(fd - analytic[index]) <= (2e-3 * scale) + (2e-2 * Math.Abs(analytic[index])),
                    $"parameter {index}: analytic {analytic[index]:G6}, finite difference {fd:G6} (scale {scale:G3})");
                checkedCount++;
            }
        }

        Assert.True(checkedCount > 300);
    }

    [Fact]
    public void CoSent_Gradient_MatchesFiniteDifferences() =>
        CheckLoss((l, r, dl, dr) => PairLosses.CoSent(l, r, [1.0, 0.0, 0.5, 1.0, 0.0], 20, dl, dr));

    [Fact]
    public void InfoNce_Gradient_MatchesFiniteDifferences() =>
        CheckLoss((l, r, dl, dr) => PairLosses.InfoNce(l, r, [0, 1, 2, 1, 3], 0.07, dl, dr));

    private static void CheckLoss(Func<float[][], float[][], float[][], float[][], double> loss)
    {
        var random = new Random(5);
        var left = Enumerable.Range(0, 5).Select(_ => Unit(random)).ToArray();
        var right = Enumerable.Range(0, 5).Select(_ => Unit(random)).ToArray();
        var dl = left.Select(x => new float[x.Length]).ToArray();
        var dr = right.Select(x => new float[x.Length]).ToArray();
        loss(left, right, dl, dr);
        var scratchL = left.Select(x => new float[x.Length]).ToArray();
        var scratchR = right.Select(x => new float[x.Length]).ToArray();
        foreach (var (side, grad) in new[] { (left, dl), (right, dr) })
        {
            for (var i = 0; i < side.Length; i++)
            {
                for (var k = 0; k < side[i].Length; k += 3)
                {
                    var old = side[i][k];
                    const float Step = 1e-3f;
                    side[i][k] = old + Step;
                    var plus = loss(left, right, scratchL, scratchR);
                    side[i][k] = old - Step;
                    var minus = loss(left, right, scratchL, scratchR);
                    side[i][k] = old;
                    var fd = (plus - minus) / (2 * Step);
                    Assert.True(Math.Abs(fd - grad[i][k]) <= 2e-3 + (1e-2 * Math.Abs(fd)), $"[{i}][{k}]: analytic {grad[i][k]:G6}, finite difference {fd:G6}");
                }
            }
        }
    }

    private static float[] Unit(Random random)
    {
        var v = new float[16];
        RandomBert.Fill(random, v, 1);
        TensorPrimitives.Divide(v, TensorPrimitives.Norm(v), v);
        return v;
    }

    private static IEnumerable<int> SampleIndices(Random random, BertLayerParameters p)
    {
        foreach (var range in new[] { p.Qkv, p.QkvBias, p.Out, p.OutBias, p.Ln1Gamma, p.Ln1Beta, p.Up, p.UpBias, p.Down, p.DownBias, p.Ln2Gamma, p.Ln2Beta })
        {
            for (var s = 0; s < 14; s++)
            {
                yield return range.Offset + random.Next(range.Length);
            }
        }
    }

    private static double FiniteDifference(BertLayerParameters p, int index, Func<double> loss)
    {
        const float Step = 1e-2f;
        var old = p.Values[index];
        p.Values[index] = old + Step;
        p.Refresh();
        var plus = loss();
        p.Values[index] = old - Step;
        p.Refresh();
        var minus = loss();
        p.Values[index] = old;
        p.Refresh();
        return (plus - minus) / (2.0 * Step);
    }
}
