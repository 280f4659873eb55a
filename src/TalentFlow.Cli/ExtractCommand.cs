using System.CommandLine;
using TalentFlow.ML.Documents;

namespace TalentFlow.Cli;

/// <summary><c>extract FILE [--json]</c>: reads a PDF, DOCX or TXT the way uploads are read and prints its normalized text.</summary>
internal static class ExtractCommand
{
    public static Command Create(TextWriter stdout)
    {
        var file = new Argument<string>("file") { Description = "PDF, DOCX or TXT file." };
        var json = new Option<bool>("--json") { Description = "Print one JSON object: format, characters, text." };
        var command = new Command("extract", "Print the normalized text of a document.") { file, json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            ExtractedDocument doc;
            try
            {
                doc = await new DocumentReader().ReadFileAsync(parse.GetValue(file)!, cancellationToken).ConfigureAwait(false);
            }
            catch (DocumentException e)
            {
                throw new CliException($"{e.Kind}: {e.Message}");
            }

            if (parse.GetValue(json))
            {
                JsonOutput.Write(stdout, [new("format", doc.Format.ToString().ToLowerInvariant()), new("characters", doc.Text.Length), new("text", doc.Text)], json: true);
            }
            else
            {
                await stdout.WriteLineAsync(doc.Text).ConfigureAwait(false);
            }

            return 0;
        });
        return command;
    }
}
