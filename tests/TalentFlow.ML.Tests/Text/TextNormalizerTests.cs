using TalentFlow.ML.Text;

namespace TalentFlow.ML.Tests.Text;

public sealed class TextNormalizerTests
{
    private static TextNormalizer CreateSut(bool redact = false) => new(new TextNormalizerOptions { Redact = redact });

    [Theory]
    [InlineData("â€¢ Python", "• Python")]
    [InlineData("â?¢ Python", "• Python")]
    [InlineData("Itâ€™s done", "It’s done")]
    [InlineData("CafÃ© rÃ©sumÃ©", "Café résumé")]
    [InlineData("2015â€“2020", "2015–2020")]
    public void Normalize_Mojibake_IsRepaired(string input, string expected) =>
        Assert.Equal(expected, CreateSut().Normalize(input));

    [Theory]
    [InlineData("Café résumé — naïve", "Café résumé — naïve")]
    [InlineData("Âge and Ãtre are words", "Âge and Ãtre are words")]
    public void Normalize_CorrectNonAsciiText_IsUnchanged(string input, string expected) =>
        Assert.Equal(expected, CreateSut().Normalize(input));

    [Fact]
    public void Normalize_CompatibilityCharacters_AreFoldedByNfkc() =>
        Assert.Equal("office PYTHON 2", CreateSut().Normalize("oﬃce ＰＹＴＨＯＮ ２"));

    [Fact]
    public void Normalize_MessyWhitespace_IsCollapsed() =>
        Assert.Equal("Skills: C# and SQL\n\nExperience\nAcme", CreateSut().Normalize("  Skills:   C#\t and\u00A0SQL  \r\n\r\n\r\n\n Experience \nAcme  \n"));

    [Fact]
    public void Normalize_RedactOn_ReplacesEmailPhoneAndUrl()
    {
        var text = CreateSut(redact: true).Normalize("Mail jane.doe@example.com, call +1 555-123-4567 or see https://example.com/jane");
        Assert.Equal("Mail [EMAIL], call [PHONE] or see [URL]", text);
    }

    [Fact]
    public void Normalize_RedactOff_KeepsContactDetails() =>
        Assert.Contains("jane@example.com", CreateSut().Normalize("jane@example.com"), StringComparison.Ordinal);

    [Fact]
    public void Normalize_RedactOn_KeepsYearsAndVersions() =>
        Assert.Equal("2015-2020 .NET 8 Python 3.11", CreateSut(redact: true).Normalize("2015-2020 .NET 8 Python 3.11"));
}
