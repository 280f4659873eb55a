using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Orleans;
using TalentFlow.Contracts.Matching;
using TalentFlow.Contracts.Training;
using TalentFlow.Grains.Candidates;
using TalentFlow.Grains.Jobs;
using TalentFlow.Grains.Samples;
using TalentFlow.Hosting.Records;
using TalentFlow.TestKit;

namespace TalentFlow.Grains.Tests;

/// <summary>A job's per-result records on real PostgreSQL: they survive the silos that wrote them, and old state rows migrate.</summary>
public sealed class JobResultRecordsPostgresTests : IAsyncLifetime
{
    private readonly PostgresServer _postgres = new();

    public Task InitializeAsync() => _postgres.InitializeAsync();

    public Task DisposeAsync() => _postgres.DisposeAsync();

    [Fact]
    public async Task ScreenAsyncAndSubmitFeedbackAsync_SilosReplaced_ResultsVerdictsAndMigratedLegacyStateReadBackFromPostgres()
    {
        string connection = await _postgres.CreateDatabaseAsync("records");
        var options = GrainsClusterFixture.CreateOptions(2);
        options.ConnectionString = connection;
        await using var cluster = await TestCluster.StartAsync(options);
        var first = cluster.Silos.ToList();
        var factory = cluster.GrainFactory;
        await factory.GetGrain<IJobGrain>("j").UpsertAsync(SampleCorpus.Jobs()[0].Posting);
        var corpus = SampleCorpus.Candidates(3);
        for (int i = 0; i < 3; i++) await factory.GetGrain<ICandidateGrain>("c" + i).UpsertResumeAsync(corpus[i].Resume);
        var job = factory.GetGrain<IJobGrain>("j");
        var review = factory.GetGrain<IJobReviewGrain>("j");
        var screened = new List<ScreeningResult>();
        for (int i = 0; i < 3; i++) screened.Add(await job.ScreenAsync("c" + i));
        await review.SubmitFeedbackAsync("c0", new ReviewerFeedback("reject", Notes: "first"));
        await review.SubmitFeedbackAsync("c0", new ReviewerFeedback("shortlist", Notes: "second"));
        await review.SubmitFeedbackAsync("c2", new ReviewerFeedback("reject"));
        var results = await job.GetScreeningResultsAsync();
        var history = await review.GetFeedbackHistoryAsync();
        var labelled = await review.GetLabelledResultsAsync();

        // Every grain moves to a new silo: what it answers now was read from PostgreSQL.
        await cluster.StartSiloAsync();
        foreach (var silo in first) await cluster.StopSiloAsync(silo);
        factory = cluster.GrainFactory;
        var moved = factory.GetGrain<IJobGrain>("j");
        var movedReview = factory.GetGrain<IJobReviewGrain>("j");

        // Records hold lists and dictionaries, compared by reference: compare what they serialize to.
        Assert.Equal(JsonSerializer.Serialize(results), JsonSerializer.Serialize(await moved.GetScreeningResultsAsync()));
        Assert.Equal(JsonSerializer.Serialize(history), JsonSerializer.Serialize(await movedReview.GetFeedbackHistoryAsync()));
        Assert.Equal(labelled, await movedReview.GetLabelledResultsAsync());
        // The job's records hold the results (one write each), the review grain's the verdicts (one write per verdict).
        var storage = cluster.Silos[0].Host.Services.GetRequiredService<IGrainRecordStorage>();
        var rows = await storage.ReadAllAsync(Orleans.Runtime.GrainId.Create("job", "j"), "results", default);
        Assert.Equal([(string?)"c0", "c1", "c2"], rows.Select(r => (string?)r.Key));
        Assert.Equal([1L, 1L, 1L], rows.Select(r => r.Version));
        var verdictRows = await storage.ReadAllAsync(Orleans.Runtime.GrainId.Create("job-review", "j"), "verdicts", default);
        Assert.Equal([(string?)"c0", "c2"], verdictRows.Select(r => (string?)r.Key));
        Assert.Equal([2L, 1L], verdictRows.Select(r => r.Version));
    }
}
