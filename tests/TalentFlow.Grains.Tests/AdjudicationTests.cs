
using TalentFlow.Contracts.Review;
using TalentFlow.Contracts.Training;
using TalentFlow.Grains.Candidates;
using TalentFlow.Grains.Jobs;
using TalentFlow.Grains.Matching;
using TalentFlow.Grains.Samples;
using TalentFlow.Grains.Training;

namespace TalentFlow.Grains.Tests;

/// <summary>
/// Overlap, agreement and adjudication on a job grain, on a cluster of its own so the coordinator's counts start at zero: a
/// disputed label reaches neither the labelled samples, the counts nor the export until an adjudicator decides it.
/// </summary>
public sealed class AdjudicationTests
{
    private static async Task<(TestCluster Cluster, IJobGrain Job, IJobReviewGrain Review)> StartAsync(string jobId, int candidates)
    {
        var cluster = await TestCluster.StartAsync(GrainsClusterFixture.CreateOptions(1));
        var factory = cluster.GrainFactory;
        var job = factory.GetGrain<IJobGrain>(jobId);
        await job.UpsertAsync(SampleCorpus.Jobs()[0].Posting);
        foreach (var (person, i) in SampleCorpus.Candidates(candidates).Select((p, i) => (p, i)))
        {
            await factory.GetGrain<ICandidateGrain>($"c{i}").UpsertResumeAsync(person.Resume);
            await job.ScreenAsync($"c{i}");
        }
        return (cluster, job, factory.GetGrain<IJobReviewGrain>(jobId));
    }

    private static Task Label(IJobReviewGrain review, string candidate, string reviewer, string label) =>
        review.SubmitFeedbackAsync(candidate, new ReviewerFeedback(label, Reviewer: reviewer));

    [Fact]
    public async Task Adjudicate_DisputedLabel_ReachesTrainingOnlyAfterwardsWithTheAdjudicatedLabel()
    {
        var (cluster, job, review) = await StartAsync("ja", 4);
        await using var _ = cluster;
        var coordinator = cluster.GrainFactory.GetGrain<ITrainingCoordinatorGrain>(ITrainingCoordinatorGrain.SingletonKey);
        await review.SetReviewSettingsAsync(2);
        // ann S S R R, bob S R R R: c1 is disputed, c0, c2, c3 uncontested.
        string[] ann = ["shortlist", "shortlist", "reject", "reject"], bob = ["shortlist", "reject", "reject", "reject"];
        for (int i = 0; i < 4; i++)
        {
            await Label(review, $"c{i}", "ann", ann[i]);
            await Label(review, $"c{i}", "bob", bob[i]);
        }

        var before = await TrainingSampleExport.ReadAsync(cluster.GrainFactory, new TrainingSampleFilter(), DateTimeOffset.UnixEpoch);
        var labelledBefore = await review.GetLabelledResultsAsync();
        var statusBefore = await coordinator.GetStatusAsync(MatchingModels.BaselineModelName);
        var pending = Assert.Single(await review.GetAdjudicationsAsync());
        var decided = await review.AdjudicateAsync("c1", "shortlist", "the portfolio shows the missing skill", "judge");
        var after = await TrainingSampleExport.ReadAsync(cluster.GrainFactory, new TrainingSampleFilter(), DateTimeOffset.UnixEpoch);
        var labelledAfter = await review.GetLabelledResultsAsync();
        var statusAfter = await coordinator.GetStatusAsync(MatchingModels.BaselineModelName);

        Assert.Equal(["ja|c0", "ja|c2", "ja|c3"], before.Select(s => s.ResultId));
        Assert.Equal(["ja|c0", "ja|c2", "ja|c3"], labelledBefore.Select(l => l.ResultId));
        Assert.Equal(3, statusBefore.TotalSamples);
        Assert.Equal("ja|c1", pending.ResultId);
        Assert.Equal(["ann", "bob"], pending.Verdicts.Select(v => v.Reviewer));
        Assert.Equal(("shortlist", "judge"), (decided.Adjudication!.Label, decided.Adjudication.Adjudicator));
        var sample = Assert.Single(after, s => s.ResultId == "ja|c1");
        Assert.Equal((1, "shortlist", "judge", "the portfolio shows the missing skill"), (sample.Label, sample.HumanDecision, sample.Reviewer, sample.Notes));
        Assert.Contains(new LabelledResult("ja|c1", true, "judge"), labelledAfter);
        Assert.Equal((4, statusBefore.PositiveSamples + 1), (statusAfter.TotalSamples, statusAfter.PositiveSamples));
        Assert.Empty(await review.GetAdjudicationsAsync());
    }

    [Fact]
    public async Task GetAgreementAsync_TwoReviewers_IsCohensKappaOfTheHandComputedTable()
    {
        var (cluster, job, review) = await StartAsync("jk", 4);
        await using var _ = cluster;
        await review.SetReviewSettingsAsync(2);
        var decisions = (await job.GetScreeningResultsAsync()).ToDictionary(r => r.CandidateId, r => r.Decision.ToLowerInvariant());
        // ann S S R R, bob S R R R: p_o ¾, p_e ½, κ = ½; α = 8/15. Model agreement: counted against the model's actual decisions.
        string[] ann = ["shortlist", "shortlist", "reject", "reject"], bob = ["shortlist", "reject", "reject", "reject"];
        for (int i = 0; i < 4; i++)
        {
            await Label(review, $"c{i}", "ann", ann[i]);
            await Label(review, $"c{i}", "bob", bob[i]);
        }
        await Label(review, "c0", "ann", "shortlist"); // a resubmission replaces ann's verdict, it is not a third rater

        var agreement = await review.GetAgreementAsync();

        Assert.Equal(("cohen_kappa", 2, 4), (agreement.Method, agreement.Reviewers, agreement.PairedResults));
        Assert.Equal(0.5, agreement.Value!.Value, 6);
        Assert.Equal(0.5, agreement.Kappa!.Value, 6);
        Assert.Equal(8.0 / 15, agreement.Alpha!.Value, 6);
        Assert.Equal(new ReviewCounts(4, 0, 0, 3, 1, 0), agreement.Counts);
        var expectedModel = Enumerable.Range(0, 4).Sum(i => (ann[i] == decisions[$"c{i}"] ? 1 : 0) + (bob[i] == decisions[$"c{i}"] ? 1 : 0)) / 8.0;
        Assert.Equal(expectedModel, agreement.ModelAgreement!.Value, 6);
        var annRow = agreement.PerReviewer.Single(r => r.Reviewer == "ann");
        Assert.Equal((4, 0.75), (annRow.Reviews, annRow.PeerAgreement!.Value));
    }

    [Fact]
    public async Task GetAgreementAsync_ThreeReviewers_IsKrippendorffsAlpha()
    {
        var (cluster, job, review) = await StartAsync("jalpha", 3);
        await using var _ = cluster;
        await review.SetReviewSettingsAsync(3);
        // c0 S S S, c1 S S R, c2 R R R: α = 1 − 8·2 / (81 − 25 − 16) = 0.6.
        string[][] labels = [["shortlist", "shortlist", "shortlist"], ["shortlist", "shortlist", "reject"], ["reject", "reject", "reject"]];
        string[] reviewers = ["ann", "bob", "cy"];
        for (int i = 0; i < 3; i++)
        {
            for (int r = 0; r < 3; r++) await Label(review, $"c{i}", reviewers[r], labels[i][r]);
        }

        var agreement = await review.GetAgreementAsync();

        Assert.Equal(("krippendorff_alpha", 3), (agreement.Method, agreement.Reviewers));
        Assert.Null(agreement.Kappa);
        Assert.Equal(0.6, agreement.Value!.Value, 6);
        Assert.Equal(new ReviewCounts(3, 0, 0, 2, 1, 0), agreement.Counts);
        Assert.Equal(0.4, agreement.PerReviewer.Single(r => r.Reviewer == "cy").PeerKappa!.Value, 6);
    }

    [Fact]
    public async Task AdjudicateAsync_NotDisputedOrBadInput_IsRefused()
    {
        var (cluster, job, review) = await StartAsync("jr", 2);
        await using var _ = cluster;
        await review.SetReviewSettingsAsync(2);
        await Label(review, "c0", "ann", "shortlist");
        await Label(review, "c0", "bob", "shortlist");
        await Label(review, "c1", "ann", "reject");

        await Assert.ThrowsAsync<ReviewConflictException>(() => review.AdjudicateAsync("c0", "reject", "why", "judge"));
        await Assert.ThrowsAsync<ReviewConflictException>(() => review.AdjudicateAsync("c1", "reject", "why", "judge"));
        await Assert.ThrowsAsync<ArgumentException>(() => review.AdjudicateAsync("c0", "maybe", "why", "judge"));
        await Assert.ThrowsAsync<ArgumentException>(() => review.AdjudicateAsync("c0", "reject", " ", "judge"));
        await Assert.ThrowsAsync<KeyNotFoundException>(() => review.AdjudicateAsync("nobody", "reject", "why", "judge"));
        // c1 has one of two reviewers: pending, so it is not a label yet; c0 is.
        Assert.Equal(["jr|c0"], (await review.GetLabelledResultsAsync()).Select(l => l.ResultId));
    }

    [Fact]
    public async Task SetReviewSettingsAsync_BackToOne_MakesASingleVerdictALabelAgain()
    {
        var (cluster, job, review) = await StartAsync("js", 1);
        await using var _ = cluster;
        await review.SetReviewSettingsAsync(2);
        await Label(review, "c0", "ann", "shortlist");
        var coordinator = cluster.GrainFactory.GetGrain<ITrainingCoordinatorGrain>(ITrainingCoordinatorGrain.SingletonKey);
        int pendingCount = (await coordinator.GetStatusAsync(MatchingModels.BaselineModelName)).TotalSamples;

        var settings = await review.SetReviewSettingsAsync(null);

        Assert.Equal(0, pendingCount);
        Assert.Equal(new ReviewSettings(1, true), settings);
        Assert.Equal(1, (await coordinator.GetStatusAsync(MatchingModels.BaselineModelName)).TotalSamples);
    }
}
