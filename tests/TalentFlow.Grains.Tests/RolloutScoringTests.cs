using Microsoft.Extensions.DependencyInjection;
using TalentFlow.Contracts.Matching;
using TalentFlow.Grains.Candidates;
using TalentFlow.Grains.Jobs;
using TalentFlow.Grains.Matching;
using TalentFlow.Grains.Samples;
using TalentFlow.Grains.Training.ModelKinds;

namespace TalentFlow.Grains.Tests;

/// <summary>Scoring while silos serve different baseline versions (a promotion's broadcast in flight, a silo that joined later).</summary>
public sealed class RolloutScoringTests
{
    private const string Baseline = MatchingModels.BaselineModelName;

    [Fact]
    public async Task ScoreCandidateAsync_SilosServeVersionsTheOtherDoesNotHold_EveryPairIsScoredAndThePeerVersionIsLoaded()
    {
        string[] versions = ["rollout-a", "rollout-b"];
        await using var cluster = await TrainingTestCluster.StartAsync(2);
        var (jobs, people) = await ServeDisjointVersionsAsync(cluster, versions, register: true);

        var scored = new List<CandidateMatch>();
        foreach (var job in jobs)
        {
            foreach (var person in people)
            {
                scored.Add(await cluster.GrainFactory.GetGrain<IJobGrain>(job.Id).ScoreCandidateAsync(person.Id));
                scored.Add(await cluster.GrainFactory.GetGrain<ICandidateGrain>(person.Id).ScoreAgainstJobAsync(job.Id));
            }
        }

        Assert.Equal(jobs.Length * people.Count * 2, scored.Count);
        Assert.All(scored, m => Assert.Contains(m.ModelVersions[Baseline], versions));
        // A pair across the two silos made one of them load the other's version, retained beside (not instead of) its own.
        var silos = cluster.Silos.Select(s => s.Host.Services.GetRequiredService<MatchingModels>()).ToArray();
        Assert.Contains(silos, m => m.TryGet(versions[0], out _) && m.TryGet(versions[1], out _));
        Assert.Equal(versions[0], silos[0].Current.Version);
        Assert.Equal(versions[1], silos[1].Current.Version);
    }

    [Fact]
    public async Task ScoreCandidateAsync_PeerVersionNotRegistered_FailsWithTheRollOutMessage()
    {
        string[] versions = ["unregistered-a", "unregistered-b"];
        await using var cluster = await TrainingTestCluster.StartAsync(2);
        var (jobs, people) = await ServeDisjointVersionsAsync(cluster, versions, register: false);

        var errors = new List<string>();
        foreach (var job in jobs)
        {
            foreach (var person in people)
            {
                try
                {
                    await cluster.GrainFactory.GetGrain<IJobGrain>(job.Id).ScoreCandidateAsync(person.Id);
                }
                catch (InvalidOperationException ex)
                {
                    errors.Add(ex.Message);
                }
            }
        }

        // Versions outside the registry cannot be loaded: the pairs across silos fail with a message that says why.
        Assert.NotEmpty(errors);
        Assert.All(errors, e => Assert.Contains("does not hold and cannot load", e, StringComparison.Ordinal));
    }

    /// <summary>
    /// Makes each version current on one silo only (neither holds the other's: disjoint roll-out states), registering them
    /// when <paramref name="register"/>, then stores six jobs and six candidates spread over both silos.
    /// </summary>
    private static async Task<(SampleJob[] Jobs, IReadOnlyList<SampleCandidate> People)> ServeDisjointVersionsAsync(
        TestCluster cluster, string[] versions, bool register)
    {
        var corpus = SampleCorpus.Texts();
        for (int i = 0; i < versions.Length; i++)
        {
            var artifact = TestArtifacts.Baseline([.. corpus.Skip(i * 10).Take(40)]);
            if (register) await TestArtifacts.RegisterAsync(cluster, Baseline, versions[i], artifact);
            var model = (BaselineModel)ModelKindRegistry.Get(Baseline).Load(versions[i], artifact);
            cluster.Silos[i].Host.Services.GetRequiredService<MatchingModels>().Publish(model);
        }
        var jobs = SampleCorpus.Jobs().Take(6).ToArray();
        var people = SampleCorpus.Candidates(6, seed: 41);
        foreach (var job in jobs) await cluster.GrainFactory.GetGrain<IJobGrain>(job.Id).UpsertAsync(job.Posting);
        foreach (var person in people) await cluster.GrainFactory.GetGrain<ICandidateGrain>(person.Id).UpsertResumeAsync(person.Resume);
        // Placement may put all twelve on one silo; the tests need at least one pair across the two.
        if (await cluster.HostOfAsync("job", jobs[0].Id) != cluster.Silos[0]) await cluster.MigrateAsync("job", jobs[0].Id, cluster.Silos[0]);
        if (await cluster.HostOfAsync("candidate", people[0].Id) != cluster.Silos[1]) await cluster.MigrateAsync("candidate", people[0].Id, cluster.Silos[1]);
        return (jobs, people);
    }
}
