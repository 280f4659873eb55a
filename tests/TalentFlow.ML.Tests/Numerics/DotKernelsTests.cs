using TalentFlow.ML.Numerics;

namespace TalentFlow.ML.Tests.Numerics;

public sealed class DotKernelsTests
{
    private static float[] Random(int length, int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, length).Select(_ => (float)(random.NextDouble() * 2 - 1))];
    }

    [Fact]
    public void Dot_LengthsZeroTo256_MatchADoublePrecisionReference()
    {
        for (int length = 0; length <= 256; length++)
        {
            var x = Random(length, length);
            var y = Random(length, length + 1000);
            double reference = 0, magnitude = 0;
            for (int i = 0; i < length; i++)
            {
                reference += (double)x[i] * y[i];
                magnitude += Math.Abs((double)x[i] * y[i]);
            }

            float dot = DotKernels.Dot(x, y);

            Assert.True(Math.Abs(dot - reference) <= 1e-6 * Math.Max(1, magnitude), $"length {length}: {dot} vs {reference}");
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(15)]
    [InlineData(17)]
    [InlineData(63)]
    [InlineData(65)]
    [InlineData(383)]
    [InlineData(384)]
    [InlineData(385)]
    public void Dot_PaddedWithZerosToTheChunk_GivesTheSameBits(int length)
    {
        var x = Random(length, 1);
        var y = Random(length, 2);
        int padded = (length + DotKernels.FloatChunk - 1) / DotKernels.FloatChunk * DotKernels.FloatChunk;
        var xp = new float[padded + DotKernels.FloatChunk];
        var yp = new float[padded + DotKernels.FloatChunk];
        x.CopyTo(xp, 0);
        y.CopyTo(yp, 0);

        Assert.Equal(DotKernels.Dot(x, y), DotKernels.Dot(xp.AsSpan(0, padded), yp.AsSpan(0, padded)));
        // A further all-zero chunk changes nothing either (a row stored with more padding scores the same).
        Assert.Equal(DotKernels.Dot(x, y), DotKernels.Dot(xp, yp));
    }

    [Fact]
    public void Dot_SpansOfDifferentLengths_ThrowsArgumentException()
    {
        Assert.Throws<ArgumentException>(() => DotKernels.Dot(new float[3], new float[4]));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(64)]
    [InlineData(128)]
    [InlineData(192)]
    [InlineData(256)]
    [InlineData(384)]
    public void DotInt8_MultiplesOf64_EqualsTheScalarSumIncludingExtremes(int length)
    {
        var random = new Random(length);
        var codes = new sbyte[length];
        var query = new short[length];
        for (int i = 0; i < length; i++)
        {
            // Every third element at the extremes, where a widening or a saturation would show.
            codes[i] = i % 3 == 0 ? (sbyte)(i % 2 == 0 ? 127 : -127) : (sbyte)random.Next(-127, 128);
            query[i] = i % 3 == 0 ? (short)(i % 4 == 0 ? 5000 : -5000) : (short)random.Next(-5000, 5001);
        }
        long expected = 0;
        for (int i = 0; i < length; i++) expected += codes[i] * query[i];

        Assert.Equal(expected, DotKernels.Dot(codes, query));
        if (length > 0) Assert.Throws<ArgumentException>(() => DotKernels.Dot(codes.AsSpan(1), query.AsSpan(1)));
    }
}
