using TalentFlow.Contracts.Training;
using TalentFlow.Grains.Training;

namespace TalentFlow.Grains.Tests;

/// <summary>The coordinator's job bookkeeping without a cluster: log lines, endings, trainer keys, a new job.</summary>
public sealed class TrainingJobLogTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    private static TrainingJobInfo CreateSut() => TrainingJobBook.Queue("baseline_tfidf", TriggerKinds.Manual, At);

    [Fact]
    public void Queue_NewJob_IsQueuedWithOneLogLineAndAnIdOfItsTime()
    {
        var job = CreateSut();

        Assert.StartsWith("train-20261201090000-", job.Id, StringComparison.Ordinal);
        Assert.Equal(("queued", 1, TriggerKinds.Manual, At), (job.Status, job.Attempt, job.Trigger, job.CreatedAt));
        var line = Assert.Single(job.Log!);
        Assert.Equal("Queued (manual); waiting for a trainer silo.", line.Message);
    }

    [Fact]
    public void Append_PastMaxLogLines_KeepsTheLastLinesInOrder()
    {
        var job = CreateSut();
        for (int i = 0; i < TrainingJobInfo.MaxLogLines + 7; i++) job = TrainingJobLog.Append(job, "line " + i, At.AddSeconds(i));

        Assert.Equal(TrainingJobInfo.MaxLogLines, job.Log!.Count);
        Assert.Equal("line 7", job.Log[0].Message);
        Assert.Equal("line " + (TrainingJobInfo.MaxLogLines + 6), job.Log[^1].Message);
    }

    [Fact]
    public void Progress_OutOfRange_IsClampedAndLoggedAtTheNewProgress()
    {
        var job = TrainingJobLog.Progress(CreateSut(), 1.7, "Fitting.", At);

        Assert.Equal((1.0, "Fitting."), (job.Progress, job.Message));
        Assert.Equal(1.0, job.Log![^1].Progress);
    }

    [Fact]
    public void Cancel_QueuedJob_EndsItAsCancelled()
    {
        var job = TrainingJobLog.Cancel(CreateSut(), At.AddMinutes(1));

        Assert.True(job.IsFinished);
        Assert.Equal(("cancelled", At.AddMinutes(1)), (job.Status, job.FinishedAt));
        Assert.Equal("been cancelled", TrainingJobLog.EndedAs(job.Status));
    }

    [Theory]
    [InlineData(true, true, " Promoted to Production.")]
    [InlineData(false, true, " Kept in Staging: the interval of the gain over production does not exclude 0.")]
    [InlineData(false, false, " Kept in Staging: it does not beat production.")]
    public void Finish_SucceededOutcome_SaysWhetherItWasPromoted(bool beats, bool requireSignificantGain, string suffix)
    {
        var outcome = new TrainingOutcome("job", true, "Trained.", new Dictionary<string, double> { ["roc_auc"] = 0.8 }, "v2", beats, "silo-a");

        var job = TrainingJobLog.Finish(CreateSut(), outcome, requireSignificantGain, At);

        Assert.Equal(("succeeded", 1.0, "Trained." + suffix, "v2", "silo-a"), (job.Status, job.Progress, job.Message, job.Version, job.Silo));
        Assert.Equal(0.8, job.Metrics["roc_auc"]);
    }

    [Fact]
    public void Finish_FailedOutcome_KeepsTheTrainersMessage()
    {
        var outcome = new TrainingOutcome("job", false, "Not enough labelled data.", new Dictionary<string, double>(), null, false, null);

        var job = TrainingJobLog.Finish(CreateSut(), outcome, requireSignificantGain: true, At);

        Assert.Equal(("failed", "Not enough labelled data."), (job.Status, job.Message));
        Assert.Equal("failed", TrainingJobLog.EndedAs(job.Status));
    }

    [Theory]
    [InlineData("train-1", 1, "train-1")]
    [InlineData("train-1", 2, "train-1~2")]
    [InlineData("a~b", 3, "a~b~3")]
    public void TrainerKey_RoundTrip_NamesTheJobAndAttempt(string jobId, int attempt, string key)
    {
        Assert.Equal(key, TrainerDispatch.Key(jobId, attempt));
        Assert.Equal((jobId, attempt), TrainerDispatch.ParseKey(key));
    }
}
