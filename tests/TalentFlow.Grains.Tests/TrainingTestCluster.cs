using Microsoft.Extensions.DependencyInjection;
using TalentFlow.Contracts.Training;
using TalentFlow.Contracts.Training.Registry;
using TalentFlow.Grains;
using TalentFlow.Grains.Candidates;
using TalentFlow.Grains.Jobs;
using TalentFlow.Grains.Samples;
using TalentFlow.Grains.Training;

namespace TalentFlow.Grains.Tests;

/// <summary>Clusters of trainer silos with labelled screenings, for the tests of the learning loop's gate, progress and cancellation.</summary>
internal static class TrainingTestCluster
{
    public static async Task<TestCluster> StartAsync(int silos, Action<TrainingOptions>? configure = null, string? connectionString = null)
    {
        var options = GrainsClusterFixture.CreateOptions(silos);
        options.ConnectionString = connectionString;
        options.ConfigureSilo = o => o.Roles = ["trainer"];
        options.ConfigureSiloBuilder = silo =>
        {
            silo.AddTalentFlowGrains(GrainsClusterFixture.FastEncoder);
            silo.Services.Configure<TrainingOptions>(o =>
            {
                o.AutoTrigger = false;
                configure?.Invoke(o);
            });
        };
        return await TestCluster.StartAsync(options);
    }

    /// <summary>A registry change made through the grain interface without naming who (as the coordinator's calls recorded it).</summary>
    public static readonly RegistryChange Unnamed = new(RegistryChange.UnnamedActor, null);

    public static ITrainingCoordinatorGrain Coordinator(TestCluster cluster) =>
        cluster.GrainFactory.GetGrain<ITrainingCoordinatorGrain>(ITrainingCoordinatorGrain.SingletonKey);

    /// <summary>
    /// Candidate i has role i % 8, as job i % 8: a reviewer shortlists the same role and rejects another — or, with
    /// <paramref name="shuffle"/>, each verdict is a coin flip (labels that carry nothing).
    /// </summary>
    public static async Task LabelAsync(TestCluster cluster, int candidates, Random? shuffle = null)
    {
        var factory = cluster.GrainFactory;
        var jobs = SampleCorpus.Jobs();
        foreach (var job in jobs) await factory.GetGrain<IJobGrain>(job.Id).UpsertAsync(job.Posting);
        var people = SampleCorpus.Candidates(candidates, seed: 11);
        for (int i = 0; i < people.Count; i++)
        {
            await factory.GetGrain<ICandidateGrain>(people[i].Id).UpsertResumeAsync(people[i].Resume);
            foreach (var (jobIndex, match) in new[] { (i % jobs.Count, true), ((i + 3) % jobs.Count, false) })
            {
                var job = factory.GetGrain<IJobGrain>(jobs[jobIndex].Id);
                var review = factory.GetGrain<IJobReviewGrain>(jobs[jobIndex].Id);
                await job.ScreenAsync(people[i].Id);
                bool verdict = shuffle is null ? match : shuffle.Next(2) == 0;
                await review.SubmitFeedbackAsync(people[i].Id, new ReviewerFeedback(verdict ? "shortlist" : "reject"));
            }
        }
    }

    public static async Task<TrainingJobInfo> WaitForJobAsync(ITrainingCoordinatorGrain coordinator, string id)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        while (true)
        {
            var job = await coordinator.GetJobAsync(id);
            if (job is { IsFinished: true }) return job;
            await Task.Delay(50, timeout.Token);
        }
    }

    /// <summary>Polls the job list until <paramref name="done"/>; a coordinator on a killed silo is waited out, not failed on.</summary>
    public static async Task<IReadOnlyList<TrainingJobInfo>> WaitForJobsAsync(ITrainingCoordinatorGrain coordinator, Func<IReadOnlyList<TrainingJobInfo>, bool> done)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        while (true)
        {
            try
            {
                var jobs = await coordinator.GetJobsAsync();
                if (done(jobs)) return jobs;
            }
            catch (Orleans.Runtime.SiloUnavailableException)
            {
                // The coordinator lived on a killed silo: it comes back elsewhere once membership has declared that one dead.
            }
            await Task.Delay(100, timeout.Token);
        }
    }

    public static async Task<TrainingJobInfo> TrainAsync(ITrainingCoordinatorGrain coordinator, string model)
    {
        var started = await coordinator.TriggerAsync(model, force: true);
        Assert.True(started.Success, started.Message);
        return await WaitForJobAsync(coordinator, started.JobId!);
    }
}
