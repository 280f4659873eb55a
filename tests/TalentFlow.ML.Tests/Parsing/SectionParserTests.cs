using TalentFlow.ML.Parsing;

namespace TalentFlow.ML.Tests.Parsing;

public sealed class SectionParserTests
{
    private const string Resume = """
        Jane Doe
        Backend engineer who likes distributed systems.
        TECHNICAL SKILLS:
        C#, SQL, Kubernetes
        Work Experience
        Acme Corp, 2018-2023, senior engineer
        • Education
        BSc Computer Science, MIT
        Projects: search engine in Rust
        Licenses & Certifications
        AWS Solutions Architect
        """;

    [Fact]
    public void Parse_HeadedResume_SplitsEverySection()
    {
        var sections = SectionParser.Parse(Resume);
        Assert.Equal("Jane Doe\nBackend engineer who likes distributed systems.", sections[SectionKind.Summary]);
        Assert.Equal("C#, SQL, Kubernetes", sections[SectionKind.Skills]);
        Assert.Equal("Acme Corp, 2018-2023, senior engineer", sections[SectionKind.Experience]);
        Assert.Equal("BSc Computer Science, MIT", sections[SectionKind.Education]);
        Assert.Equal("search engine in Rust", sections[SectionKind.Projects]);
        Assert.Equal("AWS Solutions Architect", sections[SectionKind.Certifications]);
    }

    [Fact]
    public void Parse_NoHeadings_EverythingIsSummary()
    {
        var sections = SectionParser.Parse("I know C# and SQL.\nI worked at Acme.");
        Assert.Single(sections);
        Assert.True(sections.ContainsKey(SectionKind.Summary));
    }

    [Theory]
    [InlineData("My experience with Kubernetes is vast and deep")]
    [InlineData("Skills I picked up while travelling")]
    [InlineData("Experienced engineer")]
    public void TryHeading_SentenceMentioningHeading_IsNotAHeading(string line) =>
        Assert.False(SectionParser.TryHeading(line, out _, out _));

    [Fact]
    public void TryHeading_InlineHeading_ReturnsKindAndContent()
    {
        Assert.True(SectionParser.TryHeading("Skills: Python, SQL", out var kind, out var rest));
        Assert.Equal(SectionKind.Skills, kind);
        Assert.Equal("Python, SQL", rest);
    }
}
