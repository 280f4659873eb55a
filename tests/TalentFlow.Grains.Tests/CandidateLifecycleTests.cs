
using TalentFlow.Contracts.Candidates;
using TalentFlow.Contracts.Matching;
using TalentFlow.Contracts.Training;
using TalentFlow.Grains.Candidates;
using TalentFlow.Grains.Jobs;
using TalentFlow.Grains.Matching;
using TalentFlow.Grains.Samples;
using TalentFlow.Grains.Training;

namespace TalentFlow.Grains.Tests;

/// <summary>A candidate's side: scoring itself against a job, its history, and deleting its personal data.</summary>
public sealed class CandidateLifecycleTests
{
    [Fact]
    public async Task ScoreAgainstJobAsync_AnyPair_EqualsTheJobSideScore()
    {
        await using var cluster = await TestCluster.StartAsync(GrainsClusterFixture.CreateOptions(2));
        var factory = cluster.GrainFactory;
        var candidates = SampleCorpus.Candidates(6, seed: 3);
        await Task.WhenAll(candidates.Select(c => factory.GetGrain<ICandidateGrain>(c.Id).UpsertResumeAsync(c.Resume)));
        var job = SampleCorpus.Jobs()[1];
        await factory.GetGrain<IJobGrain>(job.Id).UpsertAsync(job.Posting);

        foreach (var candidate in candidates)
        {
            var fromCandidate = await factory.GetGrain<ICandidateGrain>(candidate.Id).ScoreAgainstJobAsync(job.Id);
            var fromJob = await factory.GetGrain<IJobGrain>(job.Id).ScoreCandidateAsync(candidate.Id);
            Assert.Equal(fromJob.Score, fromCandidate.Score);
            Assert.Equal(fromJob.SemanticScore, fromCandidate.SemanticScore);
            Assert.Equal(fromJob.Decision, fromCandidate.Decision);
            Assert.Equal(fromJob.ModelVersions, fromCandidate.ModelVersions);
        }
        await Assert.ThrowsAsync<KeyNotFoundException>(() => factory.GetGrain<ICandidateGrain>(candidates[0].Id).ScoreAgainstJobAsync("no-such-job"));
        await Assert.ThrowsAsync<KeyNotFoundException>(() => factory.GetGrain<ICandidateGrain>("no-such-candidate").ScoreAgainstJobAsync(job.Id));
    }

    [Fact]
    public async Task DeleteAsync_ScreenedAndReviewedCandidate_RemovesResumeEmbeddingResultsAndVerdicts()
    {
        await using var cluster = await TestCluster.StartAsync(GrainsClusterFixture.CreateOptions(2));
        var factory = cluster.GrainFactory;
        var candidates = SampleCorpus.Candidates(3, seed: 4);
        await Task.WhenAll(candidates.Select(c => factory.GetGrain<ICandidateGrain>(c.Id).UpsertResumeAsync(c.Resume)));
        var jobs = SampleCorpus.Jobs().Take(2).ToList();
        foreach (var job in jobs) await factory.GetGrain<IJobGrain>(job.Id).UpsertAsync(job.Posting);
        string gone = candidates[0].Id;
        foreach (var job in jobs)
        {
            await factory.GetGrain<IJobGrain>(job.Id).ScreenAsync(gone);
            await factory.GetGrain<IJobGrain>(job.Id).ScreenAsync(candidates[1].Id);
        }
        await factory.GetGrain<IJobReviewGrain>(jobs[0].Id).SubmitFeedbackAsync(gone, new ReviewerFeedback("shortlist", Notes: "strong"));
        await factory.GetGrain<IJobReviewGrain>(jobs[0].Id).SubmitFeedbackAsync(candidates[1].Id, new ReviewerFeedback("reject"));
        var history = await factory.GetGrain<ICandidateGrain>(gone).GetHistoryAsync();
        var coordinator = factory.GetGrain<ITrainingCoordinatorGrain>(ITrainingCoordinatorGrain.SingletonKey);
        int before = (await coordinator.GetStatusAsync(MatchingModels.BaselineModelName)).TotalSamples;

        bool deleted = await factory.GetGrain<ICandidateGrain>(gone).DeleteAsync();

        Assert.Equal(
            [CandidateInteraction.Reviewed, CandidateInteraction.Screened, CandidateInteraction.Screened],
            history.Select(h => h.Kind));
        Assert.Equal("SHORTLIST", history[0].Decision);
        Assert.True(deleted);
        Assert.Null(await factory.GetGrain<ICandidateGrain>(gone).GetProfileAsync());
        Assert.Empty(await factory.GetGrain<ICandidateGrain>(gone).GetHistoryAsync());
        foreach (var job in jobs)
        {
            var results = await factory.GetGrain<IJobGrain>(job.Id).GetScreeningResultsAsync();
            Assert.Equal([candidates[1].Id], results.Select(r => r.CandidateId));
            Assert.DoesNotContain(await factory.GetGrain<IJobReviewGrain>(job.Id).GetFeedbackHistoryAsync(), f => f.ResultId.EndsWith("|" + gone, StringComparison.Ordinal));
            Assert.DoesNotContain(await factory.GetGrain<IJobGrain>(job.Id).RankCandidatesAsync(10), r => r.CandidateId == gone);
        }
        Assert.Single(await factory.GetGrain<IJobReviewGrain>(jobs[0].Id).GetFeedbackHistoryAsync());
        // The verdict left the training data too: the coordinator's count and the job's labelled samples.
        Assert.Equal((2, 1), (before, (await coordinator.GetStatusAsync(MatchingModels.BaselineModelName)).TotalSamples));
        Assert.Equal([ScreeningResult.IdOf(jobs[0].Id, candidates[1].Id)], (await factory.GetGrain<IJobReviewGrain>(jobs[0].Id).GetLabelledResultsAsync()).Select(r => r.ResultId));
        await Assert.ThrowsAsync<KeyNotFoundException>(() => factory.GetGrain<IJobGrain>(jobs[0].Id).ScoreCandidateAsync(gone));
        Assert.False(await factory.GetGrain<ICandidateGrain>(gone).DeleteAsync());
    }
}
