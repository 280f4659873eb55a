using TalentFlow.ML.Careers;

namespace TalentFlow.ML.Tests.Careers;

public sealed class CareerAdvisorTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("talentflow-advisor-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Recommend_DataPersonWithPython_OmitsKnownSkillsAndAddsBooks()
    {
        var advisor = new CareerAdvisor(CareerModelTests.SampleModel(Path.Combine(_dir, "onet")));

        var advice = advisor.Recommend("I build regression models and run experiments on datasets in Python and SQL notebooks", top: 2);

        Assert.Equal(2, advice.Careers.Count);
        var data = advice.Careers[0];
        Assert.Equal("Data Scientist", data.Career);
        Assert.DoesNotContain("Python", data.SkillsToLearn);
        Assert.DoesNotContain("SQL", data.SkillsToLearn);
        Assert.Contains("pandas", data.SkillsToLearn);
        Assert.Contains("Apache Spark", data.SkillsToLearn);
        Assert.Contains(data.Books, b => b.Title == "Python for Data Analysis");
        Assert.Contains("Python", advice.SkillsFound);
        Assert.True(advice.IsSample);
        Assert.Equal(advisor.Model.VersionId, advice.ModelVersion);
    }

    [Fact]
    public void Recommend_TopBeyondCareers_ReturnsEveryCareerOnceSummingToOne()
    {
        var advisor = new CareerAdvisor(CareerModelTests.SampleModel(Path.Combine(_dir, "onet")));

        var advice = advisor.Recommend("kubernetes", top: 50);

        Assert.Equal(6, advice.Careers.Select(c => c.Career).Distinct().Count());
        Assert.InRange(advice.Careers.Sum(c => c.Confidence), 0.999f, 1.001f);
    }

    [Theory]
    [InlineData("", 3)]
    [InlineData("text", 0)]
    [InlineData("text", 51)]
    public void Recommend_BadArguments_Throws(string text, int top)
    {
        var advisor = new CareerAdvisor(CareerModelTests.SampleModel(Path.Combine(_dir, "onet")));

        Assert.ThrowsAny<ArgumentException>(() => advisor.Recommend(text, top));
    }
}
