using Microsoft.Extensions.DependencyInjection;
using TalentFlow.Contracts.Training;
using TalentFlow.Contracts.Training.Registry;
using TalentFlow.Grains.Candidates;
using TalentFlow.Grains.Jobs;
using TalentFlow.Grains.Matching;
using TalentFlow.Grains.Samples;
using TalentFlow.Grains.Training;
using TalentFlow.Grains.Training.Registry;
using TalentFlow.ML.Screening;

namespace TalentFlow.Grains.Tests;

/// <summary>
/// The screening model in the registry and the learning loop (issue 17, points 2 and 3): the built-in is version 1 in
/// Production, training fits the reviewers' verdicts, the gate decides, a rollback always has a target.
/// </summary>
public sealed class ScreeningTrainingTests
{
    private const string Model = ScreeningModels.ModelName;

    private static ScreeningModels Served(TestCluster cluster, int silo = 0) => cluster.Silos[silo].Host.Services.GetRequiredService<ScreeningModels>();

    [Fact]
    public async Task Coordinator_Activated_RegistersTheBuiltInAsProductionOnceWithItsArtifactAndFingerprint()
    {
        await using var cluster = await TrainingTestCluster.StartAsync(2);
        var coordinator = TrainingTestCluster.Coordinator(cluster);
        var builtIn = Served(cluster).BuiltIn;

        var versions = (await ModelRegistries.GetVersionsAsync(cluster.GrainFactory)).Where(v => v.Model == Model).ToList();
        var again = (await ModelRegistries.GetVersionsAsync(cluster.GrainFactory)).Where(v => v.Model == Model).ToList();
        var artifact = await cluster.GrainFactory.GetGrain<IModelArtifactGrain>(ModelArtifactGrain.Key(Model, builtIn.Version)).GetAsync();

        var v1 = Assert.Single(versions);
        Assert.Equal((builtIn.Version, "Production"), (v1.Version, v1.Stage));
        Assert.Equal(builtIn.DataFingerprint, v1.DataFingerprint);
        Assert.NotNull(v1.DataFingerprint);
        Assert.NotEmpty(v1.Metrics);
        Assert.Single(again);
        Assert.Equal(builtIn.Version, await ModelRegistries.Of(cluster.GrainFactory, Model).GetProductionAsync());
        Assert.Equal(builtIn.Version, ScreeningModel.Load(artifact!).Version);
        Assert.Equal(builtIn.Version, Served(cluster, 1).Current.Version);
    }

    [Fact]
    public async Task Train_VerdictsFollowAClearRule_GatePromotesAModelThatScoresTheShortlistedHigherAndRollbackReturnsToTheBuiltIn()
    {
        await using var cluster = await TrainingTestCluster.StartAsync(2);
        var coordinator = TrainingTestCluster.Coordinator(cluster);
        var builtIn = Served(cluster).BuiltIn;
        // Production starts as a model that learnt nothing (random labels), so that there is room to learn the reviewers' rule.
        string weak = await PromoteUninformedModelAsync(cluster);
        await TrainingTestCluster.LabelAsync(cluster, 80);
        var pairs = await LabelledPairsAsync(cluster);
        var before = await ScoresAsync(cluster, pairs);

        var job = await TrainingTestCluster.TrainAsync(coordinator, Model);
        var after = await ScoresAsync(cluster, pairs);

        Assert.True(job.Status == "succeeded", job.Message);
        Assert.Contains("Promoted to Production", job.Message, StringComparison.Ordinal);
        Assert.True(job.Metrics["auc_difference_lower"] > 0, job.Message);
        Assert.InRange(job.Metrics["roc_auc"], 0.9, 1);
        Assert.Equal(job.Version, await ModelRegistries.Of(cluster.GrainFactory, Model).GetProductionAsync());
        Assert.All(cluster.Silos, s => Assert.Equal(job.Version, s.Host.Services.GetRequiredService<ScreeningModels>().Current.Version));
        Assert.Equal(job.Version, after[0].Version);
        // The shortlisted candidates score higher than before, and higher than the rejected ones.
        double Mean(IEnumerable<(bool Positive, double Score, string Version)> s, bool positive) => s.Where(x => x.Positive == positive).Average(x => x.Score);
        Assert.True(Mean(after, true) > Mean(before, true), $"shortlisted: {Mean(before, true):0.###} → {Mean(after, true):0.###}");
        Assert.True(Mean(after, true) - Mean(after, false) > 0.3, $"shortlisted {Mean(after, true):0.###} vs rejected {Mean(after, false):0.###}");

        var rolledBack = await ModelRegistries.Of(cluster.GrainFactory, Model).RollbackAsync(new RollbackTarget(ToVersion: builtIn.Version), new RegistryChange("test", "back to the built-in"));
        var scoredAgain = await ScoresAsync(cluster, pairs.Take(1).ToList());

        Assert.Equal(builtIn.Version, rolledBack.Version);
        Assert.Equal(builtIn.Version, scoredAgain[0].Version);
        Assert.NotEqual(weak, builtIn.Version);
    }

    [Fact]
    public async Task Train_ShuffledVerdicts_IsNotPromoted()
    {
        await using var cluster = await TrainingTestCluster.StartAsync(1);
        var coordinator = TrainingTestCluster.Coordinator(cluster);
        await LabelShuffledAsync(cluster, 80);

        var job = await TrainingTestCluster.TrainAsync(coordinator, Model);

        Assert.Equal(Served(cluster).BuiltIn.Version, await ModelRegistries.Of(cluster.GrainFactory, Model).GetProductionAsync());
        Assert.DoesNotContain("Promoted to Production", job.Message, StringComparison.Ordinal);
        Assert.True(job.Status == "succeeded" ? job.Metrics["auc_difference_lower"] <= 0 : job.Message.Length > 0, job.Message);
    }

    [Fact]
    public async Task Train_OnlyShortlistVerdicts_FailsWithAMessageAndRegistersNothing()
    {
        await using var cluster = await TrainingTestCluster.StartAsync(1);
        var coordinator = TrainingTestCluster.Coordinator(cluster);
        var factory = cluster.GrainFactory;
        var jobs = SampleCorpus.Jobs();
        foreach (var j in jobs) await factory.GetGrain<IJobGrain>(j.Id).UpsertAsync(j.Posting);
        var people = SampleCorpus.Candidates(40, seed: 11);
        for (int i = 0; i < people.Count; i++)
        {
            await factory.GetGrain<ICandidateGrain>(people[i].Id).UpsertResumeAsync(people[i].Resume);
            var job = factory.GetGrain<IJobGrain>(jobs[i % jobs.Count].Id);
            var review = factory.GetGrain<IJobReviewGrain>(jobs[i % jobs.Count].Id);
            await job.ScreenAsync(people[i].Id);
            await review.SubmitFeedbackAsync(people[i].Id, new ReviewerFeedback("shortlist"));
        }

        var trained = await TrainingTestCluster.TrainAsync(coordinator, Model);

        Assert.Equal("failed", trained.Status);
        Assert.Contains("shortlisted", trained.Message, StringComparison.Ordinal);
        Assert.Single(await ModelRegistries.GetVersionsAsync(cluster.GrainFactory), v => v.Model == Model);
    }

    /// <summary>Trains a model on random labels in the built-in's feature space, registers it and promotes it.</summary>
    private static async Task<string> PromoteUninformedModelAsync(TestCluster cluster)
    {
        var builtIn = (ScreeningModelScorer)Served(cluster).BuiltIn;
        var features = builtIn.Features;
        var jobs = SampleCorpus.Jobs();
        var random = new Random(5);
        var examples = new List<ScreeningExample>();
        foreach (var person in SampleCorpus.Candidates(60, seed: 99))
        {
            var resume = await features.PrepareResumeAsync(person.Resume.Text);
            foreach (var job in jobs.Take(2))
            {
                var side = await features.PrepareJobAsync(new ScreeningJob(job.Posting.Title, job.Posting.Description));
                examples.Add(new ScreeningExample(job.Id, person.Id, features.Combine(side, resume), random.Next(2) == 1));
            }
        }
        var weak = new ScreeningModelTrainer(new ScreeningModelTrainer.Options { PerJobOffsets = false }).Train(features, examples).Model;
        await cluster.GrainFactory.GetGrain<IModelArtifactGrain>(ModelArtifactGrain.Key(Model, weak.Version)).SaveAsync(weak.ToJsonBytes());
        var coordinator = TrainingTestCluster.Coordinator(cluster);
        await ModelRegistries.Of(cluster.GrainFactory, Model).RegisterAsync(weak.Version, weak.Metrics, TrainingTestCluster.Unnamed);
        await ModelRegistries.Of(cluster.GrainFactory, Model).PromoteAsync(weak.Version, TrainingTestCluster.Unnamed);
        Assert.All(cluster.Silos, s => Assert.Equal(weak.Version, s.Host.Services.GetRequiredService<ScreeningModels>().Current.Version));
        return weak.Version;
    }

    /// <summary>As <see cref="TrainingTestCluster.LabelAsync"/>, with the labels shuffled across the pairs.</summary>
    private static async Task LabelShuffledAsync(TestCluster cluster, int candidates)
    {
        var factory = cluster.GrainFactory;
        var jobs = SampleCorpus.Jobs();
        foreach (var job in jobs) await factory.GetGrain<IJobGrain>(job.Id).UpsertAsync(job.Posting);
        var people = SampleCorpus.Candidates(candidates, seed: 11);
        var labels = Enumerable.Range(0, candidates * 2).Select(i => i % 2 == 0).ToArray();
        new Random(3).Shuffle(labels);
        for (int i = 0; i < people.Count; i++)
        {
            await factory.GetGrain<ICandidateGrain>(people[i].Id).UpsertResumeAsync(people[i].Resume);
            int k = 0;
            foreach (int jobIndex in new[] { i % jobs.Count, (i + 3) % jobs.Count })
            {
                var job = factory.GetGrain<IJobGrain>(jobs[jobIndex].Id);
                var review = factory.GetGrain<IJobReviewGrain>(jobs[jobIndex].Id);
                await job.ScreenAsync(people[i].Id);
                await review.SubmitFeedbackAsync(people[i].Id, new ReviewerFeedback(labels[2 * i + k++] ? "shortlist" : "reject"));
            }
        }
    }

    private static async Task<List<(string JobId, string CandidateId, bool Positive)>> LabelledPairsAsync(TestCluster cluster)
    {
        var pairs = new List<(string, string, bool)>();
        foreach (var job in SampleCorpus.Jobs())
        {
            foreach (var labelled in await cluster.GrainFactory.GetGrain<IJobReviewGrain>(job.Id).GetLabelledResultsAsync())
            {
                int bar = labelled.ResultId.IndexOf('|', StringComparison.Ordinal);
                pairs.Add((labelled.ResultId[..bar], labelled.ResultId[(bar + 1)..], labelled.Positive));
            }
        }
        return pairs;
    }

    private static async Task<List<(bool Positive, double Score, string Version)>> ScoresAsync(TestCluster cluster, List<(string JobId, string CandidateId, bool Positive)> pairs)
    {
        var scores = new List<(bool, double, string)>(pairs.Count);
        foreach (var (jobId, candidateId, positive) in pairs)
        {
            var match = await cluster.GrainFactory.GetGrain<IJobGrain>(jobId).ScoreCandidateAsync(candidateId);
            scores.Add((positive, match.Score, match.ModelVersions[Model]));
        }
        return scores;
    }
}
