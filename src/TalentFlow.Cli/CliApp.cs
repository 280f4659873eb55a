using System.CommandLine;

namespace TalentFlow.Cli;

/// <summary>Builds the command tree and runs it; failures become one line on stderr and a non-zero exit code.</summary>
internal static class CliApp
{
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken = default)
    {
        var root = new RootCommand("TalentFlow: evaluation, training and registry operations.");
        var eval = new Command("eval", "Train on one set, test on another, print metrics.");
        eval.Subcommands.Add(EvalMatchCommand.Create(stdout));
        eval.Subcommands.Add(EvalVacanciesCommand.Create(stdout));
        eval.Subcommands.Add(EvalCareerCommand.Create(stdout));
        root.Subcommands.Add(eval);
        root.Subcommands.Add(ExtractCommand.Create(stdout));
        root.Subcommands.Add(CreateSampleCommand.Create(stdout));
        var trainCommand = new Command("train", "Train a model.");
        trainCommand.Subcommands.Add(TrainBaselineCommand.Create(stdout));
        root.Subcommands.Add(trainCommand);

        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            await stderr.WriteLineAsync($"error: {parsed.Errors[0].Message}").ConfigureAwait(false);
            return 2;
        }

        try
        {
            return await parsed.InvokeAsync(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false }, cancellationToken).ConfigureAwait(false);
        }
        catch (CliException e)
        {
            await stderr.WriteLineAsync($"error: {e.Message}").ConfigureAwait(false);
            return 1;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or TalentFlow.ML.Documents.DocumentException
            or FormatException or ArgumentException or InvalidDataException or CsvHelper.CsvHelperException or System.Text.Json.JsonException)
        {
            await stderr.WriteLineAsync($"error: {e.Message.ReplaceLineEndings(" ")}").ConfigureAwait(false);
            return 1;
        }
    }
}
