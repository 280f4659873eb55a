using Microsoft.Extensions.DependencyInjection;
using TalentFlow.Contracts.Training.Registry;
using TalentFlow.Grains.Candidates;
using TalentFlow.Grains.Jobs;
using TalentFlow.Grains.Matching;
using TalentFlow.Grains.Recommendations;
using TalentFlow.Grains.Samples;
using TalentFlow.Grains.Training;
using TalentFlow.Grains.Training.ModelKinds;
using TalentFlow.Grains.Training.Registry;

namespace TalentFlow.Grains.Tests;

/// <summary>The registry's model kinds: the scorer bundle and ConvFM registered, promoted, rolled back and fanned out like the others.</summary>
public sealed class ModelKindTests
{
    private const string Scorer = MatchingModels.ScorerModelName;

    [Fact]
    public void Names_AfterDiscovery_ListEveryServedKind()
    {
        Assert.Equal(["baseline_tfidf", "career_classifier", "convfm_recommender", "job_ranker", "screening_model", "semantic_encoder", "semantic_scorer"], ModelKindRegistry.Names);
        Assert.Equal(["baseline_tfidf", "semantic_scorer"], ModelKindRegistry.AbTestable);
        Assert.Throws<ArgumentException>(() => ModelKindRegistry.Get("unknown_kind"));
    }

    [Fact]
    public async Task PromoteAsync_ScorerArchive_ServesItsScorerAndBaselineOnEverySiloAndRollbackRestoresTheFirst()
    {
        await using var cluster = await TrainingTestCluster.StartAsync(2);
        var coordinator = TrainingTestCluster.Coordinator(cluster);
        await TestArtifacts.RegisterAsync(cluster, Scorer, "scorer-a", await TestArtifacts.ScorerArchiveAsync(32));
        await TestArtifacts.RegisterAsync(cluster, Scorer, "scorer-b", await TestArtifacts.ScorerArchiveAsync(24));
        var job = SampleCorpus.Jobs()[1];
        var candidate = SampleCorpus.Candidates(4, seed: 30)[1];
        await cluster.GrainFactory.GetGrain<IJobGrain>(job.Id).UpsertAsync(job.Posting);
        await cluster.GrainFactory.GetGrain<ICandidateGrain>(candidate.Id).UpsertResumeAsync(candidate.Resume);

        await ModelRegistries.Of(cluster.GrainFactory, Scorer).PromoteAsync("scorer-a", TrainingTestCluster.Unnamed);
        var first = await cluster.GrainFactory.GetGrain<IJobGrain>(job.Id).ScoreCandidateAsync(candidate.Id);
        await ModelRegistries.Of(cluster.GrainFactory, Scorer).PromoteAsync("scorer-b", TrainingTestCluster.Unnamed);
        var second = await cluster.GrainFactory.GetGrain<IJobGrain>(job.Id).ScoreCandidateAsync(candidate.Id);
        var back = await ModelRegistries.Of(cluster.GrainFactory, Scorer).RollbackAsync(new RollbackTarget(), TrainingTestCluster.Unnamed);
        var third = await cluster.GrainFactory.GetGrain<ICandidateGrain>(candidate.Id).ScoreAgainstJobAsync(job.Id);

        Assert.Equal("scorer-a", first.ModelVersions[Scorer]);
        Assert.NotNull(first.MatchProbability);
        Assert.Equal("scorer-b", second.ModelVersions[Scorer]);
        Assert.Equal("scorer-a", back.Version);
        Assert.Equal("scorer-a", third.ModelVersions[Scorer]);
        Assert.Equal(first.MatchProbability, third.MatchProbability);
        Assert.All(cluster.Silos, silo =>
        {
            var models = silo.Host.Services.GetRequiredService<MatchingModels>();
            Assert.Equal("scorer-a", models.Scorer?.Version);
            Assert.Equal(models.Scorer!.BaselineVersion, models.Current.Version);
        });
    }

    [Fact]
    public async Task Validate_ScorerArchiveWithoutAFileOrNotAZip_ThrowsArgumentException()
    {
        var missing = await TestArtifacts.ScorerArchiveAsync(32, "encoder.json");

        var noEncoder = Assert.Throws<ArgumentException>(() => ModelArtifacts.Validate(Scorer, "v", missing));
        var notZip = Assert.Throws<ArgumentException>(() => ModelArtifacts.Validate(Scorer, "v", TestArtifacts.Baseline("python developer")));

        Assert.Contains("no encoder.json", noEncoder.Message, StringComparison.Ordinal);
        Assert.Contains("not a valid semantic_scorer model", notZip.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PromoteAsync_ConvFmVersion_EverySiloHoldsItAndRollbackRestoresTheFirst()
    {
        const string ConvFm = RecommendationModels.ConvFmModelName;
        await using var cluster = await TrainingTestCluster.StartAsync(2);
        var coordinator = TrainingTestCluster.Coordinator(cluster);
        await TestArtifacts.RegisterAsync(cluster, ConvFm, "fm-1", TestArtifacts.ConvFm(11));
        await TestArtifacts.RegisterAsync(cluster, ConvFm, "fm-2", TestArtifacts.ConvFm(12));

        await ModelRegistries.Of(cluster.GrainFactory, ConvFm).PromoteAsync("fm-1", TrainingTestCluster.Unnamed);
        await ModelRegistries.Of(cluster.GrainFactory, ConvFm).PromoteAsync("fm-2", TrainingTestCluster.Unnamed);
        Assert.All(cluster.Silos, s => Assert.Equal("fm-2", s.Host.Services.GetRequiredService<RecommendationModels>().ConvFmVersion));
        await ModelRegistries.Of(cluster.GrainFactory, ConvFm).RollbackAsync(new RollbackTarget(), TrainingTestCluster.Unnamed);

        Assert.All(cluster.Silos, s => Assert.NotNull(s.Host.Services.GetRequiredService<RecommendationModels>().ConvFm));
        Assert.All(cluster.Silos, s => Assert.Equal("fm-1", s.Host.Services.GetRequiredService<RecommendationModels>().ConvFmVersion));
        Assert.Throws<ArgumentException>(() => ModelArtifacts.Validate(ConvFm, "v", "{\"format\":\"talentflow.convfm\"}"u8.ToArray()));
    }
}
