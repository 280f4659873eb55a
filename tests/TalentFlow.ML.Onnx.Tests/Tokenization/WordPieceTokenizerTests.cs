using TalentFlow.ML.Onnx.Tokenization;

namespace TalentFlow.ML.Onnx.Tests.Tokenization;

public sealed class WordPieceTokenizerTests
{
    private static WordPieceTokenizer CreateSut(WordPieceTokenizerOptions? options = null) =>
        new(new Dictionary<string, int>
        {
            ["[PAD]"] = 0, ["[UNK]"] = 1, ["[CLS]"] = 2, ["[SEP]"] = 3, ["un"] = 4, ["##able"] = 5, ["##aff"] = 6,
            ["cafe"] = 7, ["hello"] = 8, ["!"] = 9, ["中"] = 10, ["x"] = 11, ["##x"] = 12, ["Hello"] = 13, ["é"] = 14,
        }, options);

    [Theory]
    [InlineData("ΟΔΟΣ", "οδος")]                  // word-final: ς
    [InlineData("ΣΑΣ, ΣΑΣ.", "σας , σας .")]      // first Σ has no cased letter before it: σ
    [InlineData("Σ", "σ")]                          // alone: σ
    [InlineData("ΟΔΟΣ\u0301Α", "οδοσα")]           // a mark between Σ and a letter does not end the word
    [InlineData("ΟΔΟΣ\u200b", "οδος")]             // a dropped format character after Σ does not count
    public void PreTokenize_FinalSigma_LowerCasesAsPythonStrLower(string text, string expected)
    {
        var sut = CreateSut(new WordPieceTokenizerOptions { FinalSigma = true });
        Assert.Equal(expected, string.Join(' ', sut.PreTokenize(text)));
    }

    [Fact]
    public void PreTokenize_FinalSigmaOff_LowerCasesOneCharacterAtATime()
    {
        Assert.Equal(["οδοσ"], CreateSut().PreTokenize("ΟΔΟΣ"));
    }

    [Fact]
    public void Tokenize_GreedyLongestMatch_SplitsIntoPieces()
    {
        Assert.Equal(["un", "##aff", "##able"], CreateSut().Tokenize("unaffable"));
    }

    [Fact]
    public void Tokenize_UnspellableRemainder_WholeWordIsUnknown()
    {
        Assert.Equal(["[UNK]", "hello"], CreateSut().Tokenize("unaffablez hello"));
    }

    [Fact]
    public void Tokenize_PunctuationAndChinese_AreTokensOfTheirOwn()
    {
        Assert.Equal(["hello", "!", "中", "hello"], CreateSut().Tokenize("HELLO!中hello"));
    }

    [Fact]
    public void Tokenize_AccentsWithLowerCase_AreStripped()
    {
        Assert.Equal(["cafe"], CreateSut().Tokenize("CAFÉ"));
        Assert.Equal(["cafe"], CreateSut().Tokenize("cafe\u0301"));
    }

    [Fact]
    public void Tokenize_LowerCaseOff_KeepsCaseAndAccents()
    {
        var sut = CreateSut(new WordPieceTokenizerOptions { LowerCase = false });
        Assert.Equal(["Hello", "[UNK]", "é"], sut.Tokenize("Hello HELLO é"));
    }

    [Theory]
    [InlineData(100, "x")]
    [InlineData(101, "[UNK]")]
    public void Tokenize_WordAtAndPastCharLimit_UnknownOnlyPastIt(int length, string first)
    {
        Assert.Equal(first, CreateSut().Tokenize(new string('x', length))[0]);
    }

    [Fact]
    public void Encode_LongText_TruncatesToMaxLengthWithSeparator()
    {
        var ids = CreateSut().Encode(string.Join(' ', Enumerable.Repeat("hello", 50)), 8);
        Assert.Equal([2, 8, 8, 8, 8, 8, 8, 3], ids);
    }

    [Fact]
    public void Encode_TruncationInsideAWord_KeepsItsFirstPieces()
    {
        Assert.Equal([2, 4, 6, 3], CreateSut().Encode("unaffable", 4));
    }

    [Theory]
    [InlineData("")]
    [InlineData(" \t\r\n\u00A0\u3000")]
    [InlineData("\u0000\u200B\uFFFD")]
    public void Encode_EmptyOrBlank_GivesClsSep(string text)
    {
        Assert.Equal([2, 3], CreateSut().Encode(text, 16));
    }

    [Fact]
    public void Encode_MaxLengthBelowTwo_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => CreateSut().Encode("hello", 1));
    }

    [Fact]
    public void Encode_SpanAndString_Agree()
    {
        var sut = CreateSut();
        Assert.Equal(sut.Encode("hello 中!", 16), sut.Encode("hello 中!".AsSpan(), 16));
    }

    [Fact]
    public void Ctor_VocabularyWithoutSpecialToken_ThrowsNamingIt()
    {
        var ex = Assert.Throws<ArgumentException>(() => new WordPieceTokenizer(new Dictionary<string, int> { ["[UNK]"] = 0 }));
        Assert.Contains("[CLS]", ex.Message, StringComparison.Ordinal);
    }
}
