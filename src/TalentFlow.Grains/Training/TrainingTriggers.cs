using Quartz;
using TalentFlow.Contracts.Training;
using TalentFlow.Grains.Matching;

namespace TalentFlow.Grains.Training;

/// <summary>What started a training job.</summary>
public static class TriggerKinds
{
    /// <summary>Someone asked (API, CLI, grain call).</summary>
    public const string Manual = "manual";

    /// <summary><see cref="TrainingOptions.Threshold"/> new verdicts arrived.</summary>
    public const string Threshold = "threshold";

    /// <summary>An occurrence of <see cref="TrainingOptions.Schedule"/>.</summary>
    public const string Schedule = "schedule";
}

/// <summary>
/// When training starts by itself: at <see cref="TrainingOptions.Threshold"/> new verdicts (with
/// <see cref="TrainingOptions.AutoTrigger"/>), and at each occurrence of <see cref="TrainingOptions.Schedule"/> for every kind
/// with at least one new verdict; one queued or running job per kind either way.
/// </summary>
internal sealed class TrainingTriggerPolicy(TrainingOptions options)
{
    /// <summary>The new verdicts that start a kind after a verdict is counted, or null without <see cref="TrainingOptions.AutoTrigger"/>.</summary>
    public int? AutoThreshold => options.AutoTrigger ? options.Threshold : null;

    /// <summary>Whether a schedule is configured (then a durable reminder drives it).</summary>
    public bool HasSchedule => options.Schedule is not null;

    /// <summary>The counts and readiness of <paramref name="model"/> against the threshold.</summary>
    public TrainingStatus Status(string model, VerdictCounts counts)
    {
        int threshold = options.Threshold;
        return new TrainingStatus(model, counts.Total, counts.Positive, counts.Total - counts.Positive, counts.NeedsRetraining, threshold,
            counts.Total >= threshold, Math.Max(0, threshold - counts.Total));
    }

    /// <summary>
    /// The trainable kinds, in ordinal order, with at least <paramref name="atLeast"/> verdicts since their last start and no
    /// queued or running job; evaluated lazily, so a kind started meanwhile is seen as having a job.
    /// </summary>
    public static IEnumerable<string> DueKinds(int atLeast, Func<string, int> newVerdicts, Func<string, bool> hasJob) =>
        MatchingModels.TrainableModels.Order(StringComparer.Ordinal).Where(model => newVerdicts(model) >= atLeast && !hasJob(model));

    /// <summary>
    /// Whether an occurrence of the schedule fell after <paramref name="lastCheck"/> (or, never checked, within the last
    /// <see cref="TrainingOptions.ScheduleCheckPeriod"/>) and at or before <paramref name="now"/>. False without a schedule.
    /// </summary>
    public bool ScheduleDue(DateTimeOffset? lastCheck, DateTimeOffset now)
    {
        if (options.Schedule is not { } schedule) return false;
        var next = new CronExpression(schedule, TimeZoneInfo.Utc).GetNextValidTimeAfter(lastCheck ?? now - options.ScheduleCheckPeriod);
        return next is not null && next <= now;
    }
}
