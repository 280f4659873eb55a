using TalentFlow.ML.Matching;

namespace TalentFlow.ML.Tests.Matching;

public sealed class BaselineMatcherTests
{
    private const string Job = "Backend engineer\nRequirements:\nC#, .NET, SQL, Kubernetes\nResponsibilities:\nbuild and run microservices\nEducation:\nBSc in computer science";
    private const string Good = "Skills: C#, .NET, SQL, Docker\nExperience: built microservices on Docker Swarm for 5 years\nEducation: BSc computer science";
    private const string Poor = "Skills: nursing, patient care\nExperience: ICU nurse at a city hospital\nEducation: BSc nursing";

    private static BaselineMatcher CreateSut(BaselineMatcherOptions? options = null) =>
        BaselineMatcher.Fit([Job, Good, Poor, "Accountant with Excel and GAAP", "Teacher of mathematics"], options);

    [Fact]
    public void Score_RelevantResume_ScoresAboveUnrelated()
    {
        var sut = CreateSut();
        Assert.True(sut.Score(Good, Job).Score > sut.Score(Poor, Job).Score + 0.1);
    }

    [Fact]
    public void Score_Explanation_ListsMatchedAndMissingSkills()
    {
        var result = CreateSut().Score(Good, Job);
        Assert.Equal(["C#", ".NET", "SQL", "Microservices"], result.MatchedSkills);
        Assert.Equal(["Kubernetes"], result.MissingSkills);
        Assert.Equal(["skills", "experience", "education"], result.SectionScores.Keys);
    }

    [Fact]
    public void Score_WeightedSum_MatchesSectionScores()
    {
        var result = CreateSut().Score(Good, Job);
        var s = result.SectionScores;
        Assert.Equal(0.4 * s["skills"] + 0.4 * s["experience"] + 0.2 * s["education"], result.RawScore, 6);
    }

    [Fact]
    public void Score_UnrelatedResume_IsClippedToMinimumAndRejected()
    {
        var result = CreateSut().Score("Teacher of mathematics", Job);
        Assert.Equal(0.1, result.Score, 9);
        Assert.Equal("REJECT", result.Decision);
    }

    [Fact]
    public void Score_IdenticalDocuments_ShortlistsAtFullScore()
    {
        var result = CreateSut().Score(Job, Job);
        Assert.Equal(1.0, result.Score, 5);
        Assert.Equal("SHORTLIST", result.Decision);
        Assert.Empty(result.MissingSkills);
    }

    [Fact]
    public void Score_ExplicitRequiredSkills_AreCanonicalized()
    {
        var result = CreateSut().Score(Good, Job, ["k8s", "csharp"]);
        Assert.Equal(["C#"], result.MatchedSkills);
        Assert.Equal(["Kubernetes"], result.MissingSkills);
    }

    [Fact]
    public void Score_CustomWeights_AreApplied()
    {
        var result = CreateSut(new BaselineMatcherOptions { SkillsWeight = 1, ExperienceWeight = 0, EducationWeight = 0, MinScore = 0 }).Score(Good, Job);
        Assert.Equal(result.SectionScores["skills"], result.Score, 6);
    }

    [Fact]
    public void Load_SavedMatcher_ScoresIdentically()
    {
        var sut = CreateSut(new BaselineMatcherOptions { ShortlistThreshold = 0.3, MinScore = 0.05 });
        using var stream = new MemoryStream();
        sut.Save(stream);
        stream.Position = 0;
        var loaded = BaselineMatcher.Load(stream);
        Assert.Equal(sut.Score(Good, Job), loaded.Score(Good, Job), new MatchResultComparer());
        Assert.Equal(0.3, loaded.Options.ShortlistThreshold);
        Assert.Equal(sut.FeatureCounts, loaded.FeatureCounts);
    }

    [Fact]
    public void Load_NotAModel_ThrowsInvalidData() =>
        Assert.Throws<InvalidDataException>(() => BaselineMatcher.Load(new MemoryStream("{\"format\": \"other\"}"u8.ToArray())));

    private sealed class MatchResultComparer : IEqualityComparer<MatchResult>
    {
        public bool Equals(MatchResult? x, MatchResult? y) =>
            x is not null && y is not null && x.Score == y.Score && x.Decision == y.Decision
            && x.SectionScores.SequenceEqual(y.SectionScores) && x.MatchedSkills.SequenceEqual(y.MatchedSkills)
            && x.MissingSkills.SequenceEqual(y.MissingSkills);

        public int GetHashCode(MatchResult obj) => obj.Score.GetHashCode();
    }
}
