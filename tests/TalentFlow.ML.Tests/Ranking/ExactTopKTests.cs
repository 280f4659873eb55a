using TalentFlow.ML.Numerics;
using TalentFlow.ML.Ranking;

namespace TalentFlow.ML.Tests.Ranking;

public sealed class ExactTopKTests
{
    internal static float[] RandomMatrix(int rows, int dims, int seed)
    {
        var random = new Random(seed);
        var matrix = new float[rows * dims];
        for (int i = 0; i < matrix.Length; i++) matrix[i] = (float)(random.NextDouble() * 2 - 1);
        return matrix;
    }

    internal static ScoredRow[] BruteForce(float[] matrix, int dims, float[] query, int k)
    {
        var all = new List<ScoredRow>();
        for (int row = 0; row < matrix.Length / dims; row++)
        {
            // The search's own kernel, so scores compare exactly.
            all.Add(new ScoredRow(row, DotKernels.Dot(matrix.AsSpan(row * dims, dims), query)));
        }
        return [.. all.OrderByDescending(r => r.Score).ThenBy(r => r.Row).Take(k)];
    }

    [Theory]
    [InlineData(100, 16, 5)]
    [InlineData(50_000, 48, 10)]
    [InlineData(70_001, 7, 25)]
    [InlineData(20_000, 384, 10)]
    [InlineData(33_333, 385, 3)]
    public void Search_RandomMatrix_EqualsSortingEveryScore(int rows, int dims, int k)
    {
        var matrix = RandomMatrix(rows, dims, seed: rows);
        var query = RandomMatrix(1, dims, seed: 99);
        var expected = BruteForce(matrix, dims, query, k);
        var result = new ScoredRow[k];
        using var stored = EmbeddingMatrix.FromRows(matrix, dims);

        int found = ExactTopK.Search(matrix, dims, query, result);

        Assert.Equal(k, found);
        Assert.Equal(expected, result);
        Assert.Equal(expected, ExactTopK.Search(stored, query, k));
        Assert.Equal(expected, ExactTopK.Search(stored, query, k, maxDegreeOfParallelism: 1));
        Assert.Equal(expected, ExactTopK.Search(stored, query, k, maxDegreeOfParallelism: 3));
    }

    [Fact]
    public void Search_EveryDimensionFrom1To40_EqualsSortingEveryScore()
    {
        for (int dims = 1; dims <= 40; dims++)
        {
            var matrix = RandomMatrix(257, dims, seed: dims);
            var query = RandomMatrix(1, dims, seed: 1000 + dims);
            using var stored = EmbeddingMatrix.FromRows(matrix, dims);

            Assert.Equal(BruteForce(matrix, dims, query, 9), ExactTopK.Search(stored, query, 9));
        }
    }

    [Fact]
    public void Search_TiesAcrossPartitions_RankLowerRowsFirst()
    {
        const int rows = 40_000, dims = 8;
        var matrix = new float[rows * dims];
        // Every 997th row is the same best vector, so the winners are spread over both partitions and all tie.
        for (int row = 0; row < rows; row += 997) matrix.AsSpan(row * dims, dims).Fill(1f);
        var query = Enumerable.Repeat(1f, dims).ToArray();
        var result = new ScoredRow[12];
        using var stored = EmbeddingMatrix.FromRows(matrix, dims);

        ExactTopK.Search(matrix, dims, query, result, maxDegreeOfParallelism: 2);
        var fromStored = ExactTopK.Search(stored, query, 12, maxDegreeOfParallelism: 2);

        Assert.Equal(Enumerable.Range(0, 12).Select(i => i * 997), result.Select(r => r.Row));
        Assert.All(result, r => Assert.Equal(8f, r.Score));
        Assert.Equal(result, fromStored);
    }

    [Fact]
    public void Search_KLargerThanRows_ReturnsEveryRowBestFirst()
    {
        float[] matrix = [1, 0, 0, 1, 1, 1];
        var result = new ScoredRow[10];
        using var stored = EmbeddingMatrix.FromRows(matrix, 2);

        int found = ExactTopK.Search(matrix, 2, [2f, 1f], result);

        Assert.Equal(3, found);
        Assert.Equal([2, 0, 1], result[..3].Select(r => r.Row));
        Assert.Equal(result[..3], ExactTopK.Search(stored, [2f, 1f], 10));
    }

    [Fact]
    public void Search_EmptyMatrix_ReturnsNothing()
    {
        using var stored = new EmbeddingMatrix(4);

        Assert.Empty(ExactTopK.Search(stored, [1f, 2f, 3f, 4f], 5));
    }

    [Fact]
    public void Search_QueryOfOtherDimensions_ThrowsArgumentException()
    {
        using var stored = EmbeddingMatrix.FromRows(new float[12], 4);
        Assert.Throws<ArgumentException>(() => ExactTopK.Search(new float[12], 4, [1f, 2f], new ScoredRow[1]));
        Assert.Throws<ArgumentException>(() => ExactTopK.Search(new float[10], 4, [1f, 2f, 3f, 4f], new ScoredRow[1]));
        Assert.Throws<ArgumentException>(() => ExactTopK.Search(stored, [1f, 2f, 3f], 1));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    public void Search_KNotPositive_ThrowsArgumentOutOfRangeException(int k)
    {
        using var stored = EmbeddingMatrix.FromRows(new float[12], 4);

        Assert.Throws<ArgumentOutOfRangeException>(() => ExactTopK.Search(stored, [1f, 2f, 3f, 4f], k));
        // An empty result span is k = 0 too.
        Assert.Throws<ArgumentException>(() => ExactTopK.Search(new float[12], 4, [1f, 2f, 3f, 4f], Span<ScoredRow>.Empty));
        Assert.Throws<ArgumentException>(() => ExactTopK.Search(stored, [1f, 2f, 3f, 4f], Span<ScoredRow>.Empty));
    }
}
