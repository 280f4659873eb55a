using System.ComponentModel.DataAnnotations;

namespace TalentFlow.ML.Onnx.Tests;

public sealed class OnnxSentenceEncoderTests : IClassFixture<TinyBertEncoderFixture>
{
    private readonly TinyBertEncoderFixture _fixture;

    public OnnxSentenceEncoderTests(TinyBertEncoderFixture fixture) => _fixture = fixture;

    private static OnnxSentenceEncoder CreateSut(string? folder = null, Action<OnnxSentenceEncoderOptions>? configure = null)
    {
        var options = new OnnxSentenceEncoderOptions { ModelDirectory = folder ?? TinyBert.Folder, IntraOpThreads = 1 };
        configure?.Invoke(options);
        return new OnnxSentenceEncoder(options);
    }

    [Fact]
    public void Ctor_TinyModel_ReadsDimensionAndMaxSequenceLength()
    {
        Assert.Equal(TinyBert.Hidden, _fixture.Encoder.Dimension);
        Assert.Equal(TinyBert.MaxSequenceLength, _fixture.Encoder.MaxSequenceLength);
    }

    [Fact]
    public void Ctor_NoSentenceBertConfig_DefaultsTo512()
    {
        using var folder = TinyBert.CopyOf("model.onnx", "vocab.txt");
        using var sut = CreateSut(folder.Path);
        Assert.Equal(512, sut.MaxSequenceLength);
    }

    [Fact]
    public void Ctor_ModelUnderOnnxSubfolder_IsFound()
    {
        using var folder = TinyBert.CopyOf("tokenizer.json");
        Directory.CreateDirectory(Path.Combine(folder.Path, "onnx"));
        File.Copy(Path.Combine(TinyBert.Folder, "model.onnx"), Path.Combine(folder.Path, "onnx", "model.onnx"));
        using var sut = CreateSut(folder.Path);
        Assert.EndsWith(Path.Combine("onnx", "model.onnx"), sut.ModelPath, StringComparison.Ordinal);
    }

    [Fact]
    public void VersionId_SameFilesLoadedTwice_IsStable()
    {
        using var again = CreateSut();
        Assert.Equal(_fixture.Encoder.VersionId, again.VersionId);
        Assert.StartsWith("onnx:TinyBert:", again.VersionId, StringComparison.Ordinal);
    }

    [Fact]
    public void VersionId_OtherMaxSequenceLength_Changes()
    {
        using var shorter = CreateSut(configure: o => o.MaxSequenceLength = 8);
        Assert.NotEqual(_fixture.Encoder.VersionId, shorter.VersionId);
    }

    [Fact]
    public void VersionId_Overridden_IsTheOverride()
    {
        using var sut = CreateSut(configure: o => o.VersionId = "tiny-v1");
        Assert.Equal("tiny-v1", sut.VersionId);
    }

    [Fact]
    public void Embed_EmptyBatch_ReturnsEmpty()
    {
        Assert.Empty(_fixture.Encoder.Embed([]));
    }

    [Fact]
    public async Task EmbedAsync_EmptyBatch_ReturnsEmpty()
    {
        Assert.Empty(await _fixture.Encoder.EmbedAsync([], CancellationToken.None));
    }

    [Fact]
    public void Embed_EmptyAndBlankText_GetTheSameEmbedding()
    {
        var rows = _fixture.Encoder.Embed(["", "  \n\t "]);
        Assert.Equal(rows[0], rows[1]);
    }

    [Fact]
    public void Embed_NullText_ThrowsArgumentException()
    {
        Assert.Throws<ArgumentException>(() => _fixture.Encoder.Embed(["ok", null!]));
    }

    [Fact]
    public async Task EmbedAsync_CanceledToken_ThrowsOperationCanceled()
    {
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _fixture.Encoder.EmbedAsync(["hello"], cts.Token));
    }

    [Fact]
    public async Task EmbedAsync_ConcurrentCalls_AgreeWithSequential()
    {
        var texts = TinyBert.Cases.Select(c => c.Text).ToArray();
        var expected = _fixture.Encoder.Embed(texts);
        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => _fixture.Encoder.EmbedAsync(texts, CancellationToken.None)));
        foreach (var r in results)
        {
            Assert.Equal(expected.Length, r.Length);
            for (var i = 0; i < r.Length; i++)
            {
                Assert.Equal(expected[i], r[i], (a, b) => Math.Abs(a - b) < 1e-6f);
            }
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(40)]
    public void Embed_SmallTokenBudget_GivesTheSameVectorsInMoreRuns(int maxBatchTokens)
    {
        var texts = TinyBert.Cases.Select(c => c.Text).ToArray();
        using var sut = CreateSut(configure: o => (o.MaxBatchTokens, o.AllowSpinning) = (maxBatchTokens, false));
        var expected = _fixture.Encoder.Embed(texts);
        var actual = sut.Embed(texts);
        for (var i = 0; i < texts.Length; i++)
        {
            Assert.Equal(expected[i], actual[i], (a, b) => Math.Abs(a - b) < 1e-6f);
        }
    }

    [Fact]
    public async Task Embed_AfterDispose_ThrowsObjectDisposed()
    {
        var sut = CreateSut();
        sut.Dispose();
        sut.Dispose();
        Assert.Throws<ObjectDisposedException>(() => sut.Embed(["hello"]));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => sut.EmbedAsync(["hello"], CancellationToken.None));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5000)]
    public void Ctor_BatchSizeOutOfRange_ThrowsValidation(int batchSize)
    {
        var ex = Assert.Throws<ValidationException>(() => CreateSut(configure: o => o.BatchSize = batchSize));
        Assert.Contains(nameof(OnnxSentenceEncoderOptions.BatchSize), ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Ctor_NoModelDirectory_ThrowsValidation(string directory)
    {
        Assert.Throws<ValidationException>(() => CreateSut(configure: o => o.ModelDirectory = directory));
    }

    [Fact]
    public void Ctor_NegativeThreads_ThrowsValidation()
    {
        Assert.Throws<ValidationException>(() => CreateSut(configure: o => o.IntraOpThreads = -1));
    }

    [Fact]
    public void Ctor_MaxSequenceLengthBelowTwo_ThrowsValidation()
    {
        Assert.Throws<ValidationException>(() => CreateSut(configure: o => o.MaxSequenceLength = 1));
    }
}
