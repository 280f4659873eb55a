using TalentFlow.ML.Text;

namespace TalentFlow.Cli;

/// <summary>Reads a whole CSV into dictionaries by header, through the ML library's CsvHelper reader (UTF-8, else Latin-1).</summary>
internal static class CsvTable
{
    public static List<Dictionary<string, string>> Read(string path, params string[] requiredColumns)
    {
        if (!File.Exists(path))
        {
            throw new CliException($"file not found: {path}");
        }

        // The required columns first (so a missing one is named), then every other one by its first occurrence.
        var (columns, rows) = CsvColumns.ReadEvery(path, requiredColumns);
        return [.. rows.Select(row =>
        {
            var values = new Dictionary<string, string>(columns.Length, StringComparer.Ordinal);
            for (var c = 0; c < columns.Length; c++) values[columns[c]] = row[c];
            return values;
        })];
    }
}
