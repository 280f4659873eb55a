using TalentFlow.Grains.Matching;
using TalentFlow.Grains.Samples;
using TalentFlow.ML.Matching;

namespace TalentFlow.Grains.Tests;

public sealed class MatchingModelsTests
{
    private static readonly BaselineMatcher Matcher = BaselineMatcher.Fit(["python developer", "registered nurse"]);

    [Fact]
    public void Publish_BeyondRetention_ForgetsTheOldestButKeepsCurrent()
    {
        var models = new MatchingModels(new BaselineModel("v1", Matcher), retainedVersions: 2);
        models.Publish(new BaselineModel("v2", Matcher));
        models.Publish(new BaselineModel("v3", Matcher));

        Assert.Equal("v3", models.Current.Version);
        Assert.False(models.TryGet("v1", out _));
        Assert.True(models.TryGet("v2", out var v2));
        Assert.Equal("v2", v2.Version);
    }

    [Fact]
    public void Publish_KnownVersionAgain_MakesItCurrentWithoutDuplicating()
    {
        var models = new MatchingModels(new BaselineModel("v1", Matcher), retainedVersions: 2);
        models.Publish(new BaselineModel("v2", Matcher));
        models.Publish(new BaselineModel("v1", Matcher));
        models.Publish(new BaselineModel("v3", Matcher));

        Assert.Equal("v3", models.Current.Version);
        Assert.True(models.TryGet("v1", out _));
        Assert.False(models.TryGet("v2", out _));
    }

    [Fact]
    public void SampleCorpus_SameSeed_IsDeterministicAndCoversEveryJobsRole()
    {
        Assert.Equal(SampleCorpus.Candidates(20, seed: 3), SampleCorpus.Candidates(20, seed: 3));
        Assert.NotEqual(SampleCorpus.Candidates(20, seed: 3)[0].Resume.Text, SampleCorpus.Candidates(20, seed: 4)[0].Resume.Text);
        Assert.Equal(SampleCorpus.Jobs().Count, SampleCorpus.Jobs().Select(j => j.Posting.Title).Distinct().Count());
    }
}
