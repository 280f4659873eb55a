using TalentFlow.ML.Text;

namespace TalentFlow.ML.Tests.Text;

public sealed class BlindMaskTests
{
    [Theory]
    [InlineData("Jane Doe-Smith\nEngineer", "[NAME]\nEngineer")]
    [InlineData("Referred by JANE; doe-smith wrote this", "Referred by [NAME]; [NAME] wrote this")]
    [InlineData("Janet Doerr", "Janet Doerr")]
    public void Mask_KnownName_EveryWordMaskedAsAWholeWord(string text, string expected) =>
        Assert.Equal(expected, BlindMask.Mask(text, "Jane Doe-Smith"));

    [Theory]
    [InlineData("Mail jane.doe@example.com", "Mail [EMAIL]")]
    [InlineData("Call +1 (512) 555-0100 today", "Call [PHONE] today")]
    [InlineData("See https://github.com/jdoe", "See [URL]")]
    [InlineData("Address: 12 Elm Road, Springfield", "Address: [ADDRESS]")]
    [InlineData("Lives at 1600 Pennsylvania Avenue, Apt 4", "Lives at [ADDRESS]")]
    [InlineData("Austin, TX 78701", "[ADDRESS]")]
    [InlineData("Date of birth: 12/03/1990", "[DOB]")]
    [InlineData("DOB 1990-03-12 | Born on March 12, 1990", "[DOB] | [DOB]")]
    [InlineData("Age: 34", "[AGE]")]
    [InlineData("I am 52 years old and aged 52", "I am [AGE] and [AGE]")]
    [InlineData("![Portrait of a smiling woman](me.jpg) Engineer", "[PHOTO] Engineer")]
    [InlineData("<img src=\"me.png\" alt=\"Headshot of a young man\"> Engineer", "[PHOTO] Engineer")]
    [InlineData("Photo: a woman in her forties wearing a hijab", "Photo: [PHOTO]")]
    [InlineData("Name: Alex Quinn", "Name: [NAME]")]
    public void Mask_PersonalDetail_IsReplacedByItsPlaceholder(string text, string expected) =>
        Assert.Equal(expected, BlindMask.Mask(text));

    [Theory]
    [InlineData("5 years of experience with Python and SQL")]
    [InlineData("Backend Developer, Contoso, 2018 - 2024")]
    [InlineData("Led a team of 6 engineers across 3 time zones")]
    public void Mask_WorkHistory_IsLeftAlone(string text) => Assert.Equal(text, BlindMask.Mask(text, "Pat Example"));

    [Fact]
    public void Pseudonym_SameId_IsStableAndNamesNothing()
    {
        Assert.Equal(BlindMask.Pseudonym("cand-1"), BlindMask.Pseudonym("cand-1"));
        Assert.NotEqual(BlindMask.Pseudonym("cand-1"), BlindMask.Pseudonym("cand-2"));
        Assert.Matches("^Candidate [0-9A-F]{6}$", BlindMask.Pseudonym("cand-1"));
    }
}
