using System.Text.Json;

namespace TalentFlow.ML.Onnx.Tests.MiniLm;

/// <summary>
/// Token ids and embeddings of all-MiniLM-L6-v2 against ../shared/anchors/minilm_anchor.py (the network rebuilt in plain
/// PyTorch from the same ONNX file, BERT-uncased WordPiece in Python): <c>MiniLmGolden/golden.json</c>, written from
/// <c>MiniLmGolden/texts.csv</c> (accents, punctuation runs, emoji, CJK, a 135-character word, three texts past 256 tokens,
/// blank text, control and zero-width characters, final sigma, Hangul, Devanagari, RTL scripts). Command in docs/onnx-encoders.md.
/// </summary>
[Collection(MiniLmCollection.Name)]
public sealed class MiniLmGoldenTests
{
    private static readonly JsonElement Golden =
        JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "MiniLmGolden", "golden.json"))).RootElement;

    private static readonly (string Text, int[] Ids, float[] Embedding)[] Items = Golden.GetProperty("items").EnumerateArray()
        .Select(i => (i.GetProperty("text").GetString()!,
            i.GetProperty("input_ids").EnumerateArray().Select(e => e.GetInt32()).ToArray(),
            i.GetProperty("embedding").EnumerateArray().Select(e => e.GetSingle()).ToArray()))
        .ToArray();

    private readonly OnnxSentenceEncoder _encoder;

    public MiniLmGoldenTests(MiniLmFixture fixture) => _encoder = fixture.Encoder;

    public static TheoryData<int> Indexes() => new(Enumerable.Range(0, Items.Length));

    [Fact]
    public void Golden_File_CoversFifteenTextsAtMaxLength256()
    {
        Assert.Equal(256, Golden.GetProperty("max_length").GetInt32());
        Assert.Equal(15, Items.Length);
        Assert.Equal(3, Items.Count(i => i.Ids.Length == 256));
    }

    [Theory]
    [MemberData(nameof(Indexes))]
    public void Encode_GoldenText_GivesTheAnchorsTokenIds(int index)
    {
        var (text, ids, _) = Items[index];
        Assert.Equal(ids, _encoder.Tokenizer.Encode(text, MiniLmModel.MaxSequenceLength));
    }

    [Fact]
    public async Task EmbedAsync_GoldenTextsInOneBatch_AreWithin1e5OfTheAnchor()
    {
        var vectors = await _encoder.EmbedAsync(Items.Select(i => i.Text).ToArray());
        for (var i = 0; i < Items.Length; i++)
        {
            var worst = MaxAbsDifference(Items[i].Embedding, vectors[i]);
            Assert.True(worst <= 1e-5, $"text {i}: max |difference| {worst}");
        }
    }

    [Theory]
    [MemberData(nameof(Indexes))]
    public async Task EmbedAsync_GoldenTextAlone_IsWithin1e5OfTheAnchor(int index)
    {
        var vector = (await _encoder.EmbedAsync([Items[index].Text]))[0];
        var worst = MaxAbsDifference(Items[index].Embedding, vector);
        Assert.True(worst <= 1e-5, $"max |difference| {worst}");
    }

    private static double MaxAbsDifference(float[] expected, float[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        return expected.Zip(actual, (e, a) => Math.Abs((double)e - a)).Max();
    }
}
