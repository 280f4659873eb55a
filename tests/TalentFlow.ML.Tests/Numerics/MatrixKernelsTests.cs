using TalentFlow.ML.Numerics;

namespace TalentFlow.ML.Tests.Numerics;

public sealed class MatrixKernelsTests
{
    public static TheoryData<int, int, int> Shapes()
    {
        var data = new TheoryData<int, int, int>();
        foreach (var m in new[] { 0, 1, 3, 4, 5, 9 })
        {
            foreach (var k in new[] { 0, 1, 7, 64 })
            {
                foreach (var n in new[] { 0, 1, 3, 8, 15, 16, 17, 24, 33, 128 })
                {
                    data.Add(m, k, n);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void MultiplyAdd_AnyShape_EqualsDoubleReference(int m, int k, int n)
    {
        var random = new Random((m * 10_000) + (k * 100) + n);
        var a = Values(random, m * k);
        var b = Values(random, k * n);
        var c = Values(random, m * n);
        var expected = new double[m * n];
        for (var i = 0; i < m; i++)
        {
            for (var j = 0; j < n; j++)
            {
                expected[(i * n) + j] = c[(i * n) + j];
                for (var p = 0; p < k; p++)
                {
                    expected[(i * n) + j] += (double)a[(i * k) + p] * b[(p * n) + j];
                }
            }
        }

        MatrixKernels.MultiplyAdd(a, b, c, m, k, n);

        for (var i = 0; i < c.Length; i++)
        {
            Assert.True(Math.Abs(c[i] - expected[i]) <= 1e-5 * Math.Max(1, Math.Abs(expected[i])), $"element {i}: {c[i]} vs {expected[i]}");
        }
    }

    [Fact]
    public void MultiplyAdd_ShortSpan_ThrowsArgumentException()
    {
        Assert.Throws<ArgumentException>(() => MatrixKernels.MultiplyAdd(new float[5], new float[6], new float[4], 2, 3, 2));
    }

    [Fact]
    public void MultiplyAdd_RowInBlockOrAlone_GivesIdenticalResults()
    {
        var random = new Random(1);
        var a = Values(random, 6 * 40);
        var b = Values(random, 40 * 48);
        var block = new float[6 * 48];
        MatrixKernels.MultiplyAdd(a, b, block, 6, 40, 48);
        for (var i = 0; i < 6; i++)
        {
            var alone = new float[48];
            MatrixKernels.MultiplyAdd(a.AsSpan(i * 40, 40), b, alone, 1, 40, 48);
            Assert.Equal(alone, block.AsSpan(i * 48, 48).ToArray());
        }
    }

    private static float[] Values(Random random, int count)
    {
        var values = new float[count];
        for (var i = 0; i < count; i++)
        {
            values[i] = (2 * random.NextSingle()) - 1;
        }

        return values;
    }
}
