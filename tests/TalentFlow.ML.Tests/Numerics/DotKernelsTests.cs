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
    public void DotBytes_MultiplesOf64_EqualsTheScalarSumIncludingExtremes(int length)
    {
        var random = new Random(length);
        var codes = new byte[length];
        var query = new sbyte[length];
        for (int i = 0; i < length; i++)
        {
            // Runs of the extremes, where a saturating pair sum (255 × 64 twice) would show.
            bool extreme = (i / 8) % 2 == 0;
            codes[i] = extreme ? (byte)255 : (byte)random.Next(0, 256);
            query[i] = extreme ? (sbyte)((i / 16) % 2 == 0 ? 64 : -64) : (sbyte)random.Next(-64, 65);
        }
        long expected = 0;
        for (int i = 0; i < length; i++) expected += codes[i] * query[i];

        Assert.Equal(expected, DotKernels.Dot(codes, query));
    }

    [Fact]
    public void DotBytes_BadLengthsOrQueryBeyondTheLimit_ThrowArgumentException()
    {
        Assert.Throws<ArgumentException>(() => DotKernels.Dot(new byte[64], new sbyte[128]));
        Assert.Throws<ArgumentException>(() => DotKernels.Dot(new byte[63], new sbyte[63]));
        var query = new sbyte[64];
        query[5] = 65;
        Assert.Throws<ArgumentException>(() => DotKernels.Dot(new byte[64], query));
    }
}
