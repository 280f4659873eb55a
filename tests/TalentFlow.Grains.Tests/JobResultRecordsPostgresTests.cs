using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using TalentFlow.Runtime;
using TalentFlow.Runtime.Postgres;
using TalentFlow.Runtime.Storage;
using TalentFlow.Runtime.Testing;
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
        options.ConfigureProviders = services => services
            .AddPostgresClustering(o => o.ConnectionString = connection)
            .AddPostgresGrainStorage(configure: o => o.ConnectionString = connection)
            .AddPostgresReminders(o => o.ConnectionString = connection);
        await using var cluster = await TestCluster.StartAsync(options);
        var first = cluster.Silos.ToList();
        var factory = cluster.GrainFactory;
        await factory.GetGrain<IJobGrain>("j").UpsertAsync(SampleCorpus.Jobs()[0].Posting);
        var corpus = SampleCorpus.Candidates(3);
        for (int i = 0; i < 3; i++) await factory.GetGrain<ICandidateGrain>("c" + i).UpsertResumeAsync(corpus[i].Resume);
        var job = factory.GetGrain<IJobGrain>("j");
        var screened = new List<ScreeningResult>();
        for (int i = 0; i < 3; i++) screened.Add(await job.ScreenAsync("c" + i));
        await job.SubmitFeedbackAsync("c0", new ReviewerFeedback("reject", Notes: "first"));
        await job.SubmitFeedbackAsync("c0", new ReviewerFeedback("shortlist", Notes: "second"));
        await job.SubmitFeedbackAsync("c2", new ReviewerFeedback("reject"));
        var results = await job.GetScreeningResultsAsync();
        var history = await job.GetFeedbackHistoryAsync();
        var labelled = await job.GetLabelledResultsAsync();

        // A job as the earlier version stored it, results and history inside its one row.
        var storage = first[0].Host.Services.GetRequiredKeyedService<IGrainStorage>("Default");
        var legacy = JsonNode.Parse((await storage.ReadAsync(new GrainId("job", "j"), "job", default)).Data!.Value.Span)!.AsObject();
        legacy["Results"] = new JsonObject { ["c1"] = JsonSerializer.SerializeToNode(screened[1] with { Id = "old|c1", JobId = "old", HumanReviewed = true }) };
        legacy["FeedbackHistory"] = JsonSerializer.SerializeToNode(new[] { history[0] with { ResultId = "old|c1" } });
        await storage.WriteAsync(new GrainId("job", "old"), "job", JsonSerializer.SerializeToUtf8Bytes(legacy), 0, default);

        // Every grain moves to a new silo: what it answers now was read from PostgreSQL.
        await cluster.StartSiloAsync();
        foreach (var silo in first) await cluster.StopSiloAsync(silo);
        factory = cluster.GrainFactory;
        var moved = factory.GetGrain<IJobGrain>("j");
        var old = factory.GetGrain<IJobGrain>("old");

        // Records hold lists and dictionaries, compared by reference: compare what they serialize to.
        Assert.Equal(JsonSerializer.Serialize(results), JsonSerializer.Serialize(await moved.GetScreeningResultsAsync()));
        Assert.Equal(JsonSerializer.Serialize(history), JsonSerializer.Serialize(await moved.GetFeedbackHistoryAsync()));
        Assert.Equal(labelled, await moved.GetLabelledResultsAsync());
        Assert.Equal(["old|c1"], (await old.GetScreeningResultsAsync()).Select(r => r.Id));
        Assert.Equal("first", Assert.Single(await old.GetFeedbackHistoryAsync()).Feedback.Notes);
        var rows = await ((IGrainRecordStorage)cluster.Silos[0].Host.Services.GetRequiredKeyedService<IGrainStorage>("Default"))
            .ReadAllAsync(new GrainId("job", "j"), "results", default);
        Assert.Equal([(string?)"c0", "c1", "c2"], rows.Select(r => (string?)r.Key));
        Assert.Equal([3L, 1L, 2L], rows.Select(r => r.Version));
    }
}
