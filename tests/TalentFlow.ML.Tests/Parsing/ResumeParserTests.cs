using Microsoft.Extensions.Time.Testing;
using TalentFlow.ML.Parsing;

namespace TalentFlow.ML.Tests.Parsing;

public sealed class ResumeParserTests
{
    private const string Resume = """
        Jane Doe
        Skills: C#, SQL, Kubernetes
        Experience
        Senior Engineer at Acme Corp, Jan 2018 - Present
        Built the billing platform.
        Developer | Initech | 2014 - 2019
        Maintained reports in Python.
        Education
        BSc in Computer Science, University of Leeds, 2010 - 2014
        """;

    private static ResumeParser CreateSut() => new(time: new FakeTimeProvider(new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero)));

    [Fact]
    public void Parse_Positions_HaveTitleCompanyDatesAndDescription()
    {
        var items = CreateSut().Parse(Resume).WorkExperience;
        Assert.Equal(2, items.Count);
        Assert.Equal(("Senior Engineer", "Acme Corp"), (items[0].Title, items[0].Company));
        Assert.Equal(new DateOnly(2018, 1, 1), items[0].Start);
        Assert.Null(items[0].End);
        Assert.Contains("billing platform", items[0].Description, StringComparison.Ordinal);
        Assert.Equal(("Developer", "Initech"), (items[1].Title, items[1].Company));
        Assert.Equal(1.0, items[1].Confidence, 9);
    }

    [Fact]
    public void Parse_OverlappingPositions_AreCountedOnce()
    {
        // 2014-01 .. 2024-01 covered without gaps: 10 years, not 6 + 5.
        Assert.Equal(10.0, CreateSut().Parse(Resume).TotalYearsOfExperience, 9);
    }

    [Fact]
    public void Parse_Education_HasDegreeFieldAndInstitution()
    {
        var item = Assert.Single(CreateSut().Parse(Resume).Education);
        Assert.Equal("BSc", item.Degree);
        Assert.Equal("Computer Science", item.FieldOfStudy);
        Assert.Equal("University of Leeds", item.Institution);
    }

    [Fact]
    public void Parse_Skills_SectionSkillsAreMoreConfident()
    {
        var skills = CreateSut().Parse(Resume).Skills;
        Assert.Equal(1.0, skills.Single(s => s.Skill == "C#").Confidence);
        Assert.Equal(0.7, skills.Single(s => s.Skill == "Python").Confidence);
    }
}
