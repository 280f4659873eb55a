using TalentFlow.Contracts.Training;
using TalentFlow.Grains.Matching;
using TalentFlow.Grains.Training;
using TalentFlow.Grains.Training.Registry;

namespace TalentFlow.Grains.Tests;

/// <summary>Cancelling a training job: it ends as cancelled, its trainer stops, nothing is registered.</summary>
public sealed class TrainingCancellationTests
{
    [Fact]
    public async Task CancelAsync_RunningJob_EndsCancelledAndItsTrainerRegistersNothing()
    {
        await using var cluster = await TrainingTestCluster.StartAsync(2);
        await TrainingTestCluster.LabelAsync(cluster, 40);
        var coordinator = TrainingTestCluster.Coordinator(cluster);

        var started = await coordinator.TriggerAsync(MatchingModels.BaselineModelName, force: true);
        var cancelled = await coordinator.CancelAsync(started.JobId!);
        // The trainer's next checkpoint (or its report) learns of the cancellation; give it the time a whole job takes.
        await Task.Delay(TimeSpan.FromSeconds(3));
        var job = await coordinator.GetJobAsync(started.JobId!);
        var artifact = await cluster.GrainFactory.GetGrain<IModelArtifactGrain>(
            ModelArtifactGrain.Key(MatchingModels.BaselineModelName, "baseline-" + started.JobId)).GetAsync();

        Assert.Equal("cancelled", cancelled.Status);
        Assert.Equal("cancelled", job!.Status);
        Assert.NotNull(job.FinishedAt);
        Assert.DoesNotContain(await ModelRegistries.GetVersionsAsync(cluster.GrainFactory), v => v.Model == MatchingModels.BaselineModelName);
        Assert.Null(artifact);
        Assert.StartsWith("Cancelled", job.Log![^1].Message, StringComparison.Ordinal);
        Assert.Null(await ModelRegistries.Of(cluster.GrainFactory, MatchingModels.BaselineModelName).GetProductionAsync());
    }

    [Fact]
    public async Task CancelAsync_FinishedJob_ThrowsTrainingJobEndedAndLeavesItAsItWas()
    {
        await using var cluster = await TrainingTestCluster.StartAsync(1);
        await TrainingTestCluster.LabelAsync(cluster, 12);
        var coordinator = TrainingTestCluster.Coordinator(cluster);
        var finished = await TrainingTestCluster.TrainAsync(coordinator, MatchingModels.BaselineModelName);

        var error = await Assert.ThrowsAsync<TrainingJobEndedException>(() => coordinator.CancelAsync(finished.Id));

        Assert.IsAssignableFrom<InvalidOperationException>(error);
        Assert.Contains("already succeeded", error.Message, StringComparison.Ordinal);
        Assert.Equal("succeeded", (await coordinator.GetJobAsync(finished.Id))!.Status);
    }

    [Fact]
    public async Task CancelAsync_UnknownJob_ThrowsKeyNotFound()
    {
        await using var cluster = await TrainingTestCluster.StartAsync(1);
        var coordinator = TrainingTestCluster.Coordinator(cluster);

        await Assert.ThrowsAsync<KeyNotFoundException>(() => coordinator.CancelAsync("train-nope"));
    }

    [Fact]
    public async Task ReportProgressAsync_CancelledJob_AnswersStopAndRecordsNothing()
    {
        await using var cluster = await TrainingTestCluster.StartAsync(1);
        // Enough verdicts that the job is still running when the cancellation arrives (on 4 the trainer on Orleans could finish
        // between the two calls).
        await TrainingTestCluster.LabelAsync(cluster, 40);
        var coordinator = TrainingTestCluster.Coordinator(cluster);
        // The premise is a cancelled job: a trainer that finished before the cancellation arrived gives another try.
        TriggerResult started = null!;
        for (int attempt = 0; attempt < 5; attempt++)
        {
            started = await coordinator.TriggerAsync(MatchingModels.BaselineModelName, force: true);
            try
            {
                await coordinator.CancelAsync(started.JobId!);
                break;
            }
            catch (TrainingJobEndedException) when (attempt < 4)
            {
            }
        }
        var before = await coordinator.GetJobAsync(started.JobId!);

        bool goOn = await coordinator.ReportProgressAsync(started.JobId!, 0.5, "Fitting.");
        bool staleAttempt = await coordinator.ReportProgressAsync(started.JobId + "~2", 0.5, "Fitting.");

        Assert.False(goOn);
        Assert.False(staleAttempt);
        Assert.Equal(before!.Log!.Count, (await coordinator.GetJobAsync(started.JobId!))!.Log!.Count);
    }
}
