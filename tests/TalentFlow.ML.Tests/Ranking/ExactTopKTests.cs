using TalentFlow.ML.Ranking;

namespace TalentFlow.ML.Tests.Ranking;

public sealed class ExactTopKTests
{
    private static float[] RandomMatrix(int rows, int dims, int seed)
    {
        var random = new Random(seed);
        var matrix = new float[rows * dims];
        for (int i = 0; i < matrix.Length; i++) matrix[i] = (float)(random.NextDouble() * 2 - 1);
        return matrix;
    }

    private static ScoredRow[] BruteForce(float[] matrix, int dims, float[] query, int k)
    {
        var all = new List<ScoredRow>();
        for (int row = 0; row < matrix.Length / dims; row++)
        {
            // Same float operation as the search, so scores compare exactly.
            all.Add(new ScoredRow(row, System.Numerics.Tensors.TensorPrimitives.Dot(matrix.AsSpan(row * dims, dims), query)));
        }
        return [.. all.OrderByDescending(r => r.Score).ThenBy(r => r.Row).Take(k)];
    }

    [Theory]
    [InlineData(100, 16, 5)]
    [InlineData(50_000, 48, 10)]
    [InlineData(70_001, 7, 25)]
    public void Search_RandomMatrix_EqualsSortingEveryScore(int rows, int dims, int k)
    {
        var matrix = RandomMatrix(rows, dims, seed: rows);
        var query = RandomMatrix(1, dims, seed: 99);
        var result = new ScoredRow[k];

        int found = ExactTopK.Search(matrix, dims, query, result);

        Assert.Equal(k, found);
        Assert.Equal(BruteForce(matrix, dims, query, k), result);
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

        ExactTopK.Search(matrix, dims, query, result, maxDegreeOfParallelism: 2);

        Assert.Equal(Enumerable.Range(0, 12).Select(i => i * 997), result.Select(r => r.Row));
        Assert.All(result, r => Assert.Equal(8f, r.Score));
    }

    [Fact]
    public void Search_KLargerThanRows_ReturnsEveryRowBestFirst()
    {
        float[] matrix = [1, 0, 0, 1, 1, 1];
        var result = new ScoredRow[10];

        int found = ExactTopK.Search(matrix, 2, [2f, 1f], result);

        Assert.Equal(3, found);
        Assert.Equal([2, 0, 1], result[..3].Select(r => r.Row));
    }

    [Fact]
    public void Search_QueryOfOtherDimensions_ThrowsArgumentException()
    {
        Assert.Throws<ArgumentException>(() => ExactTopK.Search(new float[12], 4, [1f, 2f], new ScoredRow[1]));
        Assert.Throws<ArgumentException>(() => ExactTopK.Search(new float[10], 4, [1f, 2f, 3f, 4f], new ScoredRow[1]));
    }
}

public sealed class QuantizedIndexTests
{
    [Fact]
    public void Search_RandomUnitVectors_FindsAtLeast99PercentOfTheExactTop10WithExactScores()
    {
        const int rows = 20_000, dims = 64, k = 10;
        var random = new Random(11);
        var matrix = new float[rows * dims];
        for (int i = 0; i < matrix.Length; i++) matrix[i] = (float)(random.NextDouble() * 2 - 1);
        var index = new QuantizedIndex(matrix, dims);
        int found = 0;
        for (int q = 0; q < 20; q++)
        {
            var query = Enumerable.Range(0, dims).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
            var exact = new ScoredRow[k];
            var approx = new ScoredRow[k];
            ExactTopK.Search(matrix, dims, query, exact);
            Assert.Equal(k, index.Search(query, approx));
            found += approx.Count(a => exact.Contains(a));
            // Re-ranked rows carry their exact float32 score.
            Assert.All(approx, a => Assert.Equal(System.Numerics.Tensors.TensorPrimitives.Dot(matrix.AsSpan(a.Row * dims, dims), query), a.Score));
        }
        Assert.True(found >= 0.99 * 20 * k, $"recall {found / (20.0 * k)}");
    }

    [Fact]
    public void Search_DimensionsNotAMultipleOf32AndZeroRows_Work()
    {
        float[] matrix = [1, 2, 3, 0, 0, 0, -1, -2, -3];
        var index = new QuantizedIndex(matrix, 3);
        var result = new ScoredRow[5];

        Assert.Equal(3, index.Search([1f, 1f, 1f], result));
        Assert.Equal([0, 1, 2], result[..3].Select(r => r.Row));
    }
}
