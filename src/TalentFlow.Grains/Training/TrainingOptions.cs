using System.ComponentModel.DataAnnotations;

namespace TalentFlow.Grains;

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
}
