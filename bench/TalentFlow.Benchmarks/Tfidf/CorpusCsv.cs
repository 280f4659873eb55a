using System.Text;
using TalentFlow.ML.Text;

namespace TalentFlow.Benchmarks.Tfidf;

/// <summary>
/// Reads one column of a CSV (through the ML library's CsvHelper reader) as UTF-8 with invalid bytes replaced, the way
/// Python's <c>csv.DictReader</c> reads it for the anchor script, so both sides time the same documents.
/// </summary>
internal static class CorpusCsv
{
    private static readonly UTF8Encoding Utf8Replacing = new(false, false);

    public static List<string> ReadColumn(string path, string column)
    {
        if (!File.Exists(path)) throw new ArgumentException($"corpus not found: {path}");
        List<string[]> rows;
        try
        {
            rows = CsvColumns.Read(path, [column], 1, ',', Utf8Replacing);
        }
        catch (InvalidDataException ex)
        {
            throw new ArgumentException($"{path}: {ex.Message}", ex);
        }
        return rows.Count > 0 ? [.. rows.Select(r => r[0])] : throw new ArgumentException($"{path}: no documents");
    }
}
