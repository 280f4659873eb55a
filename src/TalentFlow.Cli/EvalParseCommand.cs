using System.CommandLine;
using System.Text.Json;
using TalentFlow.Cli.Hosting;
using TalentFlow.ML.Documents;
using TalentFlow.ML.Parsing;
using TalentFlow.ML.Text;

namespace TalentFlow.Cli;

/// <summary>
/// <c>eval parse [--pdf-dir DIR] [--csv CSV] [--details] [--json]</c>: how the resume parser reads real resumes — documents read
/// as uploads are (PDF, DOCX, TXT through <see cref="DocumentReader"/>) and/or the <c>Resume</c> column of a CSV (normalized as
/// the upload route normalizes typed text). No ground truth: it reports the share with at least one position, with a plausible
/// total of years (more than 0, at most <see cref="MaxPlausibleYears"/>), and with doubtful company names (digits or brackets),
/// which a parse that swallowed date fragments has.
/// </summary>
internal static class EvalParseCommand
{
    /// <summary>More years than a working life is a parse error (overlapping or misread ranges), not a career.</summary>
    internal const double MaxPlausibleYears = 50;

    public static Command Create(CliContext context)
    {
        var pdfDir = new Option<string?>("--pdf-dir") { Description = "A folder of PDF, DOCX or TXT resumes (read as uploads are)." };
        var csv = new Option<string?>("--csv") { Description = "A CSV with a Resume column (normalized as typed text)." };
        var details = new Option<bool>("--details") { Description = "Also print each document's positions as one JSON line on stderr (for looking, not for committing)." };
        var json = new Option<bool>("--json") { Description = "Print one JSON object." };
        var command = new Command("parse", "Measure resume parsing on real resumes: positions found, total years, doubtful fields.") { pdfDir, csv, details, json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (parse.GetValue(pdfDir) is null && parse.GetValue(csv) is null) throw new CliException("give --pdf-dir DIR and/or --csv CSV");
            var parser = new ResumeParser();
            var fields = new List<KeyValuePair<string, object>>();
            if (parse.GetValue(pdfDir) is { } dir)
            {
                if (!Directory.Exists(dir)) throw new CliException($"{dir}: no such folder");
                var reader = new DocumentReader();
                var parsed = new List<(string Name, ParsedResume Resume)>();
                foreach (var file in Directory.EnumerateFiles(dir).Where(f => Path.GetExtension(f).ToLowerInvariant() is ".pdf" or ".docx" or ".txt").Order(StringComparer.Ordinal))
                {
                    try
                    {
                        var doc = await reader.ReadFileAsync(file, cancellationToken).ConfigureAwait(false);
                        parsed.Add((Path.GetFileName(file), parser.Parse(doc.Text, doc.Quality?.Score ?? 1.0)));
                    }
                    catch (DocumentException e)
                    {
                        await context.Environment.Stderr.WriteLineAsync($"{Path.GetFileName(file)}: {e.Kind}: {e.Message}").ConfigureAwait(false);
                    }
                }

                fields.AddRange(Summarize("documents", parsed, parse.GetValue(details), context.Environment.Stderr));
            }

            if (parse.GetValue(csv) is { } path)
            {
                var normalizer = new TextNormalizer();
                var rows = CsvTable.Read(path, "Resume");
                var parsed = rows.Select((r, i) => ($"row {i + 1}", parser.Parse(normalizer.Normalize(r["Resume"])))).ToList();
                fields.AddRange(Summarize("csv", parsed, parse.GetValue(details), context.Environment.Stderr));
            }

            JsonOutput.Write(context.Stdout, fields, parse.GetValue(json));
            return 0;
        });
        return command;
    }

    private static List<KeyValuePair<string, object>> Summarize(string prefix, List<(string Name, ParsedResume Resume)> parsed, bool details, TextWriter stderr)
    {
        if (details)
        {
            foreach (var (name, resume) in parsed)
            {
                stderr.WriteLine(JsonSerializer.Serialize(new
                {
                    name,
                    years = resume.TotalYearsOfExperience,
                    experience = resume.WorkExperience.Select(w => new { w.Title, w.Company, start = w.Start?.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture), end = w.End?.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture), w.Confidence, w.Doubts }),
                    confidence = resume.FieldConfidence,
                }));
            }
        }

        int n = Math.Max(1, parsed.Count);
        var items = parsed.SelectMany(p => p.Resume.WorkExperience).ToList();
        return
        [
            new($"{prefix}", parsed.Count),
            new($"{prefix}_with_experience", parsed.Count(p => p.Resume.WorkExperience.Count > 0) / (double)n),
            new($"{prefix}_plausible_years", parsed.Count(p => p.Resume.TotalYearsOfExperience is > 0 and <= MaxPlausibleYears) / (double)n),
            new($"{prefix}_mean_years", parsed.Count == 0 ? double.NaN : parsed.Average(p => p.Resume.TotalYearsOfExperience)),
            new($"{prefix}_positions", items.Count),
            new($"{prefix}_positions_with_title", items.Count(w => w.Title is not null) / (double)Math.Max(1, items.Count)),
            new($"{prefix}_positions_with_company", items.Count(w => w.Company is not null) / (double)Math.Max(1, items.Count)),
            new($"{prefix}_doubtful_company", items.Count(w => w.Company is { } c && c.Any(ch => char.IsAsciiDigit(ch) || ch is '(' or ')' or '[' or ']')) / (double)Math.Max(1, items.Count)),
            new($"{prefix}_mean_experience_confidence", parsed.Count == 0 ? double.NaN : parsed.Average(p => p.Resume.FieldConfidence.GetValueOrDefault(FieldConfidence.Experience))),
        ];
    }
}
