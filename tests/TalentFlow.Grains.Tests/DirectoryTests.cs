using TalentFlow.Contracts;
using TalentFlow.Contracts.Candidates;
using TalentFlow.Contracts.Jobs;
using TalentFlow.Grains.Candidates;
using TalentFlow.Grains.Jobs;
using TalentFlow.Grains.Samples;

namespace TalentFlow.Grains.Tests;

/// <summary>The job and candidate directories, each test on a cluster of its own so the directories hold only its entries.</summary>
public sealed class DirectoryTests
{
    [Fact]
    public async Task ListAsync_TwentyFiveCandidatesInPagesOfTen_ReturnsEveryIdOnceInOrderOverThreePages()
    {
        await using var cluster = await TestCluster.StartAsync(GrainsClusterFixture.CreateOptions(2));
        var factory = cluster.GrainFactory;
        var candidates = SampleCorpus.Candidates(25, seed: 5);
        var profiles = await Task.WhenAll(candidates.Select(c => factory.GetGrain<ICandidateGrain>(c.Id).UpsertResumeAsync(c.Resume)));
        var directory = factory.GetGrain<ICandidateDirectoryGrain>(ICandidateDirectoryGrain.Key);

        var pages = new List<CandidatePage>();
        string? cursor = null;
        do
        {
            var page = await directory.ListAsync(10, cursor);
            pages.Add(page);
            cursor = page.NextCursor;
        }
        while (cursor is not null && pages.Count < 10);

        Assert.Equal([10, 10, 5], pages.Select(p => p.Items.Count));
        var listed = pages.SelectMany(p => p.Items).ToList();
        Assert.Equal(candidates.Select(c => c.Id).Order(StringComparer.Ordinal), listed.Select(c => c.Id));
        foreach (var profile in profiles) Assert.Equal(CandidateSummary.Of(profile), listed.Single(c => c.Id == profile.Id));
    }

    [Fact]
    public async Task ListAsync_ExactlyOnePageFull_EndsWithoutANextCursor()
    {
        await using var cluster = await TestCluster.StartAsync(GrainsClusterFixture.CreateOptions(1));
        var jobs = SampleCorpus.Jobs().Take(4).ToList();
        foreach (var job in jobs) await cluster.GrainFactory.GetGrain<IJobGrain>(job.Id).UpsertAsync(job.Posting);
        var directory = cluster.GrainFactory.GetGrain<IJobDirectoryGrain>(IJobDirectoryGrain.Key);

        var all = await directory.ListAsync(4);
        var first = await directory.ListAsync(3);
        var rest = await directory.ListAsync(3, first.NextCursor);

        Assert.Equal(jobs.Select(j => j.Id).Order(StringComparer.Ordinal), all.Items.Select(j => j.Id));
        Assert.Null(all.NextCursor);
        Assert.NotNull(first.NextCursor);
        Assert.Equal(all.Items.Skip(3), rest.Items);
        Assert.Null(rest.NextCursor);
    }

    [Fact]
    public async Task ListAsync_AfterDeleteAndRestore_UnlistsTheDeletedAndShowsTheNewestSummary()
    {
        await using var cluster = await TestCluster.StartAsync(GrainsClusterFixture.CreateOptions(2));
        var factory = cluster.GrainFactory;
        var candidates = SampleCorpus.Candidates(3, seed: 9);
        foreach (var c in candidates) await factory.GetGrain<ICandidateGrain>(c.Id).UpsertResumeAsync(c.Resume);
        var job = SampleCorpus.Jobs()[2];
        await factory.GetGrain<IJobGrain>("j").UpsertAsync(job.Posting);
        await factory.GetGrain<IJobGrain>("j").UpsertAsync(job.Posting with { Title = "Renamed role", Company = "Acme" });

        Assert.True(await factory.GetGrain<ICandidateGrain>(candidates[1].Id).DeleteAsync());

        var listed = await factory.GetGrain<ICandidateDirectoryGrain>(ICandidateDirectoryGrain.Key).ListAsync(50);
        Assert.Equal(new[] { candidates[0].Id, candidates[2].Id }.Order(StringComparer.Ordinal), listed.Items.Select(c => c.Id));
        var jobs = await factory.GetGrain<IJobDirectoryGrain>(IJobDirectoryGrain.Key).ListAsync(50);
        var only = Assert.Single(jobs.Items);
        Assert.Equal(("j", "Renamed role", "Acme"), (only.Id, only.Title, only.Company));
        Assert.Equal(JobSummary.Of((await factory.GetGrain<IJobGrain>("j").GetAsync())!), only);
    }

    [Fact]
    public async Task ListAsync_CursorOfAnIdDeletedSince_ContinuesAfterThatPosition()
    {
        await using var cluster = await TestCluster.StartAsync(GrainsClusterFixture.CreateOptions(1));
        var factory = cluster.GrainFactory;
        var candidates = SampleCorpus.Candidates(5, seed: 2);
        foreach (var c in candidates) await factory.GetGrain<ICandidateGrain>(c.Id).UpsertResumeAsync(c.Resume);
        var directory = factory.GetGrain<ICandidateDirectoryGrain>(ICandidateDirectoryGrain.Key);
        var first = await directory.ListAsync(2);

        await factory.GetGrain<ICandidateGrain>(first.Items[^1].Id).DeleteAsync();
        var rest = await directory.ListAsync(10, first.NextCursor);

        var ordered = candidates.Select(c => c.Id).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(ordered.Skip(2), rest.Items.Select(c => c.Id));
    }

    [Theory]
    [InlineData("a")]
    [InlineData("sample-candidate-12")]
    [InlineData("pat@example.com")]
    [InlineData("job-ü-🚀")] // ids stored before the id rule are positions too
    public void CursorAfter_AnyId_ReadsBackAsThatId(string id)
    {
        string cursor = Paging.CursorAfter(id);

        Assert.Equal(id, Paging.AfterIdOf(cursor));
        Assert.DoesNotContain(cursor, c => c is '+' or '/' or '=' or '%');
    }
}

/// <summary>The directories' refusals, on the shared cluster (they read nothing).</summary>
[Collection(GrainsClusterCollection.Name)]
public sealed class DirectoryInputTests(GrainsClusterFixture fixture)
{
    private TestCluster Cluster => fixture.Cluster;

    [Theory]
    [InlineData(0, null, "limit")]
    [InlineData(501, null, "limit")]
    [InlineData(-3, null, "limit")]
    [InlineData(10, "not a cursor!", "cursor")]
    [InlineData(10, "", "cursor")]
    [InlineData(10, "_w", "cursor")] // base64url of the byte 0xFF: not UTF-8
    [InlineData(10, "AQ", "cursor")] // base64url of U+0001: a control character
    public async Task ListAsync_BadLimitOrCursor_ThrowsArgumentExceptionNamingIt(int limit, string? cursor, string named)
    {
        var jobs = await Assert.ThrowsAsync<ArgumentException>(() => Cluster.GrainFactory.GetGrain<IJobDirectoryGrain>(IJobDirectoryGrain.Key).ListAsync(limit, cursor));
        var candidates = await Assert.ThrowsAsync<ArgumentException>(() => Cluster.GrainFactory.GetGrain<ICandidateDirectoryGrain>(ICandidateDirectoryGrain.Key).ListAsync(limit, cursor));

        Assert.StartsWith(named + " ", jobs.Message, StringComparison.Ordinal);
        Assert.StartsWith(named + " ", candidates.Message, StringComparison.Ordinal);
    }
}
