using System.ComponentModel.DataAnnotations;
using System.Diagnostics;
using System.Numerics.Tensors;
using System.Text;

namespace TalentFlow.ML.Onnx.Tests.MiniLm;

/// <summary>Texts past 256 tokens on all-MiniLM-L6-v2: truncated by default, windowed (256 tokens, stride 128) on request.</summary>
[Collection(MiniLmCollection.Name)]
public sealed class LongTextTests : IDisposable
{
    private readonly OnnxSentenceEncoder _truncating;
    private readonly OnnxSentenceEncoder _windowing = MiniLmModel.Load(new MiniLmOptions { IntraOpThreads = 2, LongTexts = LongTextMode.Window });

    public LongTextTests(MiniLmFixture fixture) => _truncating = fixture.Encoder;

    public void Dispose() => _windowing.Dispose();

    // About 430 word pieces (4 windows): a resume whose skills come last, well past the first window.
    private static string LongResume()
    {
        var sb = new StringBuilder();
        for (var i = 0; i < 12; i++)
        {
            sb.Append("Worked as a warehouse associate, loading trucks, counting stock and keeping the inventory sheets in order. ");
        }

        for (var i = 0; i < 8; i++)
        {
            sb.Append("Software engineer: Python, Django, PostgreSQL, Kubernetes, distributed systems and machine learning. ");
        }

        return sb.ToString();
    }

    [Fact]
    public void Tokenize_LongTextWindowed_Gives256TokenWindows128PiecesApart()
    {
        var text = LongResume();
        var pieces = _truncating.Tokenizer.EncodePieces(text, int.MaxValue, out _);
        var tokenized = _windowing.Tokenize(text);

        Assert.InRange(pieces.Length, 400, 900);
        Assert.Equal(1 + (int)Math.Ceiling((pieces.Length - 254) / 128.0), tokenized.Windows.Count);
        Assert.False(tokenized.Truncated);
        Assert.Equal(pieces.Length + 2, tokenized.Tokens);
        for (var w = 0; w < tokenized.Windows.Count; w++)
        {
            var window = tokenized.Windows[w];
            Assert.InRange(window.Length, 3, 256);
            Assert.Equal(pieces.Skip(w * 128).Take(window.Length - 2), window[1..^1]);
        }

        Assert.Equal(pieces[^1], tokenized.Windows[^1][^2]);
    }

    [Theory]
    [InlineData(1000)]
    [InlineData(513)]
    public void EncodePieces_CutInChunks_EqualsThePrefixOfTheWholeText(int maxPieces)
    {
        // Several 8×maxPieces-character chunks, the Greek word-final Σ near a chunk edge included.
        var text = string.Concat(Enumerable.Repeat(LongResume() + " ΟΔΟΣ\tΣΑΣ\n", 6));
        var whole = _truncating.Tokenizer.EncodePieces(text, int.MaxValue, out var wholeCut);
        var prefix = _truncating.Tokenizer.EncodePieces(text, maxPieces, out var cut);

        Assert.False(wholeCut);
        Assert.True(whole.Length > 2 * maxPieces);
        Assert.True(cut);
        Assert.Equal(whole[..maxPieces], prefix);
    }

    [Fact]
    public void Tokenize_LongTextTruncating_KeepsTheFirst254PiecesAndSaysSo()
    {
        var tokenized = _truncating.Tokenize(LongResume());
        var window = Assert.Single(tokenized.Windows);
        Assert.Equal(256, window.Length);
        Assert.Equal(256, tokenized.Tokens);
        Assert.True(tokenized.Truncated);
    }

    [Fact]
    public async Task EmbedAsync_LongTextWindowed_IsTheNormalisedMeanOfItsWindows()
    {
        var text = LongResume();
        var windows = _windowing.Tokenize(text).Windows.ToArray();
        var perWindow = _windowing.EmbedSequences(windows);
        var expected = new float[384];
        foreach (var v in perWindow)
        {
            TensorPrimitives.Add(expected, v, expected);
        }

        TensorPrimitives.Divide(expected, TensorPrimitives.Norm(expected), expected);

        var actual = (await _windowing.EmbedAsync([text]))[0];
        Assert.True(TensorPrimitives.Distance(expected, actual) < 1e-5f);
        Assert.Equal(1f, TensorPrimitives.Norm(actual), 1e-5f);
    }

    [Fact]
    public async Task EmbedAsync_LongTextWindowed_SeesTheSkillsAtTheEnd()
    {
        var text = LongResume();
        var job = (await _truncating.EmbedAsync(["Python software engineer for Django, PostgreSQL and Kubernetes services."]))[0];
        var truncated = (await _truncating.EmbedAsync([text]))[0];
        var windowed = (await _windowing.EmbedAsync([text]))[0];

        // The truncated embedding only saw the warehouse half; the windows also saw the engineering half.
        Assert.True(TensorPrimitives.Dot(windowed, job) > TensorPrimitives.Dot(truncated, job) + 0.05f,
            $"windowed {TensorPrimitives.Dot(windowed, job)}, truncated {TensorPrimitives.Dot(truncated, job)}");
    }

    [Fact]
    public async Task EmbedAsync_ShortTextWindowed_IsExactlyTheTruncatedEmbedding()
    {
        const string text = "Registered nurse with ICU experience.";
        var a = (await _truncating.EmbedAsync([text]))[0];
        var b = (await _windowing.EmbedAsync([text]))[0];
        Assert.Equal(a, b);
        Assert.Single(_windowing.Tokenize(text).Windows);
    }

    [Fact]
    public async Task EmbedAsync_OneMegabyteText_IsCutClearlyAndStillEmbeds()
    {
        var text = string.Concat(Enumerable.Repeat("Experienced accountant, audits, tax returns and payroll. ", 18_000));
        Assert.True(text.Length > 1_000_000);

        var watch = Stopwatch.StartNew();
        var truncated = _truncating.Tokenize(text);
        var windowed = _windowing.Tokenize(text);
        var vectors = await _windowing.EmbedAsync([text]);
        watch.Stop();

        Assert.True(truncated.Truncated);
        Assert.Equal(256, truncated.Tokens);
        Assert.True(windowed.Truncated);
        Assert.Equal(16, windowed.Windows.Count);
        Assert.Equal(254 + (15 * 128) + 2, windowed.Tokens);
        Assert.Equal(1f, TensorPrimitives.Norm(vectors[0]), 1e-5f);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(60), $"took {watch.Elapsed}");
    }

    [Fact]
    public void Load_WindowStridePast254_ThrowsValidationException()
    {
        Assert.Throws<ValidationException>(() => MiniLmModel.Load(new MiniLmOptions { LongTexts = LongTextMode.Window, WindowStride = 255 }));
    }

    [Fact]
    public void VersionId_Windowed_NamesTheWindowSettings()
    {
        Assert.Equal("all-MiniLM-L6-v2:4a64cee3d4134bbd:window128x16", _windowing.VersionId);
        Assert.NotEqual(_truncating.VersionId, _windowing.VersionId);
    }
}
