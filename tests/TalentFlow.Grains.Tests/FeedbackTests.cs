using Microsoft.Extensions.DependencyInjection;
using TalentFlow.Contracts.Training;
using TalentFlow.Grains.Candidates;
using TalentFlow.Grains.Jobs;
using TalentFlow.Grains.Matching;
using TalentFlow.Grains.Samples;
using TalentFlow.Grains.Training;

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
        var review = factory.GetGrain<IJobReviewGrain>("j");
        var screened = await job.ScreenAsync("c");
        string disagree = screened.Decision == "SHORTLIST" ? "reject" : "shortlist";
        var coordinator = factory.GetGrain<ITrainingCoordinatorGrain>(ITrainingCoordinatorGrain.SingletonKey);

        var first = await review.SubmitFeedbackAsync("c", new ReviewerFeedback(disagree, Notes: "not a fit"));
        var afterFirst = await coordinator.GetStatusAsync(MatchingModels.BaselineModelName);
        var second = await review.SubmitFeedbackAsync("c", new ReviewerFeedback(disagree == "reject" ? "shortlist" : "reject"));
        var afterSecond = await coordinator.GetStatusAsync(MatchingModels.BaselineModelName);

        Assert.True(first.NeedsRetraining);
        Assert.False(second.NeedsRetraining);
        Assert.True((await job.GetScreeningResultsAsync()).Single().HumanReviewed);
        Assert.Equal(2, (await review.GetFeedbackHistoryAsync()).Count);
        Assert.Equal((1, 1, 99, false), (afterFirst.TotalSamples, afterFirst.NeedsRetraining, afterFirst.SamplesNeeded, afterFirst.ReadyForTraining));
        Assert.Equal((1, 0), (afterSecond.TotalSamples, afterSecond.NeedsRetraining));
        Assert.Equal(afterSecond.PositiveSamples + afterSecond.NegativeSamples, afterSecond.TotalSamples);
        Assert.Equal(["j"], await coordinator.GetJobsWithVerdictsAsync());
        var labelled = Assert.Single(await review.GetLabelledResultsAsync());
        Assert.Equal(("j|c", disagree == "reject"), (labelled.ResultId, labelled.Positive));
    }

    [Fact]
    public async Task RecordVerdictsAsync_InconsistentCounts_ThrowsAndKeepsTheEarlierCounts()
    {
        await using var cluster = await TestCluster.StartAsync(GrainsClusterFixture.CreateOptions(1));
        var coordinator = cluster.GrainFactory.GetGrain<ITrainingCoordinatorGrain>(ITrainingCoordinatorGrain.SingletonKey);
        await coordinator.RecordVerdictsAsync("a", new VerdictCounts(3, 2, 1));
        await coordinator.RecordVerdictsAsync("b", new VerdictCounts(2, 0, 0));
        // Reported again as absolute counts: replaces, never adds.
        await coordinator.RecordVerdictsAsync("a", new VerdictCounts(3, 2, 1));

        await Assert.ThrowsAsync<ArgumentException>(() => coordinator.RecordVerdictsAsync("a", new VerdictCounts(1, 2, 0)));
        await coordinator.RecordVerdictsAsync("b", new VerdictCounts(0, 0, 0));

        var status = await coordinator.GetStatusAsync(MatchingModels.BaselineModelName);
        Assert.Equal((3, 2, 1), (status.TotalSamples, status.PositiveSamples, status.NeedsRetraining));
        Assert.Equal(["a"], await coordinator.GetJobsWithVerdictsAsync());
        Assert.Equal(0, (await coordinator.GetStatusAsync("convfm_recommender")).TotalSamples);
    }

    [Fact]
    public async Task SubmitFeedbackAsync_UnknownResultOrMalformedVerdict_ThrowsTypedErrors()
    {
        await using var cluster = await TestCluster.StartAsync(GrainsClusterFixture.CreateOptions(1));
        var job = cluster.GrainFactory.GetGrain<IJobGrain>("j");
        var review = cluster.GrainFactory.GetGrain<IJobReviewGrain>("j");
        await job.UpsertAsync(SampleCorpus.Jobs()[1].Posting);

        await Assert.ThrowsAsync<KeyNotFoundException>(() => review.SubmitFeedbackAsync("nobody", new ReviewerFeedback("reject")));
        await Assert.ThrowsAsync<ArgumentException>(() => review.SubmitFeedbackAsync("nobody", new ReviewerFeedback("maybe")));
        await Assert.ThrowsAsync<ArgumentException>(() => review.SubmitFeedbackAsync("nobody", new ReviewerFeedback(null, 1.5)));
        await Assert.ThrowsAsync<ArgumentException>(() => review.SubmitFeedbackAsync("nobody", new ReviewerFeedback(null)));
    }
}

/// <summary>The coordinator's state is fenced by the storage version: a duplicate activation can never commit twice.</summary>
public sealed class CoordinatorFencingTests
{
    [Fact]
    public async Task RecordVerdictsAsync_AnotherActivationCommittedFirst_FailsDeactivatesAndKeepsTheOthersCommit()
    {
        await using var cluster = await TestCluster.StartAsync(GrainsClusterFixture.CreateOptions(1));
        var storage = cluster.Silos[0].Host.Services.GetRequiredKeyedService<Orleans.Storage.IGrainStorage>("Default");
        var id = Orleans.Runtime.GrainId.Create("training-coordinator", ITrainingCoordinatorGrain.SingletonKey);
        var coordinator = cluster.GrainFactory.GetGrain<ITrainingCoordinatorGrain>(ITrainingCoordinatorGrain.SingletonKey);
        await coordinator.RecordVerdictsAsync("a", new VerdictCounts(2, 1, 0));

        // A duplicate activation (a view change made two silos think they own the singleton) commits its own state first.
        var stored = new Orleans.GrainState<TrainingCoordinatorState>();
        await storage.ReadStateAsync("coordinator", id, stored);
        stored.State!.VerdictsByJob["dup"] = new VerdictCounts(5, 5, 0);
        await storage.WriteStateAsync("coordinator", id, stored);

        // The first activation still holds the old ETag: its write is refused, so its change is not committed.
        await Assert.ThrowsAsync<Orleans.Storage.InconsistentStateException>(() => coordinator.RecordVerdictsAsync("b", new VerdictCounts(3, 0, 0)));

        // It was deactivated; the next call activates from storage: the duplicate's commit, once, and no "b".
        var status = await coordinator.GetStatusAsync(MatchingModels.BaselineModelName);
        Assert.Equal(7, status.TotalSamples);
        Assert.Equal(["a", "dup"], await coordinator.GetJobsWithVerdictsAsync());
    }
}
