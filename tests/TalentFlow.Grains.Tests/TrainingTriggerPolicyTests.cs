using TalentFlow.Contracts.Training;
using TalentFlow.Grains.Matching;
using TalentFlow.Grains.Training;

namespace TalentFlow.Grains.Tests;

/// <summary>When training starts by itself (threshold, schedule), and how the coordinator counts verdicts, without a cluster.</summary>
public sealed class TrainingTriggerPolicyTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 3, 0, 30, TimeSpan.Zero);

    private static TrainingTriggerPolicy CreateSut(string? schedule = null, bool autoTrigger = true) =>
        new(new TrainingOptions { Threshold = 10, Schedule = schedule, AutoTrigger = autoTrigger, ScheduleCheckPeriod = TimeSpan.FromMinutes(1) });

    [Fact]
    public void Status_BelowThreshold_IsNotReadyAndSaysHowManyAreNeeded()
    {
        var status = CreateSut().Status("baseline_tfidf", new VerdictCounts(7, 3, 2));

        Assert.Equal((7, 3, 4, 2, 10, false, 3),
            (status.TotalSamples, status.PositiveSamples, status.NegativeSamples, status.NeedsRetraining, status.Threshold, status.ReadyForTraining, status.SamplesNeeded));
    }

    [Fact]
    public void Status_AtThreshold_IsReady()
    {
        var status = CreateSut().Status("baseline_tfidf", new VerdictCounts(10, 5, 0));

        Assert.True(status.ReadyForTraining);
        Assert.Equal(0, status.SamplesNeeded);
    }

    [Fact]
    public void AutoThreshold_WithoutAutoTrigger_IsNull()
    {
        Assert.Equal(10, CreateSut().AutoThreshold);
        Assert.Null(CreateSut(autoTrigger: false).AutoThreshold);
    }

    [Fact]
    public void DueKinds_SomeKindsShortOrBusy_AreTheOthersInOrdinalOrder()
    {
        var newVerdicts = new Dictionary<string, int>
        {
            [MatchingModels.BaselineModelName] = 12, [MatchingModels.EncoderModelName] = 12, [ScreeningModels.ModelName] = 4,
        };

        var due = TrainingTriggerPolicy.DueKinds(10, m => newVerdicts[m], m => m == MatchingModels.EncoderModelName).ToList();

        Assert.Equal([MatchingModels.BaselineModelName], due);
    }

    [Fact]
    public void ScheduleDue_OccurrenceSinceLastCheck_IsDue()
    {
        var sut = CreateSut("0 0 3 * * ?");

        Assert.True(sut.ScheduleDue(Now.AddMinutes(-1), Now));
        Assert.True(sut.ScheduleDue(lastCheck: null, Now));
    }

    [Fact]
    public void ScheduleDue_NoOccurrenceSinceLastCheck_IsNotDue()
    {
        var sut = CreateSut("0 0 3 * * ?");

        Assert.False(sut.ScheduleDue(Now.AddSeconds(-10), Now));
        Assert.False(sut.ScheduleDue(Now.AddHours(-1), Now.AddHours(-1).AddMinutes(1)));
    }

    [Fact]
    public void ScheduleDue_NoSchedule_IsNeverDue()
    {
        var sut = CreateSut();

        Assert.False(sut.HasSchedule);
        Assert.False(sut.ScheduleDue(Now.AddDays(-1), Now));
    }

    [Fact]
    public void CountByJob_LegacyVerdicts_AreCountedPerJobAndMalformedIdsSkipped()
    {
        var legacy = new Dictionary<string, CountedFeedback>
        {
            ["job-1|c1"] = new() { Positive = true },
            ["job-1|c2"] = new() { Positive = false, NeedsRetraining = true },
            ["job-2|c1"] = new() { Positive = true, NeedsRetraining = true },
            ["no-bar"] = new() { Positive = true },
            ["|c3"] = new() { Positive = true },
        };

        var counted = VerdictTally.CountByJob(legacy);

        Assert.Equal(2, counted.Count);
        Assert.Equal(new VerdictCounts(2, 1, 1), counted["job-1"]);
        Assert.Equal(new VerdictCounts(1, 1, 1), counted["job-2"]);
    }
}
