using TalentFlow.ML.Ranking;

namespace TalentFlow.ML.Tests.Ranking;

public sealed class QuantizedIndexTests
{
    /// <summary>Mean recall@k of the index against the exact search, and whether every returned score was the exact one.</summary>
    private static (double Recall, bool ExactScores) Measure(float[] matrix, int dims, IEnumerable<float[]> queries, int k, int shortList)
    {
        using var stored = EmbeddingMatrix.FromRows(matrix, dims);
        using var index = new QuantizedIndex(stored);
        int hits = 0, total = 0;
        bool exactScores = true;
        foreach (var query in queries)
        {
            var exact = ExactTopK.Search(stored, query, k);
            var approx = new ScoredRow[k];
            Assert.Equal(k, index.Search(query, approx, shortList));
            hits += approx.Count(a => exact.Any(e => e.Row == a.Row));
            total += k;
            // Re-ranked rows carry the exact search's own float32 score for that row.
            exactScores &= approx.All(a => a.Score == ExactTopK.Search(EmbeddingMatrix.FromRows(matrix.AsSpan(a.Row * dims, dims), dims), query, 1)[0].Score);
        }
        return ((double)hits / total, exactScores);
    }

    private static float[] Unit(Random random, int dims)
    {
        var v = Enumerable.Range(0, dims).Select(_ => (float)(Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble()))).ToArray();
        float norm = System.Numerics.Tensors.TensorPrimitives.Norm(v);
        return [.. v.Select(x => x / norm)];
    }

    [Fact]
    public void Search_GaussianUnitVectors384_RecallAt10InRangeWithExactScores()
    {
        const int rows = 20_000, dims = 384, k = 10;
        var random = new Random(11);
        var matrix = Enumerable.Range(0, rows).SelectMany(_ => Unit(random, dims)).ToArray();

        var (recall, exactScores) = Measure(matrix, dims, Enumerable.Range(0, 20).Select(_ => Unit(random, dims)), k, shortList: 100);

        Assert.InRange(recall, 0.99, 1.0);
        Assert.True(exactScores);
    }

    [Fact]
    public void Search_ClusteredVectorsWithAShortListOfK_RecallInRange()
    {
        // Near-duplicates around 50 centres are where int8 rounding swaps neighbours; with no re-rank margin (short list = k)
        // recall drops measurably but stays high — the assertion fails if the approximate scan is wrong, not only imprecise.
        const int rows = 10_000, dims = 64, k = 10;
        var random = new Random(12);
        var centres = Enumerable.Range(0, 50).Select(_ => Unit(random, dims)).ToArray();
        float[] Draw()
        {
            var c = centres[random.Next(centres.Length)];
            var v = Unit(random, dims);
            return [.. v.Select((x, i) => c[i] + 0.3f * x)];
        }
        var matrix = Enumerable.Range(0, rows).SelectMany(_ => Draw()).ToArray();
        var queries = Enumerable.Range(0, 30).Select(_ => Draw()).ToArray();

        var (tight, _) = Measure(matrix, dims, queries, k, shortList: k);
        var (wide, exactScores) = Measure(matrix, dims, queries, k, shortList: 200);

        Assert.InRange(tight, 0.7, 1.0);
        Assert.InRange(wide, 0.99, 1.0);
        Assert.True(wide >= tight);
        Assert.True(exactScores);
    }

    [Fact]
    public void Search_DimensionsNotAMultipleOf64AndAZeroRow_Work()
    {
        float[] matrix = [1, 2, 3, 0, 0, 0, -1, -2, -3];
        using var index = new QuantizedIndex(matrix, 3);
        var result = new ScoredRow[5];

        Assert.Equal(3, index.Search([1f, 1f, 1f], result));
        Assert.Equal([0, 1, 2], result[..3].Select(r => r.Row));
        Assert.Equal([6f, 0f, -6f], result[..3].Select(r => r.Score));
    }

    [Fact]
    public void Search_ZeroQuery_ReturnsKRowsScoredZero()
    {
        using var index = new QuantizedIndex([1, 2, 3, 4, 5, 6], 2);
        var result = new ScoredRow[2];

        Assert.Equal(2, index.Search([0f, 0f], result));
        Assert.All(result, r => Assert.Equal(0f, r.Score));
    }

    [Fact]
    public void SearchAndConstructor_BadInput_ThrowTypedErrors()
    {
        using var index = new QuantizedIndex([1, 2, 3, 4], 2);

        Assert.Throws<ArgumentException>(() => index.Search([1f, 2f, 3f], new ScoredRow[1]));
        Assert.Throws<ArgumentException>(() => index.Search([1f, 2f], Span<ScoredRow>.Empty));
        Assert.Throws<ArgumentOutOfRangeException>(() => index.Search([1f, 2f], new ScoredRow[1], shortList: 0));
        Assert.Throws<ArgumentException>(() => index.Search([float.NaN, 2f], new ScoredRow[1]));
        Assert.Throws<ArgumentException>(() => new QuantizedIndex([1, 2, 3], 2));
        Assert.Throws<ArgumentException>(() => new QuantizedIndex([1, float.PositiveInfinity], 2));
        Assert.Throws<ArgumentNullException>(() => new QuantizedIndex((EmbeddingMatrix)null!));
    }
}
