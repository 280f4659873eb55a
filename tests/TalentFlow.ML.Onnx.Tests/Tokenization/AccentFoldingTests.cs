using System.Text;
using TalentFlow.ML.Onnx.Tokenization;

namespace TalentFlow.ML.Onnx.Tests.Tokenization;

public sealed class AccentFoldingTests
{
    private static string Fold(string text)
    {
        var sb = new StringBuilder();
        foreach (var r in text.EnumerateRunes())
        {
            AccentFolding.Append(r, sb);
        }

        return sb.ToString();
    }

    [Theory]
    [InlineData("résumé", "resume")]
    [InlineData("Ångström", "Angstrom")]
    [InlineData("ǖ", "u")]
    [InlineData("e\u0301", "e")]
    [InlineData("İ", "I")]
    [InlineData("ﬁ", "ﬁ")]
    [InlineData("Ωμέγα", "Ωμεγα")]
    [InlineData("йод", "иод")]
    public void Append_AccentedText_DropsNonSpacingMarks(string text, string expected)
    {
        Assert.Equal(expected, Fold(text));
    }

    [Fact]
    public void Append_HangulSyllable_DecomposesToJamo()
    {
        Assert.Equal("\u1112\u1161\u11AB", Fold("한"));
        Assert.Equal("\u1100\u1161", Fold("가"));
    }

    [Fact]
    public void Append_SupplementaryCompatibilityIdeograph_MapsToUnified()
    {
        Assert.Equal("\u4E3D", Fold("\U0002F800"));
    }
}
