using TalentFlow.ML.Metrics;
using TalentFlow.ML.Scoring;

namespace TalentFlow.ML.Tests.Scoring;

public sealed class ProjectionHeadTests
{
    /// <summary>Pairs whose score depends on agreement in dimensions 0–1 only; dimensions 2–7 are loud shared noise.</summary>
    private static List<(float[] A, float[] B, double Score)> Pairs(int n, int seed)
    {
        var random = new Random(seed);
        var pairs = new List<(float[], float[], double)>();
        for (int i = 0; i < n; i++)
        {
            var a = new float[8];
            var b = new float[8];
            double agreement = random.NextDouble() * 2 - 1;
            a[0] = 1; a[1] = 0;
            b[0] = (float)agreement; b[1] = (float)Math.Sqrt(1 - agreement * agreement);
            for (int j = 2; j < 8; j++)
            {
                float shared = (float)(random.NextDouble() * 6 - 3);
                a[j] = shared + (float)random.NextDouble();
                b[j] = shared + (float)random.NextDouble();
            }
            pairs.Add((a, b, (agreement + 1) / 2));
        }
        return pairs;
    }

    [Fact]
    public void Train_SignalHiddenUnderSharedNoise_RaisesHeldOutSpearmanOverTheZeroShotCosine()
    {
        var train = Pairs(256, 1);
        var test = Pairs(128, 2);
        var identity = ProjectionHead.Identity(8);

        var head = ProjectionHead.Train(train, new ProjectionHeadOptions { Epochs = 60, LearningRate = 0.01, Seed = 3 });

        double[] human = [.. test.Select(p => p.Score)];
        double zeroShot = RegressionMetrics.Spearman([.. test.Select(p => (double)identity.Cosine(p.A, p.B))], human);
        double tuned = RegressionMetrics.Spearman([.. test.Select(p => (double)head.Cosine(p.A, p.B))], human);
        Assert.True(tuned > zeroShot + 0.1, $"zero-shot {zeroShot:F3}, tuned {tuned:F3}");
    }

    [Fact]
    public void Gradient_SmallBatch_MatchesFiniteDifferences()
    {
        var pairs = Pairs(5, 4).Select(p => (p.A[..3], p.B[..3], p.Score)).ToList();
        var head = ProjectionHead.Train(pairs, new ProjectionHeadOptions { Epochs = 3, LearningRate = 0.05 });
        int[] batch = [0, 1, 2, 3, 4];
        var analytic = new double[9];
        head.Gradient(pairs, batch, 20, analytic);

        var weights = (float[])typeof(ProjectionHead).GetField("_weights", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!.GetValue(head)!;
        const float h = 1e-3f;
        for (int i = 0; i < 9; i++)
        {
            float saved = weights[i];
            weights[i] = saved + h;
            double plus = head.Gradient(pairs, batch, 20, new double[9]);
            weights[i] = saved - h;
            double minus = head.Gradient(pairs, batch, 20, new double[9]);
            weights[i] = saved;
            double numeric = (plus - minus) / (2 * h);
            // Float projections limit agreement to about 1e-3 of the gradient's scale.
            Assert.True(Math.Abs(numeric - analytic[i]) <= 2e-2 * Math.Max(1, Math.Abs(analytic[i])), $"w[{i}] analytic {analytic[i]} numeric {numeric}");
        }
    }
}
