using Xunit.Abstractions;

namespace TalentFlow.ML.Onnx.Tests;

/// <summary>
/// C# embeddings of the tiny model against PyTorch's (eng/onnx/make_tiny_bert.py: each sentence run alone, mean pooling,
/// L2). The C# side runs them batched and padded, so these also check masking.
/// </summary>
public sealed class OnnxSentenceEncoderGoldenTests : IClassFixture<TinyBertEncoderFixture>
{
    private const float Tolerance = 1e-4f;
    private readonly TinyBertEncoderFixture _fixture;
    private readonly ITestOutputHelper _output;

    public OnnxSentenceEncoderGoldenTests(TinyBertEncoderFixture fixture, ITestOutputHelper output)
    {
        _fixture = fixture;
        _output = output;
    }

    private static string[] Texts => TinyBert.Cases.Select(c => c.Text).ToArray();

    internal static float MaxAbsError(float[][] actual)
    {
        Assert.Equal(TinyBert.Cases.Count, actual.Length);
        var max = 0f;
        for (var i = 0; i < actual.Length; i++)
        {
            Assert.Equal(TinyBert.Cases[i].Embedding.Length, actual[i].Length);
            for (var j = 0; j < actual[i].Length; j++)
            {
                max = Math.Max(max, Math.Abs(actual[i][j] - TinyBert.Cases[i].Embedding[j]));
            }
        }

        return max;
    }

    [Fact]
    public void Embed_GoldenSentencesOneBatch_MatchPyTorchWithin1e4()
    {
        var error = MaxAbsError(_fixture.Encoder.Embed(Texts));
        _output.WriteLine($"max |C# - PyTorch| over {TinyBert.Cases.Count} sentences: {error:E2}");
        Assert.InRange(error, 0f, Tolerance);
    }

    [Fact]
    public async Task EmbedAsync_GoldenSentences_MatchPyTorchWithin1e4()
    {
        var actual = await _fixture.Encoder.EmbedAsync(Texts, CancellationToken.None);
        Assert.InRange(MaxAbsError(actual), 0f, Tolerance);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void Embed_SmallBatches_MatchPyTorchWithin1e4(int batchSize)
    {
        using var encoder = new OnnxSentenceEncoder(new OnnxSentenceEncoderOptions
        {
            ModelDirectory = TinyBert.Folder,
            BatchSize = batchSize,
            IntraOpThreads = 1,
        });
        Assert.InRange(MaxAbsError(encoder.Embed(Texts)), 0f, Tolerance);
    }

    [Fact]
    public void Embed_VocabTxtFolder_MatchesPyTorchWithin1e4()
    {
        using var folder = TinyBert.CopyOf("model.onnx", "vocab.txt", "sentence_bert_config.json");
        using var encoder = new OnnxSentenceEncoder(new OnnxSentenceEncoderOptions { ModelDirectory = folder.Path });
        Assert.InRange(MaxAbsError(encoder.Embed(Texts)), 0f, Tolerance);
    }

    [Fact]
    public void Embed_Always_ReturnsUnitVectorsOfModelDimension()
    {
        foreach (var v in _fixture.Encoder.Embed(Texts))
        {
            Assert.Equal(TinyBert.Hidden, v.Length);
            Assert.InRange(Math.Sqrt(v.Sum(x => (double)x * x)), 1 - 1e-5, 1 + 1e-5);
        }
    }

    [Fact]
    public void Embed_ReversedInput_ReturnsRowsInInputOrder()
    {
        var forward = _fixture.Encoder.Embed(Texts);
        var backward = _fixture.Encoder.Embed(Texts.Reverse().ToArray());
        for (var i = 0; i < forward.Length; i++)
        {
            Assert.Equal(forward[i], backward[forward.Length - 1 - i], (a, b) => Math.Abs(a - b) < 1e-6f);
        }
    }
}
