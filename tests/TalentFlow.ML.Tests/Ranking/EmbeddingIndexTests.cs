using TalentFlow.ML.Ranking;

namespace TalentFlow.ML.Tests.Ranking;

public sealed class EmbeddingIndexTests
{
    [Fact]
    public void Search_AfterUpsertReplaceAndRemove_SeesOnlyTheCurrentVectors()
    {
        using var index = new EmbeddingIndex(2, initialCapacity: 1);
        index.Upsert("a", [1f, 0f]);
        index.Upsert("b", [0f, 1f]);
        index.Upsert("c", [0.5f, 0.5f]);
        index.Upsert("a", [-1f, 0f]);
        Assert.True(index.Remove("b"));
        Assert.False(index.Remove("b"));

        var hits = index.Search([1f, 0.1f], 5);

        Assert.Equal(2, index.Count);
        Assert.Equal(["c", "a"], hits.Select(h => h.Id));
        Assert.Equal(0.55f, hits[0].Score, 5);
    }

    [Fact]
    public void Search_ManyItemsAcrossGrowth_MatchesBruteForce()
    {
        using var index = new EmbeddingIndex(8, initialCapacity: 4);
        var random = new Random(5);
        var vectors = new Dictionary<string, float[]>();
        for (int i = 0; i < 3000; i++)
        {
            var v = Enumerable.Range(0, 8).Select(_ => (float)random.NextDouble()).ToArray();
            vectors["item-" + i] = v;
            index.Upsert("item-" + i, v);
        }
        for (int i = 0; i < 3000; i += 3)
        {
            index.Remove("item-" + i);
            vectors.Remove("item-" + i);
        }
        float[] query = [1, -1, 1, -1, 1, -1, 1, -1];

        var hits = index.Search(query, 7);

        var expected = vectors.Select(p => (p.Key, Score: TalentFlow.ML.Numerics.DotKernels.Dot(p.Value, query)))
            .OrderByDescending(p => p.Score).Take(7).Select(p => p.Key);
        Assert.Equal(expected, hits.Select(h => h.Id));
    }

    [Fact]
    public void Search_WithFilterAndMinScore_EqualsBruteForceOverTheAdmittedItems()
    {
        using var index = new EmbeddingIndex(16, initialCapacity: 8);
        var random = new Random(9);
        var vectors = new Dictionary<string, float[]>();
        for (int i = 0; i < 2000; i++)
        {
            var v = Enumerable.Range(0, 16).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();
            vectors["item-" + i] = v;
            index.Upsert("item-" + i, v);
        }
        var query = Enumerable.Range(0, 16).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();
        static bool Admit(string id) => id.EndsWith('7');

        var hits = index.Search(query, 10, Admit, minScore: 0.2f);
        var unfiltered = index.Search(query, 10);

        var expected = vectors.Where(p => Admit(p.Key)).Select(p => (p.Key, Score: TalentFlow.ML.Numerics.DotKernels.Dot(p.Value, query)))
            .Where(p => p.Score >= 0.2f).OrderByDescending(p => p.Score).Take(10).ToList();
        Assert.Equal(10, hits.Count);
        Assert.Equal(expected.Select(e => e.Key), hits.Select(h => h.Id));
        Assert.Equal(expected.Select(e => e.Score), hits.Select(h => h.Score));
        Assert.NotEqual(unfiltered.Select(h => h.Id), hits.Select(h => h.Id));
        Assert.Empty(index.Search(query, 10, Admit, minScore: 5f));
    }

    [Fact]
    public void Upsert_NaNOrWrongLength_ThrowsAndLeavesTheIndexUnchanged()
    {
        using var index = new EmbeddingIndex(2);
        Assert.Throws<ArgumentException>(() => index.Upsert("x", [float.NaN, 0f]));
        Assert.Throws<ArgumentException>(() => index.Upsert("x", [1f]));
        Assert.Equal(0, index.Count);
        Assert.Empty(index.Search([1f, 1f], 3));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Search_KNotPositiveOrQueryOfOtherDimensions_ThrowsTypedErrors(int k)
    {
        using var index = new EmbeddingIndex(2);
        index.Upsert("a", [1f, 0f]);

        Assert.Throws<ArgumentOutOfRangeException>(() => index.Search([1f, 1f], k));
        Assert.Throws<ArgumentOutOfRangeException>(() => index.Search([1f, 1f], k, static _ => true));
        Assert.Throws<ArgumentException>(() => index.Search([1f, 1f, 1f], 1));
    }
}
