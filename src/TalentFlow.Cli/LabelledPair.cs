using System.Globalization;
using System.Text.Json;
using CsvHelper;
using CsvHelper.Configuration;

namespace TalentFlow.Cli;

/// <summary>A resume, a job description and a human score in [0, 1].</summary>
internal sealed record LabelledPair(string Resume, string JobDescription, double Score)
{
    /// <summary>Reads JSON <c>[{resume, job_description, score}]</c> (seed format) or CSV with those columns.</summary>
    public static IReadOnlyList<LabelledPair> Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new CliException($"file not found: {path}");
        }

        var text = File.ReadAllText(path);
        var pairs = text.TrimStart().StartsWith('[') ? FromJson(text, path) : FromCsv(text, path);
        return pairs.Count == 0 ? throw new CliException($"no labelled pairs in {path}") : pairs;
    }

    private static List<LabelledPair> FromJson(string text, string path)
    {
        try
        {
            using var doc = JsonDocument.Parse(text);
            return doc.RootElement.EnumerateArray().Select((e, i) => new LabelledPair(
                Get(e, "resume", path, i).GetString() ?? string.Empty,
                Get(e, "job_description", path, i).GetString() ?? string.Empty,
                Get(e, "score", path, i).GetDouble())).ToList();
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            throw new CliException($"{path}: not a JSON array of {{resume, job_description, score}}: {e.Message}");
        }
    }

    private static JsonElement Get(JsonElement e, string name, string path, int index) =>
        e.TryGetProperty(name, out var v) ? v : throw new CliException($"{path}: item {index} has no '{name}'");

    private static List<LabelledPair> FromCsv(string text, string path)
    {
        using var reader = new StringReader(text);
        using var csv = new CsvReader(reader, new CsvConfiguration(CultureInfo.InvariantCulture) { BadDataFound = null });
        if (!csv.Read() || !csv.ReadHeader() || csv.HeaderRecord is null)
        {
            throw new CliException($"{path}: empty CSV");
        }

        foreach (var column in new[] { "resume", "job_description", "score" })
        {
            if (!csv.HeaderRecord.Contains(column))
            {
                throw new CliException($"{path}: CSV has no '{column}' column");
            }
        }

        var pairs = new List<LabelledPair>();
        while (csv.Read())
        {
            var raw = csv.GetField("score") ?? string.Empty;
            if (!double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var score))
            {
                throw new CliException($"{path}: row {csv.Parser.Row}: score '{raw}' is not a number");
            }

            pairs.Add(new LabelledPair(csv.GetField("resume") ?? string.Empty, csv.GetField("job_description") ?? string.Empty, score));
        }

        return pairs;
    }
}
