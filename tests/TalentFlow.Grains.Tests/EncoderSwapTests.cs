using System.Numerics.Tensors;
using Microsoft.Extensions.DependencyInjection;
using TalentFlow.Contracts.Matching;
using TalentFlow.Grains.Candidates;
using TalentFlow.Grains.Jobs;
using TalentFlow.Grains.Matching;
using TalentFlow.Grains.Samples;
using TalentFlow.ML.Encoders;
using TalentFlow.ML.Semantic;
using TalentFlow.ML.Text;

namespace TalentFlow.Grains.Tests;

/// <summary>Filtered ranking and what happens to the candidate index when the silos swap their encoder.</summary>
public sealed class EncoderSwapTests
{
    private static readonly TextNormalizer Normalizer = new();

    [Fact]
    public async Task RankCandidatesAsync_EncoderSwappedOnOneSiloThenTheOther_StaysCompleteThenMovesToTheNewEncoder()
    {
        await using var cluster = await TestCluster.StartAsync(GrainsClusterFixture.CreateOptions(2));
        var factory = cluster.GrainFactory;
        var candidates = SampleCorpus.Candidates(30, seed: 5);
        await Task.WhenAll(candidates.Select(c => factory.GetGrain<ICandidateGrain>(c.Id).UpsertResumeAsync(c.Resume)));
        // The swap is half done only when both silos host candidates; placement may have put all 30 on one silo.
        var hosts = await Task.WhenAll(candidates.Select(c => cluster.HostOfAsync("candidate", c.Id)));
        foreach (var silo in cluster.Silos.Where(s => !hosts.Contains(s)))
        {
            int i = Array.FindIndex(hosts, h => hosts.Count(x => x == h) > 1);
            await cluster.MigrateAsync("candidate", candidates[i].Id, silo);
            hosts[i] = silo;
        }
        var job = SampleCorpus.Jobs()[2];
        await factory.GetGrain<IJobGrain>(job.Id).UpsertAsync(job.Posting);
        var oldEncoder = Models(cluster.Silos[0]).Encoder!.Encoder;
        var newEncoder = LsaEncoder.Fit(SampleCorpus.Texts(), new LsaOptions { Dimensions = 48, Seed = 11 });
        Assert.NotEqual(oldEncoder.VersionId, newEncoder.VersionId);

        // Silo 0 swaps; candidates living on silo 1 still embed with the old encoder, so no shard completes the new version.
        Models(cluster.Silos[0]).PublishEncoder(new SemanticModel(newEncoder));
        await cluster.Silos[0].Host.Services.GetRequiredService<EncoderMigration>().Running;
        int pending = 0;
        for (int shard = 0; shard < 8; shard++)
        {
            pending += (await factory.GetGrain<ICandidateShardGrain>("shard-" + shard).PendingAsync(newEncoder.VersionId, 100)).Count;
        }
        var during = await factory.GetGrain<IJobGrain>(job.Id).RankCandidatesAsync(30);

        Models(cluster.Silos[1]).PublishEncoder(new SemanticModel(newEncoder));
        await cluster.Silos[1].Host.Services.GetRequiredService<EncoderMigration>().Running;
        var after = await factory.GetGrain<IJobGrain>(job.Id).RankCandidatesAsync(30);

        Assert.InRange(pending, 1, 29);
        // Mid-swap every candidate is still ranked, all in the old encoder's space (never a mix of two spaces).
        await AssertBruteForceAsync(oldEncoder, job, candidates, during);
        await AssertBruteForceAsync(newEncoder, job, candidates, after);
        int retired = 0;
        for (int shard = 0; shard < 8; shard++)
        {
            Assert.Empty(await factory.GetGrain<ICandidateShardGrain>("shard-" + shard).PendingAsync(newEncoder.VersionId, 100));
            retired += (await factory.GetGrain<ICandidateShardGrain>("shard-" + shard).PendingAsync(oldEncoder.VersionId, 100)).Count;
        }
        Assert.Equal(30, retired); // the old embeddings are gone once the new version is complete everywhere
    }

    [Fact]
    public async Task RankCandidatesAsync_WithFilters_EqualsBruteForceOverTheCandidatesThatPass()
    {
        await using var cluster = await TestCluster.StartAsync(GrainsClusterFixture.CreateOptions(2));
        var factory = cluster.GrainFactory;
        var candidates = SampleCorpus.Candidates(40, seed: 9);
        var profiles = await Task.WhenAll(candidates.Select(c => factory.GetGrain<ICandidateGrain>(c.Id).UpsertResumeAsync(c.Resume)));
        var job = SampleCorpus.Jobs()[0];
        await factory.GetGrain<IJobGrain>(job.Id).UpsertAsync(job.Posting);
        string skill = profiles.SelectMany(p => p.Skills).GroupBy(s => s).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .First(g => g.Count() < 40).Key;
        double years = profiles.Select(p => p.TotalYearsExperience).Order().ElementAt(10);
        var filter = new CandidateFilter([skill.ToUpperInvariant()], MinYearsExperience: years, MinScore: 0.05);

        var ranked = await factory.GetGrain<IJobGrain>(job.Id).RankCandidatesAsync(5, filter);

        var encoder = Models(cluster.Silos[0]).Encoder!.Encoder;
        var passing = candidates.Where((c, i) => profiles[i].Skills.Contains(skill) && profiles[i].TotalYearsExperience >= years).ToList();
        var retrieved = (await BruteForceAsync(encoder, job, passing)).Where(e => e.Score >= 0.05f).ToList();
        Assert.NotEmpty(retrieved);
        Assert.InRange(retrieved.Count, 1, 30); // all fit the re-ranking's pool, which the screening score orders
        var scores = await Task.WhenAll(retrieved.Select(e => factory.GetGrain<IJobGrain>(job.Id).ScoreCandidateAsync(e.Id)));
        var expected = scores.OrderByDescending(m => m.Score).ThenByDescending(m => Math.Round(retrieved.Single(e => e.Id == m.CandidateId).Score, 5))
            .ThenBy(m => m.CandidateId, StringComparer.Ordinal).Take(5).ToList();
        Assert.Equal(expected.Select(e => e.CandidateId), ranked.Select(r => r.CandidateId));
        Assert.All(ranked, r => Assert.True(r.Similarity >= 0.05));
        await Assert.ThrowsAsync<ArgumentException>(() => factory.GetGrain<IJobGrain>(job.Id).RankCandidatesAsync(5, new CandidateFilter(MinScore: 2)));
        await Assert.ThrowsAsync<ArgumentException>(() => factory.GetGrain<IJobGrain>(job.Id).RankCandidatesAsync(5, new CandidateFilter(MinYearsExperience: -1)));
    }

    private static MatchingModels Models(SiloHandle silo) => silo.Host.Services.GetRequiredService<MatchingModels>();

    private static async Task AssertBruteForceAsync(IEncoder encoder, SampleJob job, IReadOnlyList<SampleCandidate> candidates, IReadOnlyList<RankedCandidate> ranked)
    {
        // Every candidate is retrieved (thirty fit the re-ranking's pool), each with its cosine in that encoder's space only.
        var expected = (await BruteForceAsync(encoder, job, candidates)).ToDictionary(e => e.Id, e => e.Score);
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), ranked.Select(r => r.CandidateId).Order(StringComparer.Ordinal));
        foreach (var r in ranked) Assert.Equal(expected[r.CandidateId], r.Similarity!.Value, 5);
        Assert.Equal(ranked.Select(r => r.Score).OrderDescending(), ranked.Select(r => r.Score));
    }

    private static async Task<List<(string Id, float Score)>> BruteForceAsync(IEncoder encoder, SampleJob job, IReadOnlyList<SampleCandidate> candidates)
    {
        var query = (await encoder.EmbedAsync([job.Posting.Title + "\n" + Normalizer.Normalize(job.Posting.Description)]))[0];
        var vectors = await encoder.EmbedAsync([.. candidates.Select(c => Normalizer.Normalize(c.Resume.Text))]);
        return [.. candidates.Select((c, i) => (c.Id, Score: TensorPrimitives.Dot(vectors[i], query)))
            .OrderByDescending(p => p.Score).ThenBy(p => p.Id, StringComparer.Ordinal)];
    }
}
