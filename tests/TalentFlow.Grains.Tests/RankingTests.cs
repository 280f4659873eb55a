using System.Numerics.Tensors;
using Microsoft.Extensions.DependencyInjection;
using Orleans;
using TalentFlow.Contracts.Jobs;
using TalentFlow.Contracts.Matching;
using TalentFlow.Grains;
using TalentFlow.Grains.Candidates;
using TalentFlow.Grains.Jobs;
using TalentFlow.Grains.Matching;
using TalentFlow.Grains.Samples;
using TalentFlow.ML.Text;

namespace TalentFlow.Grains.Tests;

/// <summary>Scatter-gather ranking over the candidate shards, on a cluster of its own so the index holds only its candidates.</summary>
public sealed class RankingTests
{
    [Fact]
    public async Task RankCandidatesAsync_ThirtyCandidatesOverThreeSilos_EqualsBruteForceAndSurvivesASiloStop()
    {
        await using var cluster = await TestCluster.StartAsync(GrainsClusterFixture.CreateOptions(3));
        var factory = cluster.GrainFactory;
        var candidates = SampleCorpus.Candidates(30, seed: 21);
        await Task.WhenAll(candidates.Select(c => factory.GetGrain<ICandidateGrain>(c.Id).UpsertResumeAsync(c.Resume)));
        var job = SampleCorpus.Jobs()[1];
        await factory.GetGrain<IJobGrain>(job.Id).UpsertAsync(job.Posting);

        var ranked = await factory.GetGrain<IJobGrain>(job.Id).RankCandidatesAsync(10);

        var encoder = cluster.Silos[0].Host.Services.GetRequiredService<MatchingModels>().Encoder!.Encoder;
        var normalizer = new TextNormalizer();
        var query = (await encoder.EmbedAsync([job.Posting.Title + "\n" + normalizer.Normalize(job.Posting.Description)]))[0];
        var vectors = await encoder.EmbedAsync([.. candidates.Select(c => normalizer.Normalize(c.Resume.Text))]);
        // Thirty candidates fit the re-ranking's pool: all are retrieved, and the screening score orders them.
        var cosines = candidates.Select((c, i) => (c.Id, Cosine: (double)TensorPrimitives.Dot(vectors[i], query))).ToDictionary(p => p.Id, p => p.Cosine);
        var scores = await Task.WhenAll(candidates.Select(c => factory.GetGrain<IJobGrain>(job.Id).ScoreCandidateAsync(c.Id)));
        var expected = scores.OrderByDescending(m => m.Score).ThenByDescending(m => Math.Round(cosines[m.CandidateId], 5)).ThenBy(m => m.CandidateId, StringComparer.Ordinal).Take(10).ToList();
        Assert.Equal(expected.Select(e => e.CandidateId), ranked.Select(r => r.CandidateId));
        for (int i = 0; i < 10; i++)
        {
            Assert.Equal(expected[i].Score, ranked[i].Score, 6);
            Assert.Equal(cosines[ranked[i].CandidateId], ranked[i].Similarity!.Value, 5);
            Assert.Equal(expected[i].Decision, ranked[i].Decision);
        }
        Assert.True(await cluster.CountSilosHostingAsync("candidate-shard", "shard-") >= 2,
            "the shards should spread over the silos");
        // The best match for a data-scientist posting is a data scientist (role 1 of the sample roles).
        Assert.Contains("Data Scientist", candidates.Single(c => c.Id == ranked[0].CandidateId).Resume.Text, StringComparison.Ordinal);

        await cluster.StopSiloAsync(cluster.Silos[2]);
        await cluster.WaitForLivenessToStabilizeAsync();
        var again = await cluster.Silos[0].GrainFactory.GetGrain<IJobGrain>(job.Id).RankCandidatesAsync(10);

        Assert.Equal(ranked.Select(r => r.CandidateId), again.Select(r => r.CandidateId));
    }

    [Fact]
    public async Task RankCandidatesAsync_IdenticalResumes_TiesAreCutByIdSoEveryTopIsAPrefix()
    {
        await using var cluster = await TestCluster.StartAsync(GrainsClusterFixture.CreateOptions(2));
        var factory = cluster.GrainFactory;
        var resume = SampleCorpus.Candidates(1, seed: 5)[0].Resume;
        // Twenty copies of one resume score exactly alike, in every shard, stored in descending id order: the cut must follow ids.
        var ids = Enumerable.Range(0, 20).Select(i => $"twin-{19 - i:D2}").ToArray();
        foreach (var id in ids) await factory.GetGrain<ICandidateGrain>(id).UpsertResumeAsync(resume);
        var job = SampleCorpus.Jobs()[0];
        await factory.GetGrain<IJobGrain>(job.Id).UpsertAsync(job.Posting);
        var grain = factory.GetGrain<IJobGrain>(job.Id);

        var all = await grain.RankCandidatesAsync(100);
        var tops = new List<IReadOnlyList<RankedCandidate>>();
        foreach (int top in new[] { 1, 3, 7 }) tops.Add(await grain.RankCandidatesAsync(top));

        Assert.Equal(ids.Order(StringComparer.Ordinal), all.Select(r => r.CandidateId));
        Assert.All(tops, top => Assert.Equal(all.Take(top.Count).Select(r => r.CandidateId), top.Select(r => r.CandidateId)));
    }

    [Fact]
    public async Task RankCandidatesAsync_OpenAndBlindJobs_CarryEachNameOrItsPseudonym()
    {
        await using var cluster = await TestCluster.StartAsync(GrainsClusterFixture.CreateOptions(2));
        var factory = cluster.GrainFactory;
        var candidates = SampleCorpus.Candidates(6, seed: 8);
        foreach (var c in candidates) await factory.GetGrain<ICandidateGrain>(c.Id).UpsertResumeAsync(c.Resume);
        var job = SampleCorpus.Jobs()[0];
        await factory.GetGrain<IJobGrain>("open").UpsertAsync(job.Posting);
        await factory.GetGrain<IJobGrain>("blind").UpsertAsync(job.Posting);
        await factory.GetGrain<IJobRequirementsGrain>("blind").SetSettingsAsync(new JobSettings(BlindScreening: true));

        var open = await factory.GetGrain<IJobGrain>("open").RankCandidatesAsync(6);
        var blind = await factory.GetGrain<IJobGrain>("blind").RankCandidatesAsync(6);

        var names = candidates.ToDictionary(c => c.Id, c => c.Resume.Name);
        Assert.Equal(6, open.Count);
        Assert.All(open, r => Assert.Equal(names[r.CandidateId].Trim(), r.Name));
        Assert.Equal(6, blind.Count);
        Assert.All(blind, r => Assert.Equal(BlindMask.Pseudonym(r.CandidateId), r.Name));
    }

    [Fact]
    public async Task RankCandidatesAsync_BadTopOrUnknownJob_ThrowsTypedErrors()
    {
        await using var cluster = await TestCluster.StartAsync(GrainsClusterFixture.CreateOptions(1));
        var job = SampleCorpus.Jobs()[0];
        await cluster.GrainFactory.GetGrain<IJobGrain>("j").UpsertAsync(job.Posting);

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => cluster.GrainFactory.GetGrain<IJobGrain>("j").RankCandidatesAsync(0));
        await Assert.ThrowsAsync<KeyNotFoundException>(() => cluster.GrainFactory.GetGrain<IJobGrain>("none").RankCandidatesAsync(5));
        Assert.Empty(await cluster.GrainFactory.GetGrain<IJobGrain>("j").RankCandidatesAsync(5));
    }

    [Fact]
    public async Task ScoreCandidateAsync_WithTheEmbeddedEncoder_ReportsASemanticScoreAndItsVersion()
    {
        await using var cluster = await TestCluster.StartAsync(GrainsClusterFixture.CreateOptions(1));
        var candidate = SampleCorpus.Candidates(4)[1];
        var job = SampleCorpus.Jobs()[1];
        await cluster.GrainFactory.GetGrain<ICandidateGrain>("c").UpsertResumeAsync(candidate.Resume);
        await cluster.GrainFactory.GetGrain<IJobGrain>("j").UpsertAsync(job.Posting);

        var match = await cluster.GrainFactory.GetGrain<IJobGrain>("j").ScoreCandidateAsync("c");

        Assert.NotNull(match.SemanticScore);
        Assert.InRange(match.SemanticScore.Value, 0.3, 1.0);
        Assert.StartsWith("lsa-", match.ModelVersions[MatchingModels.EncoderModelName], StringComparison.Ordinal);
    }
}

/// <summary>The silos' semantic encoder from a configured ONNX export (the tiny random-weights BERT).</summary>
public sealed class OnnxEncoderTests
{
    [Fact]
    public async Task Silo_WithOnnxModelDirectory_ScoresAndRanksWithTheOnnxEncoder()
    {
        string model = Path.Combine(AppContext.BaseDirectory, "TinyBert");
        var options = GrainsClusterFixture.CreateOptions(2);
        options.ConfigureSiloBuilder = silo => silo.AddTalentFlowGrains(o => o.OnnxModelDirectory = model);
        await using var cluster = await TestCluster.StartAsync(options);
        var candidates = SampleCorpus.Candidates(6);
        foreach (var c in candidates) await cluster.GrainFactory.GetGrain<ICandidateGrain>(c.Id).UpsertResumeAsync(c.Resume);
        await cluster.GrainFactory.GetGrain<IJobGrain>("j").UpsertAsync(SampleCorpus.Jobs()[0].Posting);

        var match = await cluster.GrainFactory.GetGrain<IJobGrain>("j").ScoreCandidateAsync(candidates[0].Id);
        var ranked = await cluster.GrainFactory.GetGrain<IJobGrain>("j").RankCandidatesAsync(6);

        string version = cluster.Silos[0].Host.Services.GetRequiredService<MatchingModels>().Encoder!.Version;
        Assert.Equal(version, match.ModelVersions[MatchingModels.EncoderModelName]);
        Assert.DoesNotContain("lsa-", version, StringComparison.Ordinal);
        Assert.NotNull(match.SemanticScore);
        Assert.Equal(6, ranked.Count);
        Assert.Equal(match.SemanticScore!.Value, ranked.Single(r => r.CandidateId == candidates[0].Id).Similarity!.Value, 5);
    }
}
