using TalentFlow.Grains.Matching;

namespace TalentFlow.Grains.Tests;

/// <summary>A training job's progress and log lines, as the trainer reports them between phases.</summary>
public sealed class TrainingProgressTests
{
    [Fact]
    public async Task GetJobAsync_FinishedJob_ShowsIncreasingProgressAndALineForEveryPhase()
    {
        await using var cluster = await TrainingTestCluster.StartAsync(2);
        await TrainingTestCluster.LabelAsync(cluster, 24);
        var coordinator = TrainingTestCluster.Coordinator(cluster);

        var job = await TrainingTestCluster.TrainAsync(coordinator, MatchingModels.BaselineModelName);

        Assert.True(job.Status == "succeeded", job.Message);
        var log = job.Log!;
        Assert.Equal(1, job.Progress);
        Assert.Equal(1, log[^1].Progress);
        for (int i = 1; i < log.Count; i++)
        {
            Assert.True(log[i].Progress >= log[i - 1].Progress, $"line {i}: {log[i].Progress} after {log[i - 1].Progress}");
            Assert.True(log[i].At >= log[i - 1].At);
        }
        Assert.All(log, line => Assert.InRange(line.At, job.CreatedAt, job.FinishedAt!.Value));
        string[] phases = ["Queued", "Training on trainer silo", "Collecting", "Fitting", "Evaluating", "Storing", "Trained on"];
        Assert.Equal(phases.Length, log.Count);
        for (int i = 0; i < phases.Length; i++) Assert.StartsWith(phases[i], log[i].Message, StringComparison.Ordinal);
    }
}
