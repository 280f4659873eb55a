using TalentFlow.ML.Ranking;

namespace TalentFlow.ML.Tests.Ranking;

public sealed class EmbeddingMatrixTests
{
    [Theory]
    [InlineData(1, 16)]
    [InlineData(16, 16)]
    [InlineData(17, 32)]
    [InlineData(384, 384)]
    public void Constructor_AnyDimensions_PadsRowsToSixteenFloats(int dimensions, int stride)
    {
        using var matrix = new EmbeddingMatrix(dimensions);

        Assert.Equal(stride, matrix.Stride);
        Assert.Equal(0, matrix.Rows);
    }

    [Fact]
    public void Add_PastCapacity_GrowsAndKeepsEveryRow()
    {
        using var matrix = new EmbeddingMatrix(3, capacity: 1);
        for (int i = 0; i < 100; i++) Assert.Equal(i, matrix.Add([i, -i, 0.5f * i]));

        Assert.Equal(100, matrix.Rows);
        Assert.True(matrix.Capacity >= 100);
        for (int i = 0; i < 100; i++) Assert.Equal([i, -i, 0.5f * i], matrix.Row(i).ToArray());
    }

    [Fact]
    public void SetAndRemoveLast_ChangeOnlyTheirRows()
    {
        using var matrix = EmbeddingMatrix.FromRows([1, 2, 3, 4, 5, 6], 2);
        matrix.Set(0, [9, 9]);
        matrix.RemoveLast();

        Assert.Equal(2, matrix.Rows);
        Assert.Equal([9f, 9f], matrix.Row(0).ToArray());
        Assert.Equal([3f, 4f], matrix.Row(1).ToArray());
        Assert.Throws<ArgumentOutOfRangeException>(() => matrix.Row(2));
        // The freed slot is zero again when reused.
        matrix.Add([7, 8]);
        Assert.Equal([7f, 8f], matrix.Row(2).ToArray());
    }

    [Fact]
    public void AddOrSet_WrongLength_ThrowsArgumentException()
    {
        using var matrix = new EmbeddingMatrix(4);
        Assert.Throws<ArgumentException>(() => matrix.Add([1f, 2f]));
        matrix.Add([1f, 2f, 3f, 4f]);
        Assert.Throws<ArgumentException>(() => matrix.Set(0, [1f, 2f, 3f, 4f, 5f]));
        Assert.Throws<ArgumentException>(() => EmbeddingMatrix.FromRows(new float[10], 4));
        Assert.Throws<ArgumentOutOfRangeException>(() => new EmbeddingMatrix(0));
    }

    [Fact]
    public void Row_AfterDispose_ThrowsObjectDisposedException()
    {
        var matrix = EmbeddingMatrix.FromRows([1, 2], 2);
        matrix.Dispose();

        Assert.Throws<ObjectDisposedException>(() => matrix.Row(0).ToArray());
    }
}
