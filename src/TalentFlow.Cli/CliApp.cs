using System.CommandLine;
using Microsoft.Extensions.Logging;
using TalentFlow.Cli.Hosting;

namespace TalentFlow.Cli;

/// <summary>
/// Builds the command tree and runs it. Every command takes <c>--log-level</c>; results go to stdout, logs, progress and
/// errors to stderr. Failures end in one <c>error: ...</c> line on stderr and a non-zero exit code: 2 for bad arguments,
/// 1 for bad input or a failed step, 130 when cancelled.
/// </summary>
internal static class CliApp
{
    public const int BadArguments = 2;
    public const int Failed = 1;
    public const int Cancelled = 130;

    public static Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken = default) =>
        RunAsync(args, new CliEnvironment(stdout, stderr), cancellationToken);

    public static async Task<int> RunAsync(string[] args, CliEnvironment environment, CancellationToken cancellationToken = default)
    {
        var context = new CliContext(environment);
        var logLevel = LogLevelOption.Create();
        var root = BuildCommands(context);
        root.Options.Add(logLevel);

        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            await WriteErrorAsync(environment.Stderr, UsageErrors.Describe(parsed)).ConfigureAwait(false);
            return BadArguments;
        }

        var level = LogLevelOption.ToLogLevel(parsed.GetValue(logLevel)!);
        string? error = null;
        int code;
        using (context.StartLogging(level))
        {
            CliLog.Starting(context.Logger, string.Join(' ', args), level.ToString());
            try
            {
                code = await parsed.InvokeAsync(new InvocationConfiguration
                {
                    Output = environment.Stdout,
                    Error = environment.Stderr,
                    EnableDefaultExceptionHandler = false,
                }, cancellationToken).ConfigureAwait(false);
            }
            catch (CliException e)
            {
                CliLog.Failed(context.Logger, e);
                (code, error) = (e.ExitCode, e.Message);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ML.Documents.DocumentException
                or FormatException or ArgumentException or InvalidDataException or CsvHelper.CsvHelperException or System.Text.Json.JsonException)
            {
                CliLog.Failed(context.Logger, e);
                (code, error) = (Failed, e is ML.Documents.DocumentException d ? $"{d.Kind}: {d.Message}" : e.Message);
            }
            catch (OperationCanceledException e) when (cancellationToken.IsCancellationRequested || e.CancellationToken.IsCancellationRequested)
            {
                CliLog.Cancelled(context.Logger);
                (code, error) = (Cancelled, "cancelled");
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // Still one line, never a stack trace on stderr; --log-level error or lower logs the details.
                CliLog.Unexpected(context.Logger, e);
                (code, error) = (Failed, $"unexpected {e.GetType().Name}: {e.Message}");
            }
        }

        // After the logger factory is disposed (its queue flushed), so the error line is the last thing on stderr.
        if (error is not null)
        {
            await WriteErrorAsync(environment.Stderr, error).ConfigureAwait(false);
        }

        return code;
    }

    private static RootCommand BuildCommands(CliContext context)
    {
        var root = new RootCommand("TalentFlow: evaluation, training and registry operations.");
        var eval = new Command("eval", "Train on one set, test on another, print metrics.");
        eval.Subcommands.Add(EvalMatchCommand.Create(context));
        eval.Subcommands.Add(EvalVacanciesCommand.Create(context));
        eval.Subcommands.Add(EvalCareerCommand.Create(context));
        eval.Subcommands.Add(EvalRecommendCommand.Create(context));
        eval.Subcommands.Add(EvalParseCommand.Create(context));
        eval.Subcommands.Add(EvalScreeningCommand.Create(context));
        root.Subcommands.Add(eval);
        root.Subcommands.Add(ExtractCommand.Create(context));
        root.Subcommands.Add(InfoCommand.Create(context));
        root.Subcommands.Add(EmbedCommand.Create(context));
        root.Subcommands.Add(CreateSampleCommand.Create(context));
        var trainCommand = new Command("train", "Train a model.");
        trainCommand.Subcommands.Add(TrainBaselineCommand.Create(context));
        trainCommand.Subcommands.Add(TrainScorerCommand.Create(context));
        trainCommand.Subcommands.Add(TrainCareerCommand.Create(context));
        trainCommand.Subcommands.Add(TrainScreeningCommand.Create(context));
        trainCommand.Subcommands.Add(TrainSemanticCommand.Create(context));
        root.Subcommands.Add(trainCommand);
        root.Subcommands.Add(CareersCommand.Create(context));
        root.Subcommands.Add(Operations.TrainingCommand.Create(context));
        root.Subcommands.Add(Operations.ModelsCommand.Create(context));
        root.Subcommands.Add(Operations.ExportTrainingDataCommand.Create(context));
        root.Subcommands.Add(Operations.ListingCommands.Jobs(context));
        root.Subcommands.Add(Operations.ListingCommands.Candidates(context));
        return root;
    }

    private static Task WriteErrorAsync(TextWriter stderr, string message) =>
        stderr.WriteLineAsync($"error: {message.ReplaceLineEndings(" ").Trim()}");
}
