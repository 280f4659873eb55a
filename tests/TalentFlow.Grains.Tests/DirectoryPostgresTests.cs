using Microsoft.Extensions.DependencyInjection;
using TalentFlow.Grains.Candidates;
using TalentFlow.Grains.Jobs;
using TalentFlow.Grains.Samples;
using TalentFlow.Hosting.Records;
using TalentFlow.TestKit;

namespace TalentFlow.Grains.Tests;

/// <summary>The directories on real PostgreSQL: they outlive the silos that wrote them, and activations list what they miss.</summary>
public sealed class DirectoryPostgresTests : IAsyncLifetime
{
    private readonly PostgresServer _postgres = new();

    public Task InitializeAsync() => _postgres.InitializeAsync();

    public Task DisposeAsync() => _postgres.DisposeAsync();

    [Fact]
    public async Task ListAsync_SilosReplaced_ReadsTheDirectoriesBackAndActivationRelistsALostEntry()
    {
        string connection = await _postgres.CreateDatabaseAsync("directory");
        var options = GrainsClusterFixture.CreateOptions(2);
        options.ConnectionString = connection;
        await using var cluster = await TestCluster.StartAsync(options);
        var first = cluster.Silos.ToList();
        var factory = cluster.GrainFactory;
        var candidates = SampleCorpus.Candidates(7, seed: 6);
        foreach (var c in candidates) await factory.GetGrain<ICandidateGrain>(c.Id).UpsertResumeAsync(c.Resume);
        var jobs = SampleCorpus.Jobs().Take(3).ToList();
        foreach (var j in jobs) await factory.GetGrain<IJobGrain>(j.Id).UpsertAsync(j.Posting);
        await factory.GetGrain<ICandidateGrain>(candidates[0].Id).DeleteAsync();
        var listedCandidates = await factory.GetGrain<ICandidateDirectoryGrain>(ICandidateDirectoryGrain.Key).ListAsync(500);
        var listedJobs = await factory.GetGrain<IJobDirectoryGrain>(IJobDirectoryGrain.Key).ListAsync(500);
        // A registration lost between the candidate's write and the directory's (as if the silo died in between).
        string lost = candidates[3].Id;
        Assert.True(await factory.GetGrain<ICandidateDirectoryGrain>(ICandidateDirectoryGrain.Key).RemoveAsync(lost));

        // Every grain moves to a new silo: what the directories answer now was read from PostgreSQL.
        await cluster.StartSiloAsync();
        foreach (var silo in first) await cluster.StopSiloAsync(silo);
        factory = cluster.GrainFactory;
        var candidateDirectory = factory.GetGrain<ICandidateDirectoryGrain>(ICandidateDirectoryGrain.Key);
        var page = await candidateDirectory.ListAsync(3);
        var rest = await candidateDirectory.ListAsync(500, page.NextCursor);
        await factory.GetGrain<ICandidateGrain>(lost).GetProfileAsync();
        var healed = await candidateDirectory.ListAsync(500);

        Assert.Equal(candidates.Skip(1).Select(c => c.Id).Order(StringComparer.Ordinal), listedCandidates.Items.Select(c => c.Id));
        Assert.Equal(listedCandidates.Items.Where(c => c.Id != lost), page.Items.Concat(rest.Items));
        Assert.Null(rest.NextCursor);
        Assert.Equal(listedCandidates.Items, healed.Items);
        Assert.Equal(jobs.Select(j => j.Id).Order(StringComparer.Ordinal), listedJobs.Items.Select(j => j.Id));
        Assert.Equal(listedJobs.Items, (await factory.GetGrain<IJobDirectoryGrain>(IJobDirectoryGrain.Key).ListAsync(500)).Items);
        // One record per candidate: a create writes one row, not its shard's whole list.
        var storage = cluster.Silos[0].Host.Services.GetRequiredService<IGrainRecordStorage>();
        int rows = 0;
        for (int shard = 0; shard < 8; shard++)
        {
            var records = await storage.ReadAllAsync(Orleans.Runtime.GrainId.Create("candidate-directory-shard", "shard-" + shard), "candidates", default);
            rows += records.Count(r => r.Data is not null);
        }
        Assert.Equal(6, rows);
    }
}
