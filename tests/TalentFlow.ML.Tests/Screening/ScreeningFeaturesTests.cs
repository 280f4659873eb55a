using TalentFlow.ML.Screening;
using TalentFlow.ML.Semantic;

namespace TalentFlow.ML.Tests.Screening;

public sealed class ScreeningFeaturesTests
{
    private const string Developer = "Jane Doe\nSenior Software Developer\nSkills\nC#, Python, SQL, unit testing\nExperience\nSoftware Developer, Contoso, 2015 - 2023\nDeveloped C# services and reviewed code.\nEducation\nBachelor of Science in Computer Science";
    private const string Nurse = "John Roe\nRegistered Nurse\nExperience\nStaff Nurse, General Hospital, 2012 - 2022\nAssessed patients, administered medication and kept patient records.";
    private static readonly ScreeningJob Job = new("Software Developer", "We need a developer who writes C# and Python services, reviews code and writes unit tests; 5+ years of experience and a bachelor's degree.");

    private static ScreeningFeatures CreateSut() => ScreeningTestData.Features();

    [Fact]
    public async Task Combine_MatchingResume_ScoresHigherOnTextTitleSkillsAndOccupation()
    {
        var sut = CreateSut();
        var job = await sut.PrepareJobAsync(Job);

        var good = sut.Combine(job, await sut.PrepareResumeAsync(Developer));
        var poor = sut.Combine(job, await sut.PrepareResumeAsync(Nurse));

        foreach (var name in new[] { "text_tfidf", "title_tfidf", "title_coverage", "skill_coverage", "occupation_profile", "must_have_coverage" })
        {
            int k = sut.Names.ToList().IndexOf(name);
            Assert.True(good[k] > poor[k], $"{name}: {good[k]} vs {poor[k]}");
        }
    }

    [Fact]
    public async Task Combine_OneParagraphJob_GetsMustHavesAndYears()
    {
        var sut = CreateSut();

        var job = await sut.PrepareJobAsync(Job);

        Assert.Contains(job.Requirements, r => r.Kind == TalentFlow.ML.Requirements.RequirementKind.MustHave);
        Assert.Equal(5, job.MinYears);
        Assert.Equal(1, job.DegreeLevel);
    }

    [Fact]
    public async Task Combine_SideOfAnotherEncoder_Throws()
    {
        var plain = CreateSut();
        var corpus = ScreeningTestData.Occupations.Select(o => o.Text).ToArray();
        var withEncoder = new ScreeningFeatures(ScreeningTestData.Vocabulary, LsaEncoder.Fit(corpus, new LsaOptions { Dimensions = 2 }));

        var job = await withEncoder.PrepareJobAsync(Job);
        var resume = await plain.PrepareResumeAsync(Developer);

        Assert.NotEqual(plain.Version, withEncoder.Version);
        Assert.Throws<ArgumentException>(() => withEncoder.Combine(job, resume));
    }

    [Fact]
    public async Task Combine_WithEncoder_AddsSemanticFeatures()
    {
        var corpus = ScreeningTestData.Occupations.Select(o => o.Text).Append(Developer).Append(Nurse).ToArray();
        var sut = new ScreeningFeatures(ScreeningTestData.Vocabulary, LsaEncoder.Fit(corpus, new LsaOptions { Dimensions = 3 }));

        var x = await sut.ExtractAsync(Job, Developer);

        Assert.Equal(ScreeningFeatures.BaseNames.Count + ScreeningFeatures.EncoderNames.Count, x.Length);
        Assert.All(x, v => Assert.True(float.IsFinite(v)));
    }
}
