using TalentFlow.ML.Onnx.FineTuning;

namespace TalentFlow.ML.Onnx.Tests.FineTuning;

/// <summary>Small random BERT layers and inputs from a fixed seed, for gradient checks.</summary>
internal static class RandomBert
{
    public static BertShape Shape { get; } = new(32, 4, 64);

    public static BertLayerParameters Layer(Random random, BertShape shape)
    {
        var p = new BertLayerParameters(shape);
        Fill(random, p.Value(p.Qkv), 0.25); Fill(random, p.Value(p.QkvBias), 0.1);
        Fill(random, p.Value(p.Out), 0.2); Fill(random, p.Value(p.OutBias), 0.1);
        Fill(random, p.Value(p.Up), 0.2); Fill(random, p.Value(p.UpBias), 0.5);
        Fill(random, p.Value(p.Down), 0.15); Fill(random, p.Value(p.DownBias), 0.1);
        foreach (var (gamma, beta) in new[] { (p.Ln1Gamma, p.Ln1Beta), (p.Ln2Gamma, p.Ln2Beta) })
        {
            Fill(random, p.Value(gamma), 0.2);
            foreach (ref var g in p.Value(gamma))
            {
                g += 1;
            }

            Fill(random, p.Value(beta), 0.1);
        }

        p.Refresh();
        return p;
    }

    public static float[] Hidden(Random random, int tokens, int hidden)
    {
        var x = new float[tokens * hidden];
        Fill(random, x, 1.0);
        return x;
    }

    public static void Fill(Random random, Span<float> values, double scale)
    {
        for (var i = 0; i < values.Length; i++)
        {
            // Box–Muller: normal values, so the check sees realistic pre-activations on both sides of GELU's bend.
            var u = 1 - random.NextDouble();
            values[i] = (float)(scale * Math.Sqrt(-2 * Math.Log(u)) * Math.Cos(2 * Math.PI * random.NextDouble()));
        }
    }
}
