using TalentFlow.ML.Onnx.Internal;

namespace TalentFlow.ML.Onnx.Tests.Internal;

public sealed class MeanPoolingTests
{
    private static float[] Reference(float[] hidden, int tokens, int dimension)
    {
        var mean = new double[dimension];
        for (var t = 0; t < tokens; t++)
        {
            for (var d = 0; d < dimension; d++)
            {
                mean[d] += hidden[(t * dimension) + d];
            }
        }

        var norm = Math.Sqrt(mean.Sum(x => (x / Math.Max(tokens, 1e-9)) * (x / Math.Max(tokens, 1e-9))));
        return mean.Select(x => (float)(x / Math.Max(tokens, 1e-9) / Math.Max(norm, 1e-12))).ToArray();
    }

    public static TheoryData<int> Dimensions() => new(0, 1, 3, 7, 8, 16, 31, 32, 33, 64, 127, 256, 384);

    [Theory]
    [MemberData(nameof(Dimensions))]
    public void PoolAndNormalize_RandomHiddenWithPadding_MatchesScalarReference(int dimension)
    {
        var rng = new Random(dimension);
        const int width = 9, tokens = 6;
        var hidden = Enumerable.Range(0, width * dimension).Select(_ => (float)((rng.NextDouble() * 4) - 2)).ToArray();
        var actual = new float[dimension];
        MeanPooling.PoolAndNormalize(hidden, tokens, actual);
        var expected = Reference(hidden, tokens, dimension);
        for (var d = 0; d < dimension; d++)
        {
            Assert.Equal(expected[d], actual[d], 1e-5f);
        }
    }

    [Fact]
    public void Normalize_ZeroVector_StaysZero()
    {
        var v = new float[8];
        MeanPooling.Normalize(v);
        Assert.All(v, x => Assert.Equal(0f, x));
    }

    [Fact]
    public void PoolAndNormalize_HiddenTooShort_Throws()
    {
        Assert.Throws<ArgumentException>(() => MeanPooling.PoolAndNormalize(new float[5], 2, new float[4]));
    }
}
