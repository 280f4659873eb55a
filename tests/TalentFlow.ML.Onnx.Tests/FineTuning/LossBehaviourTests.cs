using System.Numerics.Tensors;
using TalentFlow.ML.Onnx.FineTuning;

namespace TalentFlow.ML.Onnx.Tests.FineTuning;

/// <summary>What the losses reward, and that training on them lowers them.</summary>
public sealed class LossBehaviourTests
{
    private static float[] Unit(params float[] v)
    {
        TensorPrimitives.Divide(v, TensorPrimitives.Norm(v), v);
        return v;
    }

    private static float[][] Grads(int n) => [.. Enumerable.Range(0, n).Select(_ => new float[2])];

    [Fact]
    public void CoSent_CosinesOrderedLikeLabels_IsNearZero_ReversedIsLarge()
    {
        float[][] left = [Unit(1, 0), Unit(1, 0)];
        float[][] close = [Unit(1, 0.05f), Unit(0, 1)];   // pair 0 (label 1) close, pair 1 (label 0) far
        float[][] swapped = [Unit(0, 1), Unit(1, 0.05f)];

        var good = PairLosses.CoSent(left, close, [1.0, 0.0], 20, Grads(2), Grads(2));
        var bad = PairLosses.CoSent(left, swapped, [1.0, 0.0], 20, Grads(2), Grads(2));

        Assert.InRange(good, 0, 1e-6);
        Assert.InRange(bad, 19, 21); // ≈ λ · (1 − 0)
    }

    [Fact]
    public void CoSent_AllLabelsEqual_IsZeroWithNoGradient()
    {
        float[][] left = [Unit(1, 0), Unit(0, 1)];
        float[][] right = [Unit(1, 1), Unit(1, -1)];
        var dl = Grads(2);

        var loss = PairLosses.CoSent(left, right, [1.0, 1.0], 20, dl, Grads(2));

        Assert.Equal(0, loss, 12);
        Assert.All(dl.SelectMany(g => g), g => Assert.Equal(0f, g));
    }

    [Fact]
    public void InfoNce_SameRightTextTwice_IsNotTreatedAsANegative()
    {
        float[][] left = [Unit(1, 0), Unit(1, 0.1f)];
        float[][] right = [Unit(1, 0.05f), Unit(1, 0.05f)];

        var grouped = PairLosses.InfoNce(left, right, [7, 7], 0.07, Grads(2), Grads(2));
        var separate = PairLosses.InfoNce(left, right, [1, 2], 0.07, Grads(2), Grads(2));

        Assert.Equal(0, grouped, 9);              // each pair's only candidate is its own
        Assert.InRange(separate, 0.5, 1.0);       // two identical candidates: about log 2
    }

    [Theory]
    [InlineData(FineTuneLoss.CoSent)]
    [InlineData(FineTuneLoss.Contrastive)]
    public void AdamWSteps_OnRandomLayer_LowerTheTrainingLoss(FineTuneLoss loss)
    {
        var random = new Random(3);
        var shape = RandomBert.Shape;
        var layer = RandomBert.Layer(random, shape);
        var top = new TrainableTop([layer], threads: 1);
        var texts = Enumerable.Range(0, 8).Select(i => RandomBert.Hidden(random, 3 + i, shape.Hidden)).ToArray();
        double[] labels = [1, 0, 1, 0];
        var optimizer = new AdamW([layer], 3e-3, 0, 40);

        double Step(bool update)
        {
            top.ZeroGradients();
            var e = top.Forward(texts);
            float[][] l = [e[0], e[1], e[2], e[3]], r = [e[4], e[5], e[6], e[7]];
            var dl = l.Select(_ => new float[shape.Hidden]).ToArray();
            var dr = r.Select(_ => new float[shape.Hidden]).ToArray();
            var value = loss == FineTuneLoss.CoSent
                ? PairLosses.CoSent(l, r, labels, 20, dl, dr)
                : PairLosses.InfoNce(l, r, [0, 1, 2, 3], 0.07, dl, dr);
            if (update)
            {
                top.Backward([.. dl, .. dr]);
                optimizer.Update();
            }

            return value;
        }

        var first = Step(update: false);
        for (var s = 0; s < 30; s++)
        {
            Step(update: true);
        }

        Assert.True(Step(update: false) < 0.5 * first, $"loss {first:G4} did not halve");
    }

    [Fact]
    public void AdamW_Schedule_WarmsUpLinearlyThenDecaysToZero()
    {
        var optimizer = new AdamW([], 1e-3, 10, 110);

        Assert.Equal(1e-4, optimizer.RateAt(1), 12);
        Assert.Equal(1e-3, optimizer.RateAt(10), 12);
        Assert.Equal(5e-4, optimizer.RateAt(60), 12);
        Assert.Equal(0, optimizer.RateAt(110), 12);
    }
}
