using Microsoft.Extensions.DependencyInjection;
using TalentFlow.Runtime.Testing;

namespace TalentFlow.Grains.Tests;

/// <summary>Feedback → trigger → trainer silo → registry → promotion → every silo serves the new version.</summary>
public sealed class LearningLoopTests
{
    private static TestClusterOptions Options(int silos, bool trainers)
    {
        var options = GrainsClusterFixture.CreateOptions(silos);
        if (trainers) options.ConfigureSilo = o => o.Roles = ["trainer"];
        return options;
    }

    private static async Task LabelAsync(TestCluster cluster, int candidates)
    {
        var factory = cluster.GrainFactory;
        var jobs = SampleCorpus.Jobs();
        foreach (var job in jobs) await factory.GetGrain<IJobGrain>(job.Id).UpsertAsync(job.Posting);
        var people = SampleCorpus.Candidates(candidates, seed: 11);
        for (int i = 0; i < people.Count; i++)
        {
            await factory.GetGrain<ICandidateGrain>(people[i].Id).UpsertResumeAsync(people[i].Resume);
            // Candidate i has role i % 8, as job i % 8: a reviewer shortlists the same role and rejects another.
            foreach (var (jobIndex, match) in new[] { (i % jobs.Count, true), ((i + 3) % jobs.Count, false) })
            {
                var job = factory.GetGrain<IJobGrain>(jobs[jobIndex].Id);
                await job.ScreenAsync(people[i].Id);
                await job.SubmitFeedbackAsync(people[i].Id, new ReviewerFeedback(match ? "shortlist" : "reject"));
            }
        }
    }

    private static async Task<TrainingJobInfo> WaitForJobAsync(ITrainingCoordinatorGrain coordinator, string id)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (true)
        {
            var job = await coordinator.GetJobAsync(id);
            if (job is { Status: "succeeded" or "failed" or "cancelled" }) return job;
            await Task.Delay(50, timeout.Token);
        }
    }

    [Fact]
    public async Task Trigger_WithFeedback_TrainsOnATrainerRegistersAndPromotionReachesEverySilo()
    {
        await using var cluster = await TestCluster.StartAsync(Options(2, trainers: true));
        await LabelAsync(cluster, 40);
        var coordinator = cluster.GrainFactory.GetGrain<ITrainingCoordinatorGrain>(ITrainingCoordinatorGrain.SingletonKey);

        var notReady = await coordinator.TriggerAsync(MatchingModels.BaselineModelName, force: false);
        var started = await coordinator.TriggerAsync(MatchingModels.BaselineModelName, force: true);
        var job = await WaitForJobAsync(coordinator, started.JobId!);

        Assert.False(notReady.Success);
        Assert.Contains("20 more needed", notReady.Message, StringComparison.Ordinal);
        Assert.True(started.Success, started.Message);
        Assert.True(job.Status == "succeeded", job.Message);
        Assert.InRange(job.Metrics["roc_auc"], 0, 1);
        Assert.InRange(job.Metrics["production_roc_auc"], 0, 1);
        Assert.NotNull(job.Silo);
        var registered = Assert.Single(await coordinator.GetVersionsAsync());
        Assert.Equal(job.Version, registered.Version);

        // Promotion (automatic when it beat production, else by hand, as a rollout or rollback would) fans out to every silo.
        await coordinator.PromoteAsync(MatchingModels.BaselineModelName, job.Version!);

        Assert.Equal(job.Version, await coordinator.GetProductionAsync(MatchingModels.BaselineModelName));
        Assert.All(cluster.Silos, s => Assert.Equal(job.Version, s.Host.Services.GetRequiredService<MatchingModels>().Current.Version));
        var match = await cluster.GrainFactory.GetGrain<IJobGrain>(SampleCorpus.Jobs()[0].Id).ScoreCandidateAsync(SampleCorpus.Candidates(40, seed: 11)[0].Id);
        Assert.Equal(job.Version, match.ModelVersions[MatchingModels.BaselineModelName]);

        // A silo that joins later catches up from the registry.
        var late = await cluster.StartSiloAsync();
        Assert.Equal(job.Version, late.Host.Services.GetRequiredService<MatchingModels>().Current.Version);
    }

    [Fact]
    public async Task Trigger_SemanticEncoder_TrainsRegistersAndPromotionSwapsEverySiloAndReEmbedsTheIndex()
    {
        await using var cluster = await TestCluster.StartAsync(Options(2, trainers: true));
        await LabelAsync(cluster, 30);
        var coordinator = cluster.GrainFactory.GetGrain<ITrainingCoordinatorGrain>(ITrainingCoordinatorGrain.SingletonKey);
        string before = cluster.Silos[0].Host.Services.GetRequiredService<MatchingModels>().Encoder!.Version;

        var status = await coordinator.GetStatusAsync(MatchingModels.EncoderModelName);
        var started = await coordinator.TriggerAsync(MatchingModels.EncoderModelName, force: true);
        var job = await WaitForJobAsync(coordinator, started.JobId!);
        await coordinator.PromoteAsync(MatchingModels.EncoderModelName, job.Version!);
        foreach (var silo in cluster.Silos) await silo.Host.Services.GetRequiredService<EncoderMigration>().Running;
        var ranked = await cluster.GrainFactory.GetGrain<IJobGrain>(SampleCorpus.Jobs()[0].Id).RankCandidatesAsync(100);
        var match = await cluster.GrainFactory.GetGrain<IJobGrain>(SampleCorpus.Jobs()[0].Id).ScoreCandidateAsync(SampleCorpus.Candidates(30, seed: 11)[0].Id);

        Assert.Equal(60, status.TotalSamples); // the reviewers' verdicts on screenings teach every kind that scores a pair
        Assert.True(job.Status == "succeeded", job.Message);
        Assert.InRange(job.Metrics["roc_auc"], 0, 1);
        Assert.NotEqual(before, job.Version);
        Assert.All(cluster.Silos, s => Assert.Equal(job.Version, s.Host.Services.GetRequiredService<MatchingModels>().Encoder!.Version));
        Assert.Equal(job.Version, match.ModelVersions[MatchingModels.EncoderModelName]);
        Assert.Equal(30, ranked.Count);
        for (int shard = 0; shard < 8; shard++)
        {
            Assert.Empty(await cluster.GrainFactory.GetGrain<ICandidateShardGrain>("shard-" + shard).PendingAsync(job.Version!, 100));
        }
    }

    [Fact]
    public async Task Trigger_NoTrainerSilo_FailsTheJobCleanly()
    {
        await using var cluster = await TestCluster.StartAsync(Options(1, trainers: false));
        var coordinator = cluster.GrainFactory.GetGrain<ITrainingCoordinatorGrain>(ITrainingCoordinatorGrain.SingletonKey);

        var result = await coordinator.TriggerAsync(MatchingModels.BaselineModelName, force: true);

        Assert.False(result.Success);
        Assert.Equal("failed", (await coordinator.GetJobAsync(result.JobId!))!.Status);
        Assert.False((await coordinator.TriggerAsync("convfm_recommender", force: true)).Success);
    }
}
