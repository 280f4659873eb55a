using Microsoft.Extensions.Logging;

namespace TalentFlow.Cli.Hosting;

/// <summary>
/// The CLI's log messages. Event ids: 1000–1099 hosting and errors, 1100–1199 data loading, 1200–1299 training and
/// evaluation steps.
/// </summary>
internal static partial class CliLog
{
    [LoggerMessage(1000, LogLevel.Debug, "Running '{CommandLine}' with log level {Level}")]
    public static partial void Starting(ILogger logger, string commandLine, string level);

    [LoggerMessage(1001, LogLevel.Debug, "The command failed")]
    public static partial void Failed(ILogger logger, Exception exception);

    [LoggerMessage(1002, LogLevel.Error, "Unexpected failure")]
    public static partial void Unexpected(ILogger logger, Exception exception);

    [LoggerMessage(1003, LogLevel.Warning, "Cancelled")]
    public static partial void Cancelled(ILogger logger);

    [LoggerMessage(1100, LogLevel.Information, "Read {Rows} rows from {Path}")]
    public static partial void RowsRead(ILogger logger, int rows, string path);

    [LoggerMessage(1101, LogLevel.Information, "{Path}: {Distinct} distinct (text, label) rows of {Rows}; duplicates folded")]
    public static partial void DuplicatesFolded(ILogger logger, string path, int distinct, int rows);

    [LoggerMessage(1102, LogLevel.Warning, "{Count} test rows have a category never seen in training ({Categories}); they count as misses")]
    public static partial void UnseenCategories(ILogger logger, int count, string categories);

    [LoggerMessage(1103, LogLevel.Information, "Read {Format} document: {Characters} characters")]
    public static partial void DocumentRead(ILogger logger, string format, int characters);

    [LoggerMessage(1200, LogLevel.Information, "{Step} took {Milliseconds:0} ms")]
    public static partial void StepDone(ILogger logger, string step, double milliseconds);

    [LoggerMessage(1201, LogLevel.Debug, "TF-IDF vocabulary: {Terms} terms")]
    public static partial void Vocabulary(ILogger logger, int terms);

    [LoggerMessage(1202, LogLevel.Debug, "Model {Model}: {Settings}")]
    public static partial void ModelSettings(ILogger logger, string model, string settings);

    [LoggerMessage(1203, LogLevel.Debug, "Cross-validation: {Candidate} mean accuracy {Accuracy:0.000}")]
    public static partial void CrossValidation(ILogger logger, string candidate, double accuracy);

    [LoggerMessage(1204, LogLevel.Warning, "Career data: {Warning}")]
    public static partial void CareerDataWarning(ILogger logger, string warning);
}
