using Microsoft.Extensions.DependencyInjection;
using TalentFlow.Contracts.Training;
using TalentFlow.Grains;
using TalentFlow.Grains.Candidates;
using TalentFlow.Grains.Jobs;
using TalentFlow.Grains.Matching;
using TalentFlow.Grains.Samples;
using TalentFlow.Grains.Training;
using TalentFlow.Grains.Training.Registry;
using TalentFlow.TestKit;

namespace TalentFlow.Grains.Tests;

/// <summary>
/// Issue 6's proof, on real PostgreSQL (membership, grain state, reminders): three silos, one of them a trainer; 150 resumes
/// screened, 120 verdicts; training starts by itself at 100, registers, promotes and reaches every silo; the trainer is killed
/// mid-training and the job moves to a new trainer with no verdict lost; models swap while scoring runs without a failure.
/// </summary>
public sealed class LearningLoopEndToEndTests(Xunit.Abstractions.ITestOutputHelper output) : IAsyncLifetime
{
    private readonly PostgresServer _postgres = new();

    public Task InitializeAsync() => _postgres.InitializeAsync();

    public Task DisposeAsync() => _postgres.DisposeAsync();

    [Fact]
    public async Task LearningLoop_ThreeSilosOnPostgres_TrainsAtTheThresholdSurvivesTheTrainerAndSwapsWithoutFailedScores()
    {
        string connection = await _postgres.CreateDatabaseAsync("loop");
        var options = GrainsClusterFixture.CreateOptions(2);
        options.ConnectionString = connection;
        options.ConfigureSiloBuilder = silo =>
        {
            silo.AddTalentFlowGrains(GrainsClusterFixture.FastEncoder);
            silo.Services.Configure<TrainingOptions>(o =>
            {
                (o.AutoTrigger, o.Threshold) = (true, 100);
                o.TrainerCheckInterval = TimeSpan.FromMilliseconds(200);
            });
        };
        await using var cluster = await TestCluster.StartAsync(options);
        var trainer = await cluster.StartSiloAsync(o => o.Roles = [SiloCapabilities.TrainerRole]);
        await cluster.WaitForLivenessToStabilizeAsync();
        var grains = cluster.Silos[0].GrainFactory;
        var coordinator = grains.GetGrain<ITrainingCoordinatorGrain>(ITrainingCoordinatorGrain.SingletonKey);

        // 150 resumes, each screened against its own role's job (even) or another role's (odd); 120 verdicts.
        var jobs = SampleCorpus.Jobs();
        foreach (var job in jobs) await grains.GetGrain<IJobGrain>(job.Id).UpsertAsync(job.Posting);
        var people = SampleCorpus.Candidates(150, seed: 23);
        for (int i = 0; i < people.Count; i++)
        {
            await grains.GetGrain<ICandidateGrain>(people[i].Id).UpsertResumeAsync(people[i].Resume);
            bool sameRole = i % 2 == 0;
            var job = grains.GetGrain<IJobGrain>(jobs[sameRole ? i % jobs.Count : (i + 3) % jobs.Count].Id);
            var review = grains.GetGrain<IJobReviewGrain>(jobs[sameRole ? i % jobs.Count : (i + 3) % jobs.Count].Id);
            await job.ScreenAsync(people[i].Id);
            if (i < 120) await review.SubmitFeedbackAsync(people[i].Id, new ReviewerFeedback(sameRole ? "shortlist" : "reject"));
        }

        // The 100th verdict started every trainable kind by itself.
        var auto = await TrainingTestCluster.WaitForJobsAsync(coordinator, j => j.Count(x => x.Trigger == TriggerKinds.Threshold) >= 2 && j.All(x => x.IsFinished));
        var baseline = auto.Single(j => j.Model == MatchingModels.BaselineModelName);
        output.WriteLine(baseline.Message);
        Assert.True(baseline.Status == "succeeded", baseline.Message);
        Assert.Equal(trainer.Address, baseline.Silo);
        var registered = (await ModelRegistries.GetVersionsAsync(grains)).Single(v => v.Version == baseline.Version);
        Assert.Contains(registered.Stage, new[] { "Production", "Staging" });
        if (registered.Stage == "Staging") await ModelRegistries.Of(grains, MatchingModels.BaselineModelName).PromoteAsync(baseline.Version!, TrainingTestCluster.Unnamed);
        Assert.All(cluster.Silos, s => Assert.Equal(baseline.Version, s.Host.Services.GetRequiredService<MatchingModels>().Current.Version));
        var scored = await grains.GetGrain<IJobGrain>(jobs[0].Id).ScoreCandidateAsync(people[0].Id);
        Assert.Equal(baseline.Version, scored.ModelVersions[MatchingModels.BaselineModelName]);

        // Kill the only trainer while it trains; a new trainer joins and the watchdog moves the job there.
        var again = await coordinator.TriggerAsync(MatchingModels.BaselineModelName, force: true);
        Assert.True(again.Success, again.Message);
        await cluster.KillSiloAsync(trainer);
        var replacement = await cluster.StartSiloAsync(o => o.Roles = [SiloCapabilities.TrainerRole]);
        var moved = (await TrainingTestCluster.WaitForJobsAsync(coordinator, j => j.Single(x => x.Id == again.JobId).IsFinished)).Single(x => x.Id == again.JobId);
        output.WriteLine($"attempt {moved.Attempt} on {moved.Silo}: {moved.Message}");
        Assert.True(moved.Status == "succeeded", moved.Message);
        Assert.True(moved.Attempt == 1 || moved.Silo == replacement.Address, $"attempt {moved.Attempt} ran on {moved.Silo}");
        var status = await coordinator.GetStatusAsync(MatchingModels.BaselineModelName);
        Assert.Equal(120, status.TotalSamples);

        // Swap between the two versions while scoring runs on every job: not one failed call.
        int scores = 0;
        var failures = new List<Exception>();
        using var stop = new CancellationTokenSource();
        var load = Task.Run(async () =>
        {
            for (int n = 0; !stop.IsCancellationRequested; n++)
            {
                try
                {
                    await grains.GetGrain<IJobGrain>(jobs[n % jobs.Count].Id).ScoreCandidateAsync(people[n % people.Count].Id);
                    Interlocked.Increment(ref scores);
                }
                catch (Exception ex)
                {
                    lock (failures) failures.Add(ex);
                }
            }
        });
        for (int swap = 0; swap < 6; swap++)
        {
            await ModelRegistries.Of(grains, MatchingModels.BaselineModelName).PromoteAsync(swap % 2 == 0 ? moved.Version! : baseline.Version!, TrainingTestCluster.Unnamed);
            await Task.Delay(100);
        }
        await stop.CancelAsync();
        await load;

        output.WriteLine($"{scores} scores during 6 swaps");
        Assert.Empty(failures);
        Assert.True(scores > 0);
        Assert.All(cluster.Silos, s => Assert.Equal(baseline.Version, s.Host.Services.GetRequiredService<MatchingModels>().Current.Version));
    }
}
