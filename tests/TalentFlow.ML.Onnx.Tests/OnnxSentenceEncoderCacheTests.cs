namespace TalentFlow.ML.Onnx.Tests;

/// <summary>Each distinct text runs through the model once per call, and a repeat across calls comes from the cache.</summary>
public sealed class OnnxSentenceEncoderCacheTests
{
    private static readonly string[] Texts = ["the quick brown fox", "jumps over the lazy dog", "the quick brown fox"];

    [Fact]
    public void Embed_RepeatedTextInOneCall_SameValuesSeparateArrays()
    {
        using var encoder = new OnnxSentenceEncoder(new OnnxSentenceEncoderOptions { ModelDirectory = TinyBert.Folder, EmbeddingCacheSize = 0 });

        var v = encoder.Embed(Texts);

        Assert.Equal(v[0], v[2]);
        Assert.NotSame(v[0], v[2]);
        Assert.NotEqual(v[0], v[1]);
    }

    [Fact]
    public void Embed_CachedAndUncached_GiveIdenticalVectors()
    {
        using var cached = new OnnxSentenceEncoder(new OnnxSentenceEncoderOptions { ModelDirectory = TinyBert.Folder });
        using var uncached = new OnnxSentenceEncoder(new OnnxSentenceEncoderOptions { ModelDirectory = TinyBert.Folder, EmbeddingCacheSize = 0 });
        var expected = uncached.Embed(Texts);

        var first = cached.Embed(Texts);
        first[0][0] = 42f;   // a caller's change must not reach the next caller
        var second = cached.Embed([Texts[1], Texts[0], "a text not seen before"]);

        Assert.Equal(expected[1], second[0]);
        Assert.Equal(expected[0], second[1]);
        Assert.Equal(uncached.Embed(["a text not seen before"])[0], second[2]);
    }

    [Fact]
    public void Embed_NullTextAmongCachedOnes_StillThrows()
    {
        using var encoder = new OnnxSentenceEncoder(new OnnxSentenceEncoderOptions { ModelDirectory = TinyBert.Folder });
        encoder.Embed(["hello"]);

        Assert.Throws<ArgumentException>(() => encoder.Embed(["hello", null!]));
    }

    [Fact]
    public void Validate_NegativeCacheSize_Fails() =>
        Assert.Throws<System.ComponentModel.DataAnnotations.ValidationException>(() =>
            new OnnxSentenceEncoderOptions { ModelDirectory = TinyBert.Folder, EmbeddingCacheSize = -1 }.Validate());
}
