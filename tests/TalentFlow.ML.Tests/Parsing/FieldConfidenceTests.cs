using Microsoft.Extensions.Time.Testing;
using TalentFlow.ML.Parsing;

namespace TalentFlow.ML.Tests.Parsing;

/// <summary>The confidence per parsed field: headings, supporting mentions, extraction quality.</summary>
public sealed class FieldConfidenceTests
{
    private static readonly ResumeParser Parser = new(time: new FakeTimeProvider(new DateTimeOffset(2025, 6, 1, 0, 0, 0, TimeSpan.Zero)));

    private const string Structured = """
        Jane Doe
        jane@example.com, +44 20 7946 0958
        Skills
        C#, SQL, Azure, Docker, Kubernetes
        Experience
        Senior Engineer at Acme Corp, Jan 2018 - Present
        Developer | Initech | 2014 - 2017
        Education
        BSc in Computer Science, University of Leeds
        """;

    private const string Unstructured = "Jane Doe knows C# and worked as a developer from 2014 - 2017. She holds a BSc.";

    [Fact]
    public void Parse_ResumeWithHeadings_IsConfidentInEveryField()
    {
        var confidence = Parser.Parse(Structured).FieldConfidence;
        Assert.Equal(0.9, confidence[FieldConfidence.Sections]);
        Assert.InRange(confidence[FieldConfidence.Skills], 0.9, 1.0);
        Assert.Equal(1.0, confidence[FieldConfidence.Experience]);
        Assert.Equal(1.0, confidence[FieldConfidence.ExperienceYears]);
        Assert.Equal(1.0, confidence[FieldConfidence.Education]);
        Assert.Equal(1.0, confidence[FieldConfidence.Contact]);
    }

    [Fact]
    public void Parse_TextWithoutHeadings_IsLessConfidentThanWithThem()
    {
        var structured = Parser.Parse(Structured).FieldConfidence;
        var inferred = Parser.Parse(Unstructured).FieldConfidence;
        foreach (var field in new[] { FieldConfidence.Sections, FieldConfidence.Skills, FieldConfidence.Experience, FieldConfidence.ExperienceYears, FieldConfidence.Education })
        {
            Assert.InRange(inferred[field], 0.0, structured[field] - 0.1);
        }

        Assert.Equal(0, inferred[FieldConfidence.Contact]);
    }

    [Fact]
    public void Parse_WithExtractionQuality_ScalesEveryField()
    {
        var full = Parser.Parse(Structured).FieldConfidence;
        var scaled = Parser.Parse(Structured, textQuality: 0.5).FieldConfidence;
        Assert.All(full, kv => Assert.Equal(Math.Round(kv.Value * 0.5, 2), scaled[kv.Key]));
    }

    [Fact]
    public void Parse_NoSkillsFound_SkillsConfidenceIsZero() =>
        Assert.Equal(0, Parser.Parse("Pat Smith\nHello there, nice to meet you").FieldConfidence[FieldConfidence.Skills]);
}
