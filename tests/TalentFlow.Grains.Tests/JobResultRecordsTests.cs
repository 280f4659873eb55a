using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Orleans;
using TalentFlow.Contracts.Matching;
using TalentFlow.Contracts.Training;
using TalentFlow.Grains.Candidates;
using TalentFlow.Grains.Jobs;
using TalentFlow.Grains.Matching;
using TalentFlow.Grains.Samples;
using TalentFlow.Hosting.Records;

namespace TalentFlow.Grains.Tests;

/// <summary>A job's screening results and verdicts are records of their own: a write costs one result, old states migrate.</summary>
public sealed class JobResultRecordsTests
{
    private static async Task<(TestCluster Cluster, Orleans.Storage.IGrainStorage Storage, IGrainRecordStorage Records)> StartAsync(int candidates)
    {
        var cluster = await TestCluster.StartAsync(GrainsClusterFixture.CreateOptions(1));
        var factory = cluster.GrainFactory;
        await factory.GetGrain<IJobGrain>("j").UpsertAsync(SampleCorpus.Jobs()[0].Posting);
        var corpus = SampleCorpus.Candidates(candidates);
        for (int i = 0; i < candidates; i++) await factory.GetGrain<ICandidateGrain>("c" + i).UpsertResumeAsync(corpus[i].Resume);
        var services = cluster.Silos[0].Host.Services;
        return (cluster, services.GetRequiredKeyedService<Orleans.Storage.IGrainStorage>("Default"), services.GetRequiredService<IGrainRecordStorage>());
    }

    private static async Task<string?> ETagAsync(Orleans.Storage.IGrainStorage storage, Orleans.Runtime.GrainId id)
    {
        var state = new Orleans.GrainState<JobState>();
        await storage.ReadStateAsync("job", id, state);
        return state.ETag;
    }

    private static string Opposite(ScreeningResult result) => result.Decision == "SHORTLIST" ? "reject" : "shortlist";

    [Fact]
    public async Task ScreenAsyncAndSubmitFeedbackAsync_ManyResults_WriteOnlyTheirOwnRecordAndNotTheJobState()
    {
        var (cluster, storage, records) = await StartAsync(4);
        await using var _ = cluster;
        var job = cluster.GrainFactory.GetGrain<IJobGrain>("j");
        var review = cluster.GrainFactory.GetGrain<IJobReviewGrain>("j");
        var id = Orleans.Runtime.GrainId.Create("job", "j");
        for (int i = 0; i < 4; i++) await job.ScreenAsync("c" + i);
        string? stateETag = await ETagAsync(storage, id);

        var screened = await job.ScreenAsync("c1");
        await review.SubmitFeedbackAsync("c1", new ReviewerFeedback(Opposite(screened)));

        Assert.Equal(stateETag, await ETagAsync(storage, id));
        var rows = await records.ReadAllAsync(id, "results", default);
        Assert.Equal(["c0", "c1", "c2", "c3"], rows.Select(r => r.Key));
        // Two screenings of c1 in the job's records; its verdict is one record of the job's review grain.
        Assert.Equal([1L, 2L, 1L, 1L], rows.Select(r => r.Version));
        var verdict = Assert.Single(await records.ReadAllAsync(Orleans.Runtime.GrainId.Create("job-review", "j"), "verdicts", default));
        Assert.Equal(("c1", 1L), (verdict.Key, verdict.Version));
    }

    [Fact]
    public async Task ForgetCandidateAsync_ThenScreenedAgain_StartsAFreshResultWithoutTheForgottenVerdicts()
    {
        var (cluster, _, _) = await StartAsync(2);
        await using var __ = cluster;
        var job = cluster.GrainFactory.GetGrain<IJobGrain>("j");
        var review = cluster.GrainFactory.GetGrain<IJobReviewGrain>("j");
        var first = await job.ScreenAsync("c0");
        await job.ScreenAsync("c1");
        await review.SubmitFeedbackAsync("c0", new ReviewerFeedback(Opposite(first)));

        await cluster.GrainFactory.GetGrain<IJobFeaturesGrain>("j").ForgetCandidateAsync("c0");
        var again = await job.ScreenAsync("c0");

        Assert.False(again.HumanReviewed);
        Assert.Equal(["c0", "c1"], (await job.GetScreeningResultsAsync()).Select(r => r.CandidateId).Order(StringComparer.Ordinal));
        Assert.Empty(await review.GetFeedbackHistoryAsync());
        Assert.Empty(await review.GetLabelledResultsAsync());
    }

    [Fact]
    public async Task SubmitFeedbackAsync_AnotherActivationWroteTheResultFirst_FailsAndReactivatesWithTheOthersRecord()
    {
        var (cluster, _, records) = await StartAsync(1);
        await using var _ = cluster;
        var job = cluster.GrainFactory.GetGrain<IJobGrain>("j");
        var review = cluster.GrainFactory.GetGrain<IJobReviewGrain>("j");
        var screened = await job.ScreenAsync("c0");
        var id = Orleans.Runtime.GrainId.Create("job-review", "j");
        Assert.Empty(await review.GetFeedbackHistoryAsync());

        // A duplicate activation of the review grain records a verdict on the same result first.
        var verdict = new FeedbackRecord(screened.Id, new ReviewerFeedback("reject", Reviewer: "duplicate"), screened.Decision, screened.Decision == "SHORTLIST", screened.CreatedAt);
        var theirs = new TalentFlow.Grains.Review.ReviewRecord([verdict], ReviewedScreening: screened.CreatedAt);
        await records.WriteAsync(id, "verdicts", "c0", JsonSerializer.SerializeToUtf8Bytes(theirs, new JsonSerializerOptions(JsonSerializerDefaults.Web)), 0, default);

        await Assert.ThrowsAsync<Orleans.Storage.InconsistentStateException>(() => review.SubmitFeedbackAsync("c0", new ReviewerFeedback("shortlist", Reviewer: "stale")));

        var history = await review.GetFeedbackHistoryAsync();
        Assert.Equal("duplicate", Assert.Single(history).Feedback.Reviewer);
    }
}
