using TalentFlow.ML.Parsing;

namespace TalentFlow.ML.Tests.Parsing;

public sealed class JobParserTests
{
    private const string Job = """
        Senior Backend Engineer
        We need 5+ years of experience with C# and SQL.
        Bachelor's degree in computer science required; Master's preferred.
        Nice to have
        Kubernetes, Terraform
        """;

    [Fact]
    public void Parse_Job_ExtractsTitleLevelYearsAndEducation()
    {
        var job = new JobParser().Parse(Job);
        Assert.Equal("Senior Backend Engineer", job.Title);
        Assert.Equal(ExperienceLevel.Senior, job.ExperienceLevel);
        Assert.Equal(5, job.MinYearsExperience);
        Assert.Equal("Bachelor's", job.EducationRequirement);
    }

    [Fact]
    public void Parse_NiceToHaveSection_SkillsArePreferredNotRequired()
    {
        var job = new JobParser().Parse(Job);
        Assert.Equal(["C#", "SQL"], job.RequiredSkills);
        Assert.Equal(["Kubernetes", "Terraform"], job.PreferredSkills);
    }

    [Theory]
    [InlineData("Junior developer\nPython", ExperienceLevel.Entry)]
    [InlineData("Developer\n3 years with Python", ExperienceLevel.Mid)]
    [InlineData("Lead data engineer\nSpark", ExperienceLevel.Lead)]
    [InlineData("Developer\nPython", ExperienceLevel.Unspecified)]
    public void Parse_Wording_GivesLevel(string text, ExperienceLevel expected) =>
        Assert.Equal(expected, new JobParser().Parse(text).ExperienceLevel);

    [Fact]
    public void Parse_ShortPlusLine_ItsSkillIsPreferred()
    {
        var job = new JobParser().Parse("Data engineer\nSQL and Spark\nPython is a plus");
        Assert.Equal(["Python"], job.PreferredSkills);
        Assert.Equal(["SQL", "Spark"], job.RequiredSkills);
    }
}
