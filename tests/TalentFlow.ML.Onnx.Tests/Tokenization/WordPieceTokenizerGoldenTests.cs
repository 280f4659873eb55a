using TalentFlow.ML.Onnx.Tokenization;

namespace TalentFlow.ML.Onnx.Tests.Tokenization;

/// <summary>The C# tokenizer against the reference tokenizer in eng/onnx/make_tiny_bert.py (BERT fast-tokenizer semantics).</summary>
public sealed class WordPieceTokenizerGoldenTests
{
    private static readonly WordPieceTokenizer FromVocab =
        WordPieceTokenizer.FromVocabFile(Path.Combine(TinyBert.Folder, "vocab.txt"));

    private static readonly WordPieceTokenizer FromJson =
        WordPieceTokenizer.FromTokenizerJson(Path.Combine(TinyBert.Folder, "tokenizer.json"));

    public static TheoryData<int> Cases() => TinyBert.CaseIndexes();

    [Theory]
    [MemberData(nameof(Cases))]
    public void PreTokenize_GoldenText_MatchesReference(int index)
    {
        var c = TinyBert.Cases[index];
        Assert.Equal(c.PreTokens, FromVocab.PreTokenize(c.Text));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Tokenize_GoldenText_MatchesReferenceWordPieces(int index)
    {
        var c = TinyBert.Cases[index];
        Assert.Equal(c.WordPieces, FromVocab.Tokenize(c.Text));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Encode_VocabTxt_MatchesReferenceIds(int index)
    {
        var c = TinyBert.Cases[index];
        Assert.Equal(c.Ids, FromVocab.Encode(c.Text, TinyBert.MaxSequenceLength));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Encode_TokenizerJson_MatchesReferenceIds(int index)
    {
        var c = TinyBert.Cases[index];
        Assert.Equal(c.Ids, FromJson.Encode(c.Text, TinyBert.MaxSequenceLength));
    }

    [Fact]
    public void SpecialIds_TinyVocabulary_AreLookedUpByName()
    {
        var specials = TinyBert.Golden.GetProperty("special_ids");
        Assert.Equal(specials.GetProperty("[CLS]").GetInt32(), FromVocab.ClassifierId);
        Assert.Equal(specials.GetProperty("[SEP]").GetInt32(), FromVocab.SeparatorId);
        Assert.Equal(specials.GetProperty("[PAD]").GetInt32(), FromVocab.PaddingId);
        Assert.Equal(specials.GetProperty("[UNK]").GetInt32(), FromVocab.UnknownId);
    }

    [Fact]
    public void FromTokenizerJson_TinyTokenizer_ReadsWordPieceSettings()
    {
        Assert.True(FromJson.Options.LowerCase);
        Assert.Null(FromJson.Options.StripAccents);
        Assert.Equal(100, FromJson.Options.MaxInputCharsPerWord);
        Assert.Equal(FromVocab.Vocabulary.Count, FromJson.Vocabulary.Count);
    }
}
