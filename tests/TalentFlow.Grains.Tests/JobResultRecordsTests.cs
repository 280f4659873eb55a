using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using TalentFlow.Runtime;
using TalentFlow.Runtime.Storage;
using TalentFlow.Runtime.Testing;

namespace TalentFlow.Grains.Tests;

/// <summary>A job's screening results and verdicts are records of their own: a write costs one result, old states migrate.</summary>
public sealed class JobResultRecordsTests
{
    private static async Task<(TestCluster Cluster, IGrainStorage Storage)> StartAsync(int candidates)
    {
        var cluster = await TestCluster.StartAsync(GrainsClusterFixture.CreateOptions(1));
        var factory = cluster.GrainFactory;
        await factory.GetGrain<IJobGrain>("j").UpsertAsync(SampleCorpus.Jobs()[0].Posting);
        var corpus = SampleCorpus.Candidates(candidates);
        for (int i = 0; i < candidates; i++) await factory.GetGrain<ICandidateGrain>("c" + i).UpsertResumeAsync(corpus[i].Resume);
        return (cluster, cluster.Silos[0].Host.Services.GetRequiredKeyedService<IGrainStorage>("Default"));
    }

    private static string Opposite(ScreeningResult result) => result.Decision == "SHORTLIST" ? "reject" : "shortlist";

    [Fact]
    public async Task ScreenAsyncAndSubmitFeedbackAsync_ManyResults_WriteOnlyTheirOwnRecordAndNotTheJobState()
    {
        var (cluster, storage) = await StartAsync(4);
        await using var _ = cluster;
        var job = cluster.GrainFactory.GetGrain<IJobGrain>("j");
        var id = new GrainId("job", "j");
        for (int i = 0; i < 4; i++) await job.ScreenAsync("c" + i);
        long stateVersion = (await storage.ReadAsync(id, "job", default)).Version;
        var records = (IGrainRecordStorage)storage;

        var screened = await job.ScreenAsync("c1");
        await job.SubmitFeedbackAsync("c1", new ReviewerFeedback(Opposite(screened)));

        Assert.Equal(stateVersion, (await storage.ReadAsync(id, "job", default)).Version);
        var rows = await records.ReadAllAsync(id, "results", default);
        Assert.Equal(["c0", "c1", "c2", "c3"], rows.Select(r => r.Key));
        Assert.Equal([1L, 3L, 1L, 1L], rows.Select(r => r.Version));
        Assert.DoesNotContain("Results", JsonNode.Parse((await storage.ReadAsync(id, "job", default)).Data!.Value.Span)!.AsObject().Select(p => p.Key));
    }

    [Fact]
    public async Task OnActivateAsync_StateWithResultsAndVerdictsInside_MovesThemToRecordsAndKeepsEveryBehaviour()
    {
        var (cluster, storage) = await StartAsync(3);
        await using var _ = cluster;
        var factory = cluster.GrainFactory;
        var source = factory.GetGrain<IJobGrain>("j");
        var screened = new List<ScreeningResult>();
        for (int i = 0; i < 3; i++) screened.Add(await source.ScreenAsync("c" + i));
        await source.SubmitFeedbackAsync("c0", new ReviewerFeedback(Opposite(screened[0])));
        await source.SubmitFeedbackAsync("c0", new ReviewerFeedback(screened[0].Decision == "SHORTLIST" ? "shortlist" : "reject"));
        await source.SubmitFeedbackAsync("c2", new ReviewerFeedback("shortlist", Notes: "strong"));
        var history = await source.GetFeedbackHistoryAsync();

        // The job "old" as the earlier version stored it: posting, profile, every result and the whole history in one row.
        var legacy = JsonNode.Parse((await storage.ReadAsync(new GrainId("job", "j"), "job", default)).Data!.Value.Span)!.AsObject();
        var results = new JsonObject();
        foreach (var result in await source.GetScreeningResultsAsync())
        {
            results[result.CandidateId] = JsonSerializer.SerializeToNode(result with { Id = ScreeningResult.IdOf("old", result.CandidateId), JobId = "old" });
        }
        legacy["Results"] = results;
        legacy["FeedbackHistory"] = JsonSerializer.SerializeToNode(history.Select(v => v with { ResultId = "old" + v.ResultId[1..] }).ToList());
        await storage.WriteAsync(new GrainId("job", "old"), "job", JsonSerializer.SerializeToUtf8Bytes(legacy), 0, default);
        var old = factory.GetGrain<IJobGrain>("old");

        var migratedResults = await old.GetScreeningResultsAsync();
        var migratedHistory = await old.GetFeedbackHistoryAsync();

        Assert.Equal(["old|c0", "old|c1", "old|c2"], migratedResults.Select(r => r.Id).Order(StringComparer.Ordinal));
        Assert.Equal([true, false, true], migratedResults.OrderBy(r => r.Id, StringComparer.Ordinal).Select(r => r.HumanReviewed));
        Assert.Equal(history.Select(v => (v.Feedback, v.SubmittedAt)), migratedHistory.Select(v => (v.Feedback, v.SubmittedAt)));
        Assert.Equal(
            (await source.GetLabelledResultsAsync()).Select(l => (l.ResultId[1..], l.Positive)),
            (await old.GetLabelledResultsAsync()).Select(l => (l.ResultId[3..], l.Positive)));
        var state = JsonNode.Parse((await storage.ReadAsync(new GrainId("job", "old"), "job", default)).Data!.Value.Span)!.AsObject();
        Assert.Equal(["Posting", "Profile", "Requirements"], state.Select(p => p.Key));
        Assert.Equal(3, (await ((IGrainRecordStorage)storage).ReadAllAsync(new GrainId("job", "old"), "results", default)).Count);
        // Still a working job: a verdict on a migrated result lands in its record.
        await old.SubmitFeedbackAsync("c1", new ReviewerFeedback("reject"));
        Assert.Equal(4, (await old.GetFeedbackHistoryAsync()).Count);
    }

    [Fact]
    public async Task ForgetCandidateAsync_ThenScreenedAgain_StartsAFreshResultWithoutTheForgottenVerdicts()
    {
        var (cluster, _) = await StartAsync(2);
        await using var __ = cluster;
        var job = cluster.GrainFactory.GetGrain<IJobGrain>("j");
        var first = await job.ScreenAsync("c0");
        await job.ScreenAsync("c1");
        await job.SubmitFeedbackAsync("c0", new ReviewerFeedback(Opposite(first)));

        await cluster.GrainFactory.GetGrain<IJobFeaturesGrain>("j").ForgetCandidateAsync("c0");
        var again = await job.ScreenAsync("c0");

        Assert.False(again.HumanReviewed);
        Assert.Equal(["c0", "c1"], (await job.GetScreeningResultsAsync()).Select(r => r.CandidateId).Order(StringComparer.Ordinal));
        Assert.Empty(await job.GetFeedbackHistoryAsync());
        Assert.Empty(await job.GetLabelledResultsAsync());
    }

    [Fact]
    public async Task SubmitFeedbackAsync_AnotherActivationWroteTheResultFirst_FailsAndReactivatesWithTheOthersRecord()
    {
        var (cluster, storage) = await StartAsync(1);
        await using var _ = cluster;
        var job = cluster.GrainFactory.GetGrain<IJobGrain>("j");
        var screened = await job.ScreenAsync("c0");
        var records = (IGrainRecordStorage)storage;
        var id = new GrainId("job", "j");

        // A duplicate activation records a verdict on the same result first.
        var row = Assert.Single(await records.ReadAllAsync(id, "results", default));
        var verdict = new FeedbackRecord(screened.Id, new ReviewerFeedback("reject", Reviewer: "duplicate"), screened.Decision, screened.Decision == "SHORTLIST", screened.CreatedAt);
        var theirs = new ScreeningRecord(screened with { HumanReviewed = true }, [verdict]);
        await records.WriteAsync(id, "results", "c0", JsonSerializer.SerializeToUtf8Bytes(theirs), row.Version, default);

        await Assert.ThrowsAsync<InconsistentStateException>(() => job.SubmitFeedbackAsync("c0", new ReviewerFeedback("shortlist", Reviewer: "stale")));

        var history = await job.GetFeedbackHistoryAsync();
        Assert.Equal("duplicate", Assert.Single(history).Feedback.Reviewer);
    }
}
