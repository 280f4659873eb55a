using System.CommandLine;
using TalentFlow.Cli.Hosting;
using TalentFlow.ML.Documents;

namespace TalentFlow.Cli;

/// <summary><c>extract FILE [--json]</c>: reads a PDF, DOCX or TXT the way uploads are read and prints its normalized text.</summary>
internal static class ExtractCommand
{
    public static Command Create(CliContext context)
    {
        var file = new Argument<string>("file") { Description = "PDF, DOCX or TXT file." };
        var json = new Option<bool>("--json") { Description = "Print one JSON object: format, characters, text." };
        var command = new Command("extract", "Print the normalized text of a document.") { file, json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            // A DocumentException reaches CliApp, which prints its kind and message as the one error line.
            var doc = await context.Progress.RunAsync($"Reading {Path.GetFileName(parse.GetValue(file))}",
                _ => new DocumentReader().ReadFileAsync(parse.GetValue(file)!, cancellationToken)).ConfigureAwait(false);
            CliLog.DocumentRead(context.Logger, doc.Format.ToString(), doc.Text.Length);
            if (parse.GetValue(json))
            {
                JsonOutput.Write(context.Stdout, [new("format", doc.Format.ToString().ToLowerInvariant()), new("characters", doc.Text.Length), new("text", doc.Text)], json: true);
            }
            else
            {
                await context.Stdout.WriteLineAsync(doc.Text).ConfigureAwait(false);
            }

            return 0;
        });
        return command;
    }
}
