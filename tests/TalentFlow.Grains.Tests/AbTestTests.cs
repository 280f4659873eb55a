using Microsoft.Extensions.DependencyInjection;
using TalentFlow.Contracts.Training;
using TalentFlow.Grains;
using TalentFlow.Grains.Candidates;
using TalentFlow.Grains.Jobs;
using TalentFlow.Grains.Matching;
using TalentFlow.Grains.Samples;
using TalentFlow.Grains.Training;
using TalentFlow.Grains.Training.Registry;

namespace TalentFlow.Grains.Tests;

/// <summary>A/B tests through the coordinator: fanned out to every silo, split by candidate, ended by clearing or promoting.</summary>
public sealed class AbTestTests
{
    private const string Baseline = MatchingModels.BaselineModelName;

    private static Task RegisterChallengerAsync(TestCluster cluster, string version) =>
        TestArtifacts.RegisterAsync(cluster, Baseline, version, TestArtifacts.Baseline([.. SampleCorpus.Texts().Take(20)]));

    [Fact]
    public async Task ScoreCandidateAsync_DuringATest_EverySiloScoresACandidateWithItsArmsVersionAndTheMetricsCountByArm()
    {
        await using var cluster = await TrainingTestCluster.StartAsync(2);
        var coordinator = TrainingTestCluster.Coordinator(cluster);
        await RegisterChallengerAsync(cluster, "challenger-1");
        var test = await ModelRegistries.Of(cluster.GrainFactory, Baseline).StartAbTestAsync("challenger-1", 0.5);
        var factory = cluster.GrainFactory;
        var jobs = SampleCorpus.Jobs();
        var people = SampleCorpus.Candidates(12, seed: 5);
        foreach (var job in jobs) await factory.GetGrain<IJobGrain>(job.Id).UpsertAsync(job.Posting);
        foreach (var person in people) await factory.GetGrain<ICandidateGrain>(person.Id).UpsertResumeAsync(person.Resume);

        // Eight jobs spread over both silos score every candidate, from the job's side and from the candidate's.
        var versions = new Dictionary<string, HashSet<string>>();
        foreach (var person in people)
        {
            var seen = versions[person.Id] = [];
            foreach (var job in jobs)
            {
                seen.Add((await factory.GetGrain<IJobGrain>(job.Id).ScreenAsync(person.Id)).ModelVersions[Baseline]);
                seen.Add((await factory.GetGrain<ICandidateGrain>(person.Id).ScoreAgainstJobAsync(job.Id)).ModelVersions[Baseline]);
            }
        }
        foreach (var person in people) await factory.GetGrain<IJobReviewGrain>(jobs[0].Id).SubmitFeedbackAsync(person.Id, new ReviewerFeedback("shortlist"));
        var report = await AbTestMetrics.ReadAsync(factory, test);

        var expected = people.ToDictionary(p => p.Id, p => TrafficSplit.IsChallenger(Baseline, "challenger-1", p.Id, 0.5) ? "challenger-1" : GrainsSiloBuilderExtensions.BuiltinBaselineVersion);
        Assert.All(people, p => Assert.Equal([expected[p.Id]], versions[p.Id]));
        Assert.All(cluster.Silos, silo => Assert.All(people, p =>
            Assert.Equal(expected[p.Id], silo.Host.Services.GetRequiredService<MatchingModels>().ArmOf(p.Id).Baseline.Version)));
        Assert.Contains("challenger-1", expected.Values);
        Assert.Contains(GrainsSiloBuilderExtensions.BuiltinBaselineVersion, expected.Values);
        int inChallenger = expected.Values.Count(v => v == "challenger-1");
        // Only the jobs that hold verdicts are read (the coordinator names them): here the first job, one result per candidate.
        Assert.Equal(people.Count - inChallenger, report.Control.Results);
        Assert.Equal(inChallenger, report.Challenger.Results);
        Assert.Equal(people.Count - inChallenger, report.Control.Reviewed);
        Assert.Equal(inChallenger, report.Challenger.Reviewed);
    }

    [Fact]
    public async Task PromoteAsync_TheChallenger_EndsTheTestOnEverySilo()
    {
        await using var cluster = await TrainingTestCluster.StartAsync(2);
        var coordinator = TrainingTestCluster.Coordinator(cluster);
        await RegisterChallengerAsync(cluster, "challenger-1");
        await ModelRegistries.Of(cluster.GrainFactory, Baseline).StartAbTestAsync("challenger-1", 0.3);
        Assert.All(cluster.Silos, s => Assert.Equal(0.3, s.Host.Services.GetRequiredService<MatchingModels>().AbTest?.Share));

        await ModelRegistries.Of(cluster.GrainFactory, Baseline).PromoteAsync("challenger-1", TrainingTestCluster.Unnamed);

        Assert.Null(await ModelRegistries.GetAbTestAsync(cluster.GrainFactory));
        Assert.All(cluster.Silos, s =>
        {
            var models = s.Host.Services.GetRequiredService<MatchingModels>();
            Assert.Null(models.AbTest);
            Assert.Equal("challenger-1", models.Current.Version);
        });
    }

    [Fact]
    public async Task StartAbTestAsync_BadRequests_ThrowTheirErrorsAndLeaveNoTest()
    {
        await using var cluster = await TrainingTestCluster.StartAsync(1);
        var coordinator = TrainingTestCluster.Coordinator(cluster);
        await RegisterChallengerAsync(cluster, "v1");
        await RegisterChallengerAsync(cluster, "v2");
        await ModelRegistries.Of(cluster.GrainFactory, Baseline).PromoteAsync("v1", TrainingTestCluster.Unnamed);

        await Assert.ThrowsAsync<ArgumentException>(() => ModelRegistries.Of(cluster.GrainFactory, Baseline).StartAbTestAsync("v2", 1.0));
        await Assert.ThrowsAsync<ArgumentException>(() => ModelRegistries.Of(cluster.GrainFactory, Baseline).StartAbTestAsync("v2", double.NaN));
        await Assert.ThrowsAsync<ArgumentException>(() => ModelRegistries.Of(cluster.GrainFactory, MatchingModels.EncoderModelName).StartAbTestAsync("v2", 0.5));
        await Assert.ThrowsAsync<ArgumentException>(() => ModelRegistries.Of(cluster.GrainFactory, "career_classifier").StartAbTestAsync("v2", 0.5));
        await Assert.ThrowsAsync<KeyNotFoundException>(() => ModelRegistries.Of(cluster.GrainFactory, Baseline).StartAbTestAsync("nope", 0.5));
        await Assert.ThrowsAsync<ModelRegistryConflictException>(() => ModelRegistries.Of(cluster.GrainFactory, Baseline).StartAbTestAsync("v1", 0.5));
        Assert.Null(await ModelRegistries.GetAbTestAsync(cluster.GrainFactory));

        var started = await ModelRegistries.Of(cluster.GrainFactory, Baseline).StartAbTestAsync("v2", 0.2);
        var reshared = await ModelRegistries.Of(cluster.GrainFactory, Baseline).StartAbTestAsync("v2", 0.4);
        Assert.Equal(started with { Share = 0.4 }, reshared);
        Assert.Equal("v1", started.ControlVersion);
        Assert.Equal(reshared, await ModelRegistries.Of(cluster.GrainFactory, Baseline).EndAbTestAsync());
        Assert.Null(await ModelRegistries.Of(cluster.GrainFactory, Baseline).EndAbTestAsync());
        Assert.Null(cluster.Silos[0].Host.Services.GetRequiredService<MatchingModels>().AbTest);
    }

    [Fact]
    public async Task StartAbTestAsync_ScorerChallenger_ScoresTheChallengerArmWithItsScorerAndAnotherKindConflicts()
    {
        await using var cluster = await TrainingTestCluster.StartAsync(2);
        var coordinator = TrainingTestCluster.Coordinator(cluster);
        const string Scorer = MatchingModels.ScorerModelName;
        await TestArtifacts.RegisterAsync(cluster, Scorer, "scorer-a", await TestArtifacts.ScorerArchiveAsync(32));
        await TestArtifacts.RegisterAsync(cluster, Scorer, "scorer-b", await TestArtifacts.ScorerArchiveAsync(24));
        await RegisterChallengerAsync(cluster, "v2");
        await ModelRegistries.Of(cluster.GrainFactory, Scorer).PromoteAsync("scorer-a", TrainingTestCluster.Unnamed);
        await ModelRegistries.Of(cluster.GrainFactory, Scorer).StartAbTestAsync("scorer-b", 0.5);
        var job = SampleCorpus.Jobs()[2];
        var people = SampleCorpus.Candidates(10, seed: 8);
        await cluster.GrainFactory.GetGrain<IJobGrain>(job.Id).UpsertAsync(job.Posting);
        foreach (var person in people) await cluster.GrainFactory.GetGrain<ICandidateGrain>(person.Id).UpsertResumeAsync(person.Resume);

        foreach (var person in people)
        {
            var match = await cluster.GrainFactory.GetGrain<IJobGrain>(job.Id).ScoreCandidateAsync(person.Id);
            Assert.Equal(TrafficSplit.IsChallenger(Scorer, "scorer-b", person.Id, 0.5) ? "scorer-b" : "scorer-a", match.ModelVersions[Scorer]);
            Assert.NotNull(match.MatchProbability);
        }
        await Assert.ThrowsAsync<ModelRegistryConflictException>(() => ModelRegistries.Of(cluster.GrainFactory, Baseline).StartAbTestAsync("v2", 0.5));
    }

    [Fact]
    public async Task CatchUp_SiloJoinsDuringATest_ServesProductionInPromotionOrderAndSplitsLikeTheOthers()
    {
        await using var cluster = await TrainingTestCluster.StartAsync(1);
        var coordinator = TrainingTestCluster.Coordinator(cluster);
        const string Scorer = MatchingModels.ScorerModelName;
        await RegisterChallengerAsync(cluster, "b1");
        await RegisterChallengerAsync(cluster, "b2");
        await TestArtifacts.RegisterAsync(cluster, Scorer, "scorer-a", await TestArtifacts.ScorerArchiveAsync(32));
        await ModelRegistries.Of(cluster.GrainFactory, Baseline).PromoteAsync("b1", TrainingTestCluster.Unnamed);
        // The scorer serves its own baseline: promoted after b1, it wins, on the live silo as on one that joins.
        await ModelRegistries.Of(cluster.GrainFactory, Scorer).PromoteAsync("scorer-a", TrainingTestCluster.Unnamed);
        await ModelRegistries.Of(cluster.GrainFactory, Baseline).StartAbTestAsync("b2", 0.4);
        var first = cluster.Silos[0].Host.Services.GetRequiredService<MatchingModels>();

        var joined = (await cluster.StartSiloAsync(o => o.Roles = ["trainer"])).Host.Services.GetRequiredService<MatchingModels>();

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (joined.AbTest is null || joined.Scorer is null) await Task.Delay(50, timeout.Token);
        Assert.Equal(first.Current.Version, joined.Current.Version);
        Assert.Equal(joined.Scorer.BaselineVersion, joined.Current.Version);
        Assert.Equal("scorer-a", joined.Scorer.Version);
        Assert.Equal(("b2", 0.4), (joined.AbTest.Version, joined.AbTest.Share));
        Assert.All(SampleCorpus.Candidates(20, seed: 3), c => Assert.Equal(first.ArmOf(c.Id).Baseline.Version, joined.ArmOf(c.Id).Baseline.Version));
    }
}
