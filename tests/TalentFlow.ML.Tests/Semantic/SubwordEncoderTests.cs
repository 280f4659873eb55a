using System.Numerics.Tensors;
using TalentFlow.ML.Semantic;

namespace TalentFlow.ML.Tests.Semantic;

public sealed class SubwordEncoderTests
{
    private static readonly string[] Corpus = TopicCorpus.Documents();

    private static SubwordOptions Small => new() { Dimensions = 8, Oversampling = 4 };

    private static SubwordEncoder CreateSut(int seed = 0) => SubwordEncoder.Fit(Corpus, Small with { Seed = seed });

    [Fact]
    public void Fit_SameCorpusAndSeed_IsBitIdentical()
    {
        var a = CreateSut();
        var b = CreateSut();

        Assert.Equal(a.VersionId, b.VersionId);
        Assert.StartsWith("subword-", a.VersionId, StringComparison.Ordinal);
        foreach (var text in new[] { "nurse on the icu ward", "kubernetes cluster", "payrol and invoicing", "" })
        {
            Assert.Equal(a.Embed(text), b.Embed(text));
        }
    }

    [Fact]
    public void Fit_DifferentSeed_GivesADifferentVersion()
    {
        Assert.NotEqual(CreateSut(seed: 0).VersionId, CreateSut(seed: 1).VersionId);
    }

    [Fact]
    public async Task EmbedAsync_WordsSharingContexts_LandCloserThanUnrelatedOnes()
    {
        var encoder = CreateSut();
        var e = await encoder.EmbedAsync(["k8s", "kubernetes", "nurse", "ledger"]);

        // "k8s" and "kubernetes" never occur in the same document; plain TF-IDF cosine of the two texts is 0.
        float related = TensorPrimitives.Dot(e[0], e[1]);
        Assert.True(related > 0.8f, $"k8s·kubernetes {related}");
        Assert.True(related > TensorPrimitives.Dot(e[0], e[2]) + 0.3f, $"k8s·nurse {TensorPrimitives.Dot(e[0], e[2])}");
        Assert.True(related > TensorPrimitives.Dot(e[0], e[3]) + 0.3f, $"k8s·ledger {TensorPrimitives.Dot(e[0], e[3])}");
    }

    [Fact]
    public void TryGetWordVector_UnseenMisspelling_IsClosestToItsCorrectSpelling()
    {
        var encoder = CreateSut();
        Assert.DoesNotContain("kubernetse", encoder.Words);
        var misspelled = new float[encoder.Dimension];
        var other = new float[encoder.Dimension];

        Assert.True(encoder.TryGetWordVector("Kubernetse", misspelled));
        Assert.True(encoder.TryGetWordVector("kubernetes", other));
        float correct = TensorPrimitives.Dot(misspelled, other);
        Assert.True(correct > 0.8f, $"kubernetse·kubernetes {correct}");
        foreach (var word in encoder.Words.Where(w => w != "kubernetes"))
        {
            Assert.True(encoder.TryGetWordVector(word, other));
            Assert.True(TensorPrimitives.Dot(misspelled, other) < correct, $"kubernetse·{word} ≥ kubernetse·kubernetes");
        }
    }

    [Fact]
    public async Task EmbedAsync_EmptyBlankOrStopWordText_IsTheZeroVectorAndOthersAreUnitLength()
    {
        var encoder = CreateSut();
        var e = await encoder.EmbedAsync(["audit and tax work", "", "   \n\t", "the and of 2024", "qqq"]);

        Assert.Equal(5, e.Length);
        Assert.All(e, v => Assert.Equal(encoder.Dimension, v.Length));
        Assert.Equal(1f, TensorPrimitives.Norm(e[0]), 5);
        Assert.All(e[1], v => Assert.Equal(0f, v));
        Assert.All(e[2], v => Assert.Equal(0f, v));
        Assert.All(e[3], v => Assert.Equal(0f, v));
        // An unknown word gets the vector of its n-grams when any was learned, or nothing; either way a valid embedding.
        Assert.True(TensorPrimitives.Norm(e[4]) is 0f or > 0.99999f and < 1.00001f);
        Assert.Empty(await encoder.EmbedAsync([]));
    }

    [Fact]
    public void EmbedAsync_NullText_ThrowsArgumentException()
    {
        Assert.Throws<ArgumentException>(() => CreateSut().EmbedAsync([null!]).GetAwaiter().GetResult());
    }

    [Fact]
    public void Fit_BadOptionsOrTooLittleText_ThrowsArgumentException()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => SubwordEncoder.Fit(Corpus, Small with { Dimensions = 1 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => SubwordEncoder.Fit(Corpus, Small with { MinN = 4, MaxN = 3 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => SubwordEncoder.Fit(Corpus, Small with { Buckets = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => SubwordEncoder.Fit(Corpus, Small with { SifWeight = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SubwordOptions { Window = 0 }.Validate());
        Assert.Throws<ArgumentException>(() => SubwordEncoder.Fit(["only one document"]));
        Assert.Throws<ArgumentException>(() => SubwordEncoder.Fit(["the and", "of to"]));
    }
}
