using TalentFlow.ML.Onnx.Internal;

namespace TalentFlow.ML.Onnx.Tests.Internal;

public sealed class EmbeddingCacheTests
{
    [Fact]
    public void Add_PastCapacity_EvictsTheLeastRecentlyUsed()
    {
        var cache = new EmbeddingCache(2);
        cache.Add("a", [1f]);
        cache.Add("b", [2f]);
        Assert.True(cache.TryGet("a", out _));   // "a" is now the most recent

        cache.Add("c", [3f]);

        Assert.True(cache.TryGet("a", out var a));
        Assert.False(cache.TryGet("b", out _));
        Assert.True(cache.TryGet("c", out var c));
        Assert.Equal([1f], a);
        Assert.Equal([3f], c);
    }

    [Fact]
    public void TryGet_CallerChangesTheVector_CacheKeepsItsOwnCopy()
    {
        var cache = new EmbeddingCache(4);
        float[] stored = [1f, 2f];
        cache.Add("a", stored);
        stored[0] = 9f;
        Assert.True(cache.TryGet("a", out var first));
        first[1] = 9f;

        Assert.True(cache.TryGet("a", out var second));
        Assert.Equal([1f, 2f], second);
    }

    [Fact]
    public void Add_TextOverTheLengthLimit_IsNotKept()
    {
        var cache = new EmbeddingCache(4);
        var huge = new string('x', EmbeddingCache.MaxTextLength + 1);
        cache.Add(huge, [1f]);
        cache.Add("short", [2f]);

        Assert.False(cache.TryGet(huge, out _));
        Assert.True(cache.TryGet("short", out _));
    }
}
