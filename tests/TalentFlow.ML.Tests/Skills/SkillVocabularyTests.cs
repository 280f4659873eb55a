using TalentFlow.ML.Skills;

namespace TalentFlow.ML.Tests.Skills;

public sealed class SkillVocabularyTests
{
    private static SkillVocabulary CreateSut() => SkillVocabulary.Default;

    [Fact]
    public void Default_Loads_HasOnetScaleVocabulary() => Assert.InRange(CreateSut().Count, 1000, 5000);

    [Fact]
    public void Find_PunctuatedNames_AreMatched()
    {
        var found = CreateSut().Find("Built services in C#, C++ and .NET; front end in Node.js.");
        Assert.Contains("C#", found);
        Assert.Contains("C++", found);
        Assert.Contains(".NET", found);
        Assert.Contains("Node.js", found);
    }

    [Theory]
    [InlineData("deployed on k8s", "Kubernetes")]
    [InlineData("5 years of ML research", "Machine learning")]
    [InlineData("JS and TypeScript", "JavaScript")]
    [InlineData("MACHINE LEARNING engineer", "Machine learning")]
    [InlineData("queries in Structured Query Language", "SQL")]
    public void Find_AliasOrCase_YieldsCanonicalName(string text, string expected) =>
        Assert.Contains(expected, CreateSut().Find(text));

    [Fact]
    public void Find_ShortAliasInLowerCase_IsNotMatched() =>
        Assert.DoesNotContain("Machine learning", CreateSut().Find("500 ml of water"));

    [Fact]
    public void Find_MultiWordSkill_LongestPhraseWins()
    {
        var found = CreateSut().Find("Expert in Microsoft Excel");
        Assert.Contains("Excel", found);
        Assert.Single(found);
    }

    [Fact]
    public void Canonicalize_Alias_ReturnsCanonical() => Assert.Equal("Kubernetes", CreateSut().Canonicalize("K8s"));
}
