using Microsoft.Extensions.Logging;

namespace TalentFlow.Grains.Training;

/// <summary>Log events of the training coordinator (2201–2204, 2212–2213 of the training subsystem's 2200–2299).</summary>
internal static partial class TrainingCoordinatorLog
{
    [LoggerMessage(2201, LogLevel.Information, "Training of {Model} ({Trigger}): {Message}")]
    public static partial void Started(ILogger logger, string model, string trigger, string message);

    [LoggerMessage(2202, LogLevel.Warning, "Training of {Model} ({Trigger}) could not start: {Reason}")]
    public static partial void StartFailed(ILogger logger, string model, string trigger, string reason);

    [LoggerMessage(2203, LogLevel.Warning, "Job {JobId} lost its trainer silo {Lost}; dispatched to {Next} (attempt {Attempt}).")]
    public static partial void Redispatched(ILogger logger, string jobId, string lost, string? next, int attempt);

    [LoggerMessage(2204, LogLevel.Information, "Training job {JobId} cancelled (trainer silo {Silo}).")]
    public static partial void Cancelled(ILogger logger, string jobId, string? silo);

    [LoggerMessage(2212, LogLevel.Information, "The coordinator handed the registries of {Kinds} model kinds over to their registry grains.")]
    public static partial void HandedOver(ILogger logger, int kinds);

    [LoggerMessage(2213, LogLevel.Warning, "The registry handover is not finished ({Reason}); it is tried again.")]
    public static partial void HandoverFailed(ILogger logger, string reason);
}
