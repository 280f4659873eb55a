using TalentFlow.ML.Documents;

namespace TalentFlow.ML.Tests.Documents;

/// <summary>The thresholds of <see cref="ExtractionQuality.Assess"/>, on text alone.</summary>
public sealed class ExtractionQualityTests
{
    private const string Resume = "Senior engineer at Contoso, 2019 - 2024. Skills: C#, C++, SQL, Node.js; jane@example.com +1-555-0100";

    [Fact]
    public void Assess_TypedResume_IsFitWithNoGarbling()
    {
        var quality = ExtractionQuality.Assess(Resume, pages: 1, images: 0);
        Assert.Null(quality.Problem);
        Assert.Equal(0, quality.GarbledShare);
        Assert.Equal(1, quality.Score);
    }

    [Fact]
    public void Assess_NoCharactersAndImages_IsNoText()
    {
        var quality = ExtractionQuality.Assess("  \n ", pages: 2, images: 2);
        Assert.Equal(DocumentErrorKind.NoText, quality.Problem);
        Assert.Equal((2, 0, 2), (quality.Pages, quality.Characters, quality.Images));
        Assert.Equal(0, quality.Score);
    }

    [Fact]
    public void Assess_NoCharactersNoImages_IsEmpty() =>
        Assert.Equal(DocumentErrorKind.Empty, ExtractionQuality.Assess(string.Empty, pages: 1, images: 0).Problem);

    [Theory]
    [InlineData(39, DocumentErrorKind.NoText)]
    [InlineData(40, null)]
    public void Assess_ImagesAndFewCharactersPerPage_IsNoTextBelowTheThreshold(int characters, DocumentErrorKind? expected) =>
        Assert.Equal(expected, ExtractionQuality.Assess(new string('a', characters), pages: 1, images: 1).Problem);

    [Fact]
    public void Assess_FewCharactersWithoutImages_IsFit() =>
        Assert.Null(ExtractionQuality.Assess("Jane Doe", pages: 1, images: 0).Problem);

    [Fact]
    public void Assess_SymbolsInsteadOfWords_IsGarbledWithItsShare()
    {
        var quality = ExtractionQuality.Assess("#%&+ ~^<> =$#% Jane &&^~ +=<$ Doe", pages: 1, images: 0);
        Assert.Equal(DocumentErrorKind.Garbled, quality.Problem);
        Assert.Equal(7, quality.Tokens);
        Assert.Equal(0.714, quality.GarbledShare);
    }

    [Fact]
    public void Assess_PrivateUseAndReplacementGlyphs_AreGarbled()
    {
        var quality = ExtractionQuality.Assess("\uE001\uE002\uE003 \uE004\uE005 \uFFFD\uFFFD \uE010x \uF8FF\uF8FE words", pages: 1, images: 0);
        Assert.Equal(DocumentErrorKind.Garbled, quality.Problem);
        Assert.Equal(5.0 / 6, quality.GarbledShare, 3);
    }

    [Theory]
    [InlineData(0.9, null)]
    [InlineData(0.5, DocumentErrorKind.Garbled)]
    public void Assess_GarbledShareNearTheThreshold_FollowsTheOption(double maxShare, DocumentErrorKind? expected)
    {
        var options = new ExtractionQualityOptions { MaxGarbledShare = maxShare };
        Assert.Equal(expected, ExtractionQuality.Assess("#%& +=< ~^$ Jane Doe", pages: 1, images: 0, options).Problem);
    }

    [Fact]
    public void Assess_TooFewTokensToJudge_IsFit() =>
        Assert.Null(ExtractionQuality.Assess("#%& +=<", pages: 1, images: 0).Problem);

    [Fact]
    public void Validate_ShareAboveOne_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new DocumentReader(new DocumentReaderOptions { Quality = { MaxGarbledShare = 1.5 } }));
}
