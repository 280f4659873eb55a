using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Orleans;
using TalentFlow.Contracts.Jobs;
using TalentFlow.Contracts.Matching;
using TalentFlow.Grains;
using TalentFlow.Grains.Candidates;
using TalentFlow.Grains.Jobs;
using TalentFlow.Grains.Matching;
using TalentFlow.Grains.Samples;
using TalentFlow.ML.Matching;
using TalentFlow.ML.Text;

namespace TalentFlow.Grains.Tests;

[Collection(GrainsClusterCollection.Name)]
public sealed class JobGrainTests(GrainsClusterFixture fixture)
{
    private IGrainFactory Factory => fixture.Cluster.GrainFactory;

    private async Task<(string JobId, SampleJob Job)> StoreJobAsync(int index)
    {
        var job = SampleCorpus.Jobs()[index];
        string id = job.Id + "-" + Guid.NewGuid().ToString("N")[..8];
        await Factory.GetGrain<IJobGrain>(id).UpsertAsync(job.Posting);
        return (id, job);
    }

    private async Task<string> StoreCandidateAsync(SampleCandidate candidate)
    {
        string id = candidate.Id + "-" + Guid.NewGuid().ToString("N")[..8];
        await Factory.GetGrain<ICandidateGrain>(id).UpsertResumeAsync(candidate.Resume);
        return id;
    }

    [Fact]
    public async Task UpsertAsync_GivenRequiredSkills_CanonicalisesThemAndKeepsLocationAndCompany()
    {
        var grain = Factory.GetGrain<IJobGrain>("job-" + Guid.NewGuid().ToString("N"));
        var profile = await grain.UpsertAsync(new JobPosting("Platform Engineer", "We run k8s clusters. 5+ years of experience.", ["k8s", " JS ", "k8s"], "Austin, TX", "Contoso"));

        Assert.Equal(["Kubernetes", "JavaScript"], profile.RequiredSkills);
        Assert.Equal("Austin, TX", profile.Location);
        Assert.Equal(5, profile.MinimumYears);
        Assert.Equal(JsonSerializer.Serialize(profile), JsonSerializer.Serialize(await grain.GetAsync()));
    }

    [Fact]
    public async Task ScoreCandidateAsync_SameRoleCandidate_ScoresAboveOtherRolesWithExplanation()
    {
        var (jobId, _) = await StoreJobAsync(0);
        var candidates = SampleCorpus.Candidates(16);
        string backend = await StoreCandidateAsync(candidates[0]);
        string nurse = await StoreCandidateAsync(candidates[5]);
        var job = Factory.GetGrain<IJobGrain>(jobId);

        var good = await job.ScoreCandidateAsync(backend);
        var poor = await job.ScoreCandidateAsync(nurse);

        Assert.True(good.Score > poor.Score, $"backend {good.Score} vs nurse {poor.Score}");
        Assert.Equal(jobId, good.JobId);
        Assert.Equal(backend, good.CandidateId);
        Assert.Equal(["education", "experience", "skills"], good.SectionScores.Keys.Order());
        Assert.NotEmpty(good.MatchedSkills);
        Assert.Empty(poor.MatchedSkills);
        Assert.Equal(GrainsSiloBuilderExtensions.BuiltinBaselineVersion, good.ModelVersions[MatchingModels.BaselineModelName]);
    }

    [Fact]
    public async Task ScoreCandidateAsync_GrainsOnDifferentSilos_EqualsTheMatcherScoringTheTextsDirectly()
    {
        var silos = fixture.Cluster.Silos;
        var sample = SampleCorpus.Candidates(8)[2];
        var posting = SampleCorpus.Jobs()[2].Posting;
        // Orleans places a new activation where it chooses: the job is moved to the other silo than the candidate's.
        string candidateId = "far-cand", jobId = "far-job";
        await Factory.GetGrain<ICandidateGrain>(candidateId).UpsertResumeAsync(sample.Resume);
        await Factory.GetGrain<IJobGrain>(jobId).UpsertAsync(posting);
        var candidateSilo = await fixture.Cluster.HostOfAsync("candidate", candidateId);
        var other = silos.First(s => s != candidateSilo);
        if (await fixture.Cluster.HostOfAsync("job", jobId) != other) await fixture.Cluster.MigrateAsync("job", jobId, other);
        Assert.Equal(other, await fixture.Cluster.HostOfAsync("job", jobId));

        var match = await Factory.GetGrain<IJobGrain>(jobId).ScoreCandidateAsync(candidateId);

        var matcher = BaselineMatcher.Fit(SampleCorpus.Texts());
        var normalizer = new TextNormalizer();
        var expected = matcher.Score(normalizer.Normalize(sample.Resume.Text), posting.Title + "\n" + normalizer.Normalize(posting.Description), posting.RequiredSkills);
        Assert.Equal(expected.Score, match.Similarity!.Value, 6);
        // The decision follows the one score and the job's threshold, and says so.
        Assert.Equal(match.Score >= match.ShortlistThreshold ? "SHORTLIST" : "REJECT", match.Decision);
        Assert.StartsWith("probability ", match.DecisionReason, StringComparison.Ordinal);
        Assert.Equal(expected.MissingSkills, match.MissingSkills);
    }

    [Fact]
    public async Task ScoreCandidateAsync_UnknownCandidateOrJob_ThrowsKeyNotFoundNamingIt()
    {
        var (jobId, _) = await StoreJobAsync(1);

        var noCandidate = await Assert.ThrowsAsync<KeyNotFoundException>(() => Factory.GetGrain<IJobGrain>(jobId).ScoreCandidateAsync("ghost"));
        var noJob = await Assert.ThrowsAsync<KeyNotFoundException>(() => Factory.GetGrain<IJobGrain>("no-such-job").ScoreCandidateAsync("ghost"));

        Assert.Contains("'ghost'", noCandidate.Message);
        Assert.Contains("'no-such-job'", noJob.Message);
    }

    [Fact]
    public async Task ScreenAsync_TwiceForOnePair_KeepsOneDurableResultReadableFromAnotherSilo()
    {
        var (jobId, _) = await StoreJobAsync(4);
        string candidate = await StoreCandidateAsync(SampleCorpus.Candidates(8)[4]);
        var job = fixture.Cluster.Silos[0].GrainFactory.GetGrain<IJobGrain>(jobId);

        var first = await job.ScreenAsync(candidate);
        var second = await job.ScreenAsync(candidate);
        var listed = await fixture.Cluster.Silos[1].GrainFactory.GetGrain<IJobGrain>(jobId).GetScreeningResultsAsync();

        Assert.Equal(ScreeningResult.IdOf(jobId, candidate), first.Id);
        Assert.False(second.HumanReviewed);
        var only = Assert.Single(listed);
        Assert.Equal(second.Id, only.Id);
        Assert.Equal(second.Score, only.Score);
        await Assert.ThrowsAsync<KeyNotFoundException>(() => job.ScreenAsync("ghost"));
    }

    [Theory]
    [InlineData("", "A description.")]
    [InlineData("Engineer", "  ")]
    public async Task UpsertAsync_EmptyTitleOrDescription_ThrowsArgumentException(string title, string description)
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Factory.GetGrain<IJobGrain>("bad-" + Guid.NewGuid().ToString("N")).UpsertAsync(new JobPosting(title, description)));
    }

}

/// <summary>State and model versions across silo changes, on clusters of their own.</summary>
public sealed class GrainLifecycleTests
{
    [Fact]
    public async Task GetProfileAsync_AfterItsSiloStops_ReadsThePersistedProfileElsewhere()
    {
        await using var cluster = await TestCluster.StartAsync(GrainsClusterFixture.CreateOptions(2));
        var sample = SampleCorpus.Candidates(1)[0];
        var stored = await cluster.Silos[1].GrainFactory.GetGrain<ICandidateGrain>("moving").UpsertResumeAsync(sample.Resume);
        var host = await cluster.HostOfAsync("candidate", "moving");
        Assert.NotNull(host);
        var survivor = cluster.Silos.Single(s => s != host);

        await cluster.StopSiloAsync(host);
        await cluster.WaitForLivenessToStabilizeAsync();

        var read = await survivor.GrainFactory.GetGrain<ICandidateGrain>("moving").GetProfileAsync();
        // Records holding lists compare by reference: compare what they say.
        Assert.Equal(JsonSerializer.Serialize(stored), JsonSerializer.Serialize(read));
    }

    [Fact]
    public async Task ScoreCandidateAsync_AfterANewModelIsPublishedOnEverySilo_UsesTheNewVersion()
    {
        await using var cluster = await TestCluster.StartAsync(GrainsClusterFixture.CreateOptions(2));
        var factory = cluster.GrainFactory;
        var job = SampleCorpus.Jobs()[3];
        var candidate = SampleCorpus.Candidates(8)[3];
        await factory.GetGrain<IJobGrain>("j").UpsertAsync(job.Posting);
        await factory.GetGrain<ICandidateGrain>("c").UpsertResumeAsync(candidate.Resume);
        var before = await factory.GetGrain<IJobGrain>("j").ScoreCandidateAsync("c");

        // A model fitted on the two texts alone: another vocabulary, so another score.
        var next = new BaselineModel("v2", BaselineMatcher.Fit([candidate.Resume.Text, job.Posting.Description]));
        foreach (var silo in cluster.Silos) silo.Host.Services.GetRequiredService<MatchingModels>().Publish(next);
        var after = await factory.GetGrain<IJobGrain>("j").ScoreCandidateAsync("c");

        Assert.Equal(GrainsSiloBuilderExtensions.BuiltinBaselineVersion, before.ModelVersions[MatchingModels.BaselineModelName]);
        Assert.Equal("v2", after.ModelVersions[MatchingModels.BaselineModelName]);
        Assert.NotEqual(before.Similarity, after.Similarity);
    }
}
