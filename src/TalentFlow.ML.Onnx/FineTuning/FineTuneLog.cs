using Microsoft.Extensions.Logging;

namespace TalentFlow.ML.Onnx.FineTuning;

/// <summary>Log events of the fine-tuner (4050–4069 of this library's 4000–4099).</summary>
internal static partial class FineTuneLog
{
    [LoggerMessage(4050, LogLevel.Information, "Frozen layers 0–{LastFrozen} ran once over {Texts} texts ({Tokens} tokens) in {Seconds:F1} s")]
    public static partial void FrozenPass(ILogger logger, int lastFrozen, int texts, long tokens, double seconds);

    [LoggerMessage(4051, LogLevel.Information, "Epoch {Epoch}/{Epochs}: mean loss {Loss:F4}, {PairsPerSecond:F1} pairs/s")]
    public static partial void Epoch(ILogger logger, int epoch, int epochs, double loss, double pairsPerSecond);

    [LoggerMessage(4052, LogLevel.Information, "Validation {When}: Spearman {Spearman:F4}, ROC-AUC {Auc:F4}")]
    public static partial void Validation(ILogger logger, string when, double spearman, double auc);

    [LoggerMessage(4053, LogLevel.Warning, "The C# fine-tuner trains on the CPU; device {Requested} is not available to it")]
    public static partial void DeviceFallback(ILogger logger, string requested);

    [LoggerMessage(4054, LogLevel.Information, "Tuned model written to {Directory}, version {VersionId}")]
    public static partial void Written(ILogger logger, string directory, string versionId);
}
