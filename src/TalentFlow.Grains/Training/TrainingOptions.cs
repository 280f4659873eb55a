using System.ComponentModel.DataAnnotations;

namespace TalentFlow.Grains.Training;

/// <summary>When training may start (configuration section <c>Training</c>).</summary>
public sealed class TrainingOptions
{
    /// <summary>Feedback samples a model kind needs before it is ready to train. Default 100, as in seed 002.</summary>
    [Range(1, 10_000_000)]
    public int Threshold { get; set; } = 100;

    /// <summary>
    /// How long a job may run before the coordinator gives it up as lost (a trainer silo that died takes its job with it):
    /// it is marked failed and a new trigger may start another. Default 30 minutes.
    /// </summary>
    public TimeSpan JobTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>
    /// Start training a model kind by itself once <see cref="Threshold"/> new verdicts arrived since its last training.
    /// Default true.
    /// </summary>
    public bool AutoTrigger { get; set; } = true;

    /// <summary>
    /// A Quartz cron expression (seconds first, UTC), e.g. <c>0 0 3 * * ?</c> for 03:00 every day: at each occurrence every
    /// model kind with at least one new verdict since its last training is trained. Unset: no schedule. Driven by a durable
    /// reminder, so it survives silo restarts.
    /// </summary>
    public string? Schedule { get; set; }

    /// <summary>How often the schedule's reminder looks for a due occurrence. Default one minute.</summary>
    public TimeSpan ScheduleCheckPeriod { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How often a running job's trainer silo is checked for life; a lost one gets the job dispatched again. Default 5 s.</summary>
    public TimeSpan TrainerCheckInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Dispatches of one job before it fails for good (the first one included). Default 3.</summary>
    [Range(1, 10)]
    public int MaxAttempts { get; set; } = 3;

    /// <summary>
    /// The coverage of the paired bootstrap interval of the held-out ROC-AUC difference (new version − production) that
    /// decides promotion. Default 0.95.
    /// </summary>
    [Range(0.5, 0.999)]
    public double PromotionConfidence { get; set; } = 0.95;

    /// <summary>
    /// Promote a new version only when the <see cref="PromotionConfidence"/> interval of its AUC gain over production excludes
    /// 0 (lies above it). False: promote on any positive observed gain. Either way a version that is not promoted stays in
    /// Staging. Default true.
    /// </summary>
    public bool RequireSignificantGain { get; set; } = true;

    /// <summary>Bootstrap resamples of the held-out split (seeded, so a decision can be reproduced). Default 2,000.</summary>
    [Range(100, 100_000)]
    public int BootstrapResamples { get; set; } = 2000;
}
