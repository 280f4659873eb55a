using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Orleans;
using Orleans.Runtime;
using TalentFlow.Contracts.Jobs;
using TalentFlow.Contracts.Matching;
using TalentFlow.Contracts.Review;
using TalentFlow.Contracts.Training;
using TalentFlow.Grains.Candidates;
using TalentFlow.Grains.Jobs;
using TalentFlow.Grains.Matching;
using TalentFlow.Grains.Review;
using TalentFlow.Grains.Samples;
using TalentFlow.Grains.Training;
using TalentFlow.Hosting.Records;

namespace TalentFlow.Grains.Tests;

/// <summary>
/// The job-review grain beside the job grain: verdicts live in its own records, per job; a verdict needs a result the job
/// has; concurrent reviewers lose nothing; review data older versions kept with the job moves here once.
/// </summary>
public sealed class JobReviewGrainTests
{
    private static async Task<TestCluster> StartAsync(int silos, params (string Job, int Candidates)[] jobs)
    {
        var cluster = await TestCluster.StartAsync(GrainsClusterFixture.CreateOptions(silos));
        var factory = cluster.GrainFactory;
        int most = jobs.Max(j => j.Candidates);
        var corpus = SampleCorpus.Candidates(most);
        for (int i = 0; i < most; i++) await factory.GetGrain<ICandidateGrain>("c" + i).UpsertResumeAsync(corpus[i].Resume);
        foreach (var (jobId, candidates) in jobs)
        {
            var job = factory.GetGrain<IJobGrain>(jobId);
            await job.UpsertAsync(SampleCorpus.Jobs()[0].Posting);
            for (int i = 0; i < candidates; i++) await job.ScreenAsync("c" + i);
        }
        return cluster;
    }

    [Fact]
    public async Task SubmitFeedbackAsync_TwoJobs_EachReviewGrainHoldsOnlyItsOwnJobsVerdicts()
    {
        await using var cluster = await StartAsync(2, ("ja", 3), ("jb", 3));
        var factory = cluster.GrainFactory;
        var a = factory.GetGrain<IJobReviewGrain>("ja");
        var b = factory.GetGrain<IJobReviewGrain>("jb");

        await a.SubmitFeedbackAsync("c0", new ReviewerFeedback("shortlist", Reviewer: "ann"));
        await a.SubmitFeedbackAsync("c1", new ReviewerFeedback("reject", Reviewer: "ann"));
        await b.SubmitFeedbackAsync("c2", new ReviewerFeedback("reject", Reviewer: "bob"));

        Assert.Equal(["ja|c0", "ja|c1"], (await a.GetFeedbackHistoryAsync()).Select(v => v.ResultId).Order(StringComparer.Ordinal));
        Assert.Equal(["jb|c2"], (await b.GetFeedbackHistoryAsync()).Select(v => v.ResultId));
        Assert.Equal(["ja|c0", "ja|c1"], (await a.GetLabelledResultsAsync()).Select(l => l.ResultId));
        Assert.Equal(["jb|c0", "jb|c1"], (await b.GetReviewQueueAsync("oldest", 10)).Items.Select(i => i.ResultId).Order(StringComparer.Ordinal));
        Assert.Equal([false, false, true], (await factory.GetGrain<IJobGrain>("jb").GetScreeningResultsAsync()).OrderBy(r => r.CandidateId, StringComparer.Ordinal).Select(r => r.HumanReviewed));
        var coordinator = factory.GetGrain<ITrainingCoordinatorGrain>(ITrainingCoordinatorGrain.SingletonKey);
        Assert.Equal(["ja", "jb"], (await coordinator.GetJobsWithVerdictsAsync()).Order(StringComparer.Ordinal));
        Assert.Equal(3, (await coordinator.GetStatusAsync(MatchingModels.BaselineModelName)).TotalSamples);
    }

    [Fact]
    public async Task SubmitFeedbackAsync_UnknownResultOrJob_IsRefusedAndWritesNothing()
    {
        await using var cluster = await StartAsync(1, ("j", 1));
        var factory = cluster.GrainFactory;
        var records = cluster.Silos[0].Host.Services.GetRequiredService<IGrainRecordStorage>();

        var unknownResult = await Assert.ThrowsAsync<KeyNotFoundException>(() => factory.GetGrain<IJobReviewGrain>("j").SubmitFeedbackAsync("c9", new ReviewerFeedback("reject")));
        var unknownJob = await Assert.ThrowsAsync<KeyNotFoundException>(() => factory.GetGrain<IJobReviewGrain>("nojob").SubmitFeedbackAsync("c0", new ReviewerFeedback("reject")));
        await Assert.ThrowsAsync<KeyNotFoundException>(() => factory.GetGrain<IJobReviewGrain>("j").AdjudicateAsync("c9", "reject", "why", "judge"));
        await Assert.ThrowsAsync<KeyNotFoundException>(() => factory.GetGrain<IJobReviewGrain>("nojob").GetReviewQueueAsync("oldest", 5));

        Assert.Equal("Screening result 'j|c9' does not exist.", unknownResult.Message);
        Assert.Equal("Screening result 'nojob|c0' does not exist.", unknownJob.Message);
        Assert.Empty(await records.ReadAllAsync(GrainId.Create("job-review", "j"), "verdicts", default));
        Assert.Empty(await records.ReadAllAsync(GrainId.Create("job-review", "nojob"), "verdicts", default));
        Assert.Empty(await factory.GetGrain<IJobReviewGrain>("j").GetFeedbackHistoryAsync());
    }

    [Fact]
    public async Task SubmitFeedbackAsync_TwoReviewersAtOnce_KeepsEveryVerdictAndCountsEachResultOnce()
    {
        await using var cluster = await StartAsync(2, ("jc", 6));
        var factory = cluster.GrainFactory;
        var review = factory.GetGrain<IJobReviewGrain>("jc");
        await review.SetReviewSettingsAsync(2);

        // Both reviewers label every result at the same time, through the two silos' gateways and the cluster client.
        var calls = new List<Task<FeedbackRecord>>();
        foreach (var reviewer in new[] { "ann", "bob" })
        {
            for (int i = 0; i < 6; i++) calls.Add(review.SubmitFeedbackAsync("c" + i, new ReviewerFeedback(i % 2 == 0 ? "shortlist" : "reject", Reviewer: reviewer)));
        }
        await Task.WhenAll(calls);

        var history = await review.GetFeedbackHistoryAsync();
        Assert.Equal(12, history.Count);
        Assert.All(Enumerable.Range(0, 6), i => Assert.Equal(["ann", "bob"], history.Where(v => v.ResultId == "jc|c" + i).Select(v => v.Feedback.Reviewer).Order(StringComparer.Ordinal)));
        var agreement = await review.GetAgreementAsync();
        Assert.Equal((6, 6, 0), (agreement.Counts.Results, agreement.Counts.Uncontested, agreement.Counts.Disputed));
        Assert.Empty((await review.GetReviewQueueAsync("oldest", 10)).Items);
        var status = await factory.GetGrain<ITrainingCoordinatorGrain>(ITrainingCoordinatorGrain.SingletonKey).GetStatusAsync(MatchingModels.BaselineModelName);
        Assert.Equal((6, 3), (status.TotalSamples, status.PositiveSamples));
    }

    [Fact]
    public async Task GetScreeningResultsAsync_ReviewedThenScreenedAgain_IsHumanReviewedOnlyUntilTheNewScreening()
    {
        await using var cluster = await StartAsync(1, ("jh", 1));
        var factory = cluster.GrainFactory;
        var job = factory.GetGrain<IJobGrain>("jh");

        await factory.GetGrain<IJobReviewGrain>("jh").SubmitFeedbackAsync("c0", new ReviewerFeedback("reject"));
        bool reviewed = (await job.GetScreeningResultsAsync()).Single().HumanReviewed;
        await job.ScreenAsync("c0");
        bool afterScreening = (await job.GetScreeningResultsAsync()).Single().HumanReviewed;

        Assert.True(reviewed);
        Assert.False(afterScreening);
        Assert.Single(await factory.GetGrain<IJobReviewGrain>("jh").GetFeedbackHistoryAsync());
    }

    [Fact]
    public async Task GetReviewQueueAsync_BlindJob_ShowsThePseudonymTheResultCarries()
    {
        await using var cluster = await StartAsync(1, ("jb", 0));
        var factory = cluster.GrainFactory;
        var job = factory.GetGrain<IJobGrain>("jb");
        await factory.GetGrain<IJobRequirementsGrain>("jb").SetSettingsAsync(new JobSettings(BlindScreening: true));
        await factory.GetGrain<ICandidateGrain>("c0").UpsertResumeAsync(SampleCorpus.Candidates(1)[0].Resume);
        var screened = await job.ScreenAsync("c0");

        var item = Assert.Single((await factory.GetGrain<IJobReviewGrain>("jb").GetReviewQueueAsync("uncertainty", 5)).Items);

        Assert.True(screened.Blind);
        Assert.Equal((screened.CandidateName, screened.Decision, screened.Score), (item.CandidateName, item.Decision, item.Score));
        Assert.StartsWith("Candidate ", item.CandidateName, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OnActivateAsync_JobStoredByAnEarlierVersion_MovesVerdictsAdjudicationAndOverlapOnceWithoutLoss()
    {
        await using var cluster = await TestCluster.StartAsync(GrainsClusterFixture.CreateOptions(2));
        await MigrationScenario.RunAsync(cluster, "jm");
    }
}

/// <summary>
/// Writes a job as versions before the review grain stored it — verdicts and an adjudication inside its <c>results</c>
/// records, the overlap in its state row — straight through the storage, then checks the review grain serves all of it, the
/// job let go of its copy, and a second activation (and an interrupted earlier copy) changes nothing.
/// </summary>
internal static class MigrationScenario
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task RunAsync(TestCluster cluster, string jobId)
    {
        var services = cluster.Silos[0].Host.Services;
        var stateStorage = services.GetRequiredKeyedService<Orleans.Storage.IGrainStorage>("Default");
        var records = services.GetRequiredService<IGrainRecordStorage>();
        var jobGrainId = GrainId.Create("job", jobId);
        var reviewGrainId = GrainId.Create("job-review", jobId);
        var at = new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);

        // c0: disputed by two reviewers, then adjudicated; c1: two agreeing reviewers; c2: unreviewed; c3: a verdict without its result.
        var results = Enumerable.Range(0, 3).Select(i => Result(jobId, "c" + i, i == 1 ? "REJECT" : "SHORTLIST", at.AddMinutes(i), humanReviewed: i < 2)).ToList();
        FeedbackRecord Verdict(string candidate, string label, string reviewer, int minute, string decision) =>
            new(ScreeningResult.IdOf(jobId, candidate), new ReviewerFeedback(label, Reviewer: reviewer), decision, (label == "shortlist") != (decision == "SHORTLIST"), at.AddMinutes(minute));
        var old = new Dictionary<string, ScreeningRecord>
        {
            ["c0"] = new(results[0], [Verdict("c0", "shortlist", "ann", 10, "SHORTLIST"), Verdict("c0", "reject", "bob", 11, "SHORTLIST")],
                new Adjudication("shortlist", "the portfolio", "judge", at.AddMinutes(20))),
            ["c1"] = new(results[1], [Verdict("c1", "reject", "ann", 12, "REJECT"), Verdict("c1", "reject", "bob", 13, "REJECT")]),
            ["c2"] = new(results[2], []),
            ["c3"] = new(null, [Verdict("c3", "reject", "ann", 14, "REJECT")]),
        };
        var state = new GrainState<JobState>(new JobState { Posting = SampleCorpus.Jobs()[0].Posting, ReviewOverlap = 2 });
        await stateStorage.WriteStateAsync("job", jobGrainId, state);
        foreach (var (key, record) in old) await records.WriteAsync(jobGrainId, "results", key, JsonSerializer.SerializeToUtf8Bytes(record, Json), 0, default);
        // An earlier copy stopped after c1's record and before its state row: c1 must not be doubled.
        await records.WriteAsync(reviewGrainId, "verdicts", "c1", JsonSerializer.SerializeToUtf8Bytes(new ReviewRecord(old["c1"].Verdicts!, null, results[1].CreatedAt), Json), 0, default);
        var expectedHistory = old.OrderBy(p => p.Key, StringComparer.Ordinal).SelectMany(p => p.Value.Verdicts!).OrderBy(v => v.SubmittedAt).ToList();

        var factory = cluster.GrainFactory;
        await CheckServedAsync(factory, jobId, expectedHistory);

        // The job drops its copy: a one-way message from the review grain, so our calls to the job may overtake it (in the
        // same silo they queue behind it); each round waits for one turn of the job.
        var job = factory.GetGrain<IJobGrain>(jobId);
        List<StoredGrainRecord> rows = [];
        for (int round = 0; round < 200; round++)
        {
            await job.GetScreeningResultsAsync();
            // A removed record stays as a tombstone (its version fences a later write): only rows with data are records.
            rows = [.. (await records.ReadAllAsync(jobGrainId, "results", default)).Where(r => r.Data is not null)];
            if (rows.Count == 3) break;
        }
        Assert.Equal(["c0", "c1", "c2"], rows.Select(r => r.Key));
        Assert.All(rows, r => Assert.True(JsonSerializer.Deserialize<ScreeningRecord>(r.Data!.Value.Span, Json) is { Verdicts: null or [], Adjudication: null }, r.Key));
        var reread = new GrainState<JobState>();
        await stateStorage.ReadStateAsync("job", jobGrainId, reread);
        Assert.Null(reread.State!.ReviewOverlap);
        Assert.Equal(["c0", "c1", "c3"], (await records.ReadAllAsync(reviewGrainId, "verdicts", default)).Select(r => r.Key));

        // Every grain activated again on a new silo, from storage: served the same, nothing moved twice.
        var first = cluster.Silos.ToList();
        await cluster.StartSiloAsync();
        foreach (var silo in first) await cluster.StopSiloAsync(silo);
        await CheckServedAsync(cluster.GrainFactory, jobId, expectedHistory);
        records = cluster.Silos[0].Host.Services.GetRequiredService<IGrainRecordStorage>();
        Assert.Equal([1L, 1L, 1L], (await records.ReadAllAsync(reviewGrainId, "verdicts", default)).Select(r => r.Version));
    }

    private static async Task CheckServedAsync(IGrainFactory factory, string jobId, List<FeedbackRecord> expectedHistory)
    {
        var review = factory.GetGrain<IJobReviewGrain>(jobId);
        Assert.Equal(new ReviewSettings(2, false), await review.GetReviewSettingsAsync());
        Assert.Equal(JsonSerializer.Serialize(expectedHistory), JsonSerializer.Serialize(await review.GetFeedbackHistoryAsync()));
        Assert.Equal([new LabelledResult(jobId + "|c0", true, "judge"), new LabelledResult(jobId + "|c1", false, "bob")], await review.GetLabelledResultsAsync());
        var agreement = await review.GetAgreementAsync();
        Assert.Equal(new ReviewCounts(4, 1, 1, 1, 0, 1), agreement.Counts);
        Assert.Empty(await review.GetAdjudicationsAsync());
        Assert.Equal([jobId + "|c2"], (await review.GetReviewQueueAsync("oldest", 10)).Items.Select(i => i.ResultId));
        var results = (await factory.GetGrain<IJobGrain>(jobId).GetScreeningResultsAsync()).OrderBy(r => r.CandidateId, StringComparer.Ordinal);
        Assert.Equal([true, true, false], results.Select(r => r.HumanReviewed));
    }

    private static ScreeningResult Result(string jobId, string candidateId, string decision, DateTimeOffset at, bool humanReviewed) =>
        new(ScreeningResult.IdOf(jobId, candidateId), jobId, candidateId, "Name " + candidateId, decision == "SHORTLIST" ? 0.7 : 0.3, decision,
            new Dictionary<string, double>(), [], [], new Dictionary<string, string> { [ScreeningModels.ModelName] = "v1" }, null, humanReviewed, at,
            DecisionReason: "probability", Similarity: 0.5, ShortlistThreshold: 0.5);
}

/// <summary>The migration of <see cref="JobReviewGrainTests"/> on real PostgreSQL, through Orleans' ADO.NET storage and the record table.</summary>
public sealed class JobReviewGrainPostgresTests : IAsyncLifetime
{
    private readonly TalentFlow.TestKit.PostgresServer _postgres = new();

    public Task InitializeAsync() => _postgres.InitializeAsync();

    public Task DisposeAsync() => _postgres.DisposeAsync();

    [Fact]
    public async Task OnActivateAsync_JobStoredByAnEarlierVersionInPostgres_MovesVerdictsAdjudicationAndOverlapOnceWithoutLoss()
    {
        var options = GrainsClusterFixture.CreateOptions(2);
        options.ConnectionString = await _postgres.CreateDatabaseAsync("review");
        await using var cluster = await TestCluster.StartAsync(options);
        await MigrationScenario.RunAsync(cluster, "jm");
    }
}
