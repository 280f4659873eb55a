using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;

namespace TalentFlow.Cli;

/// <summary>Reads a whole CSV into dictionaries by header; UTF-8, or Latin-1 when the bytes are not valid UTF-8.</summary>
internal static class CsvTable
{
    public static List<Dictionary<string, string>> Read(string path, params string[] requiredColumns)
    {
        if (!File.Exists(path))
        {
            throw new CliException($"file not found: {path}");
        }

        var bytes = File.ReadAllBytes(path);
        string text;
        try
        {
            text = new UTF8Encoding(false, true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            text = Encoding.Latin1.GetString(bytes);
        }

        using var csv = new CsvReader(new StringReader(text.TrimStart('\uFEFF')), new CsvConfiguration(CultureInfo.InvariantCulture) { BadDataFound = null });
        if (!csv.Read() || !csv.ReadHeader() || csv.HeaderRecord is not { } header)
        {
            throw new CliException($"{path}: empty CSV");
        }

        foreach (var column in requiredColumns)
        {
            if (!header.Contains(column))
            {
                throw new CliException($"{path}: CSV has no '{column}' column");
            }
        }

        var rows = new List<Dictionary<string, string>>();
        while (csv.Read())
        {
            var row = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var h in header)
            {
                row[h] = csv.GetField(h) ?? string.Empty;
            }

            rows.Add(row);
        }

        return rows;
    }
}
