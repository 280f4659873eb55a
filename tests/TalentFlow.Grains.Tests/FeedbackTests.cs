using TalentFlow.Runtime.Testing;

namespace TalentFlow.Grains.Tests;

/// <summary>Reviewers' feedback and the coordinator's counts, on a cluster of its own so the counts start at zero.</summary>
public sealed class FeedbackTests
{
    [Fact]
    public async Task SubmitFeedbackAsync_DisagreeThenResubmit_AuditsBothAndCountsTheResultOnce()
    {
        await using var cluster = await TestCluster.StartAsync(GrainsClusterFixture.CreateOptions(2));
        var factory = cluster.GrainFactory;
        var jobPosting = SampleCorpus.Jobs()[0];
        await factory.GetGrain<IJobGrain>("j").UpsertAsync(jobPosting.Posting);
        await factory.GetGrain<ICandidateGrain>("c").UpsertResumeAsync(SampleCorpus.Candidates(1)[0].Resume);
        var job = factory.GetGrain<IJobGrain>("j");
        var screened = await job.ScreenAsync("c");
        string disagree = screened.Decision == "SHORTLIST" ? "reject" : "shortlist";
        var coordinator = factory.GetGrain<ITrainingCoordinatorGrain>(ITrainingCoordinatorGrain.SingletonKey);

        var first = await job.SubmitFeedbackAsync("c", new ReviewerFeedback(disagree, Notes: "not a fit"));
        var afterFirst = await coordinator.GetStatusAsync(MatchingModels.BaselineModelName);
        var second = await job.SubmitFeedbackAsync("c", new ReviewerFeedback(disagree == "reject" ? "shortlist" : "reject"));
        var afterSecond = await coordinator.GetStatusAsync(MatchingModels.BaselineModelName);

        Assert.True(first.NeedsRetraining);
        Assert.False(second.NeedsRetraining);
        Assert.True((await job.GetScreeningResultsAsync()).Single().HumanReviewed);
        Assert.Equal(2, (await job.GetFeedbackHistoryAsync()).Count);
        Assert.Equal((1, 1, 99, false), (afterFirst.TotalSamples, afterFirst.NeedsRetraining, afterFirst.SamplesNeeded, afterFirst.ReadyForTraining));
        Assert.Equal((1, 0), (afterSecond.TotalSamples, afterSecond.NeedsRetraining));
        Assert.Equal(afterSecond.PositiveSamples + afterSecond.NegativeSamples, afterSecond.TotalSamples);
    }

    [Fact]
    public async Task SubmitFeedbackAsync_UnknownResultOrMalformedVerdict_ThrowsTypedErrors()
    {
        await using var cluster = await TestCluster.StartAsync(GrainsClusterFixture.CreateOptions(1));
        var job = cluster.GrainFactory.GetGrain<IJobGrain>("j");
        await job.UpsertAsync(SampleCorpus.Jobs()[1].Posting);

        await Assert.ThrowsAsync<KeyNotFoundException>(() => job.SubmitFeedbackAsync("nobody", new ReviewerFeedback("reject")));
        await Assert.ThrowsAsync<ArgumentException>(() => job.SubmitFeedbackAsync("nobody", new ReviewerFeedback("maybe")));
        await Assert.ThrowsAsync<ArgumentException>(() => job.SubmitFeedbackAsync("nobody", new ReviewerFeedback(null, 1.5)));
        await Assert.ThrowsAsync<ArgumentException>(() => job.SubmitFeedbackAsync("nobody", new ReviewerFeedback(null)));
    }
}
