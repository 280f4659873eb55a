using System.Text;

namespace TalentFlow.Benchmarks.Tfidf;

/// <summary>
/// Reads one column of an RFC 4180 CSV (quoted fields, doubled quotes, line breaks inside quotes) as UTF-8, the way
/// Python's <c>csv.DictReader</c> reads it for the anchor script, so both sides time the same documents.
/// </summary>
internal static class CorpusCsv
{
    public static List<string> ReadColumn(string path, string column)
    {
        if (!File.Exists(path)) throw new ArgumentException($"corpus not found: {path}");
        var text = File.ReadAllText(path, new UTF8Encoding(false, false));
        var rows = Parse(text.TrimStart('\uFEFF'));
        if (rows.Count == 0) throw new ArgumentException($"{path}: empty CSV");
        int index = rows[0].IndexOf(column);
        if (index < 0) throw new ArgumentException($"{path}: CSV has no '{column}' column");
        var result = new List<string>(rows.Count - 1);
        for (int r = 1; r < rows.Count; r++) result.Add(index < rows[r].Count ? rows[r][index] : string.Empty);
        return result.Count > 0 ? result : throw new ArgumentException($"{path}: no documents");
    }

    private static List<List<string>> Parse(string text)
    {
        var rows = new List<List<string>>();
        var row = new List<string>();
        var field = new StringBuilder();
        bool quoted = false, fieldStarted = false;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (quoted)
            {
                if (c != '"') field.Append(c);
                else if (i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                else quoted = false;
                continue;
            }
            switch (c)
            {
                case '"': quoted = true; fieldStarted = true; break;
                case ',': row.Add(field.ToString()); field.Clear(); fieldStarted = true; break;
                case '\r' when i + 1 < text.Length && text[i + 1] == '\n': break;
                case '\n' or '\r':
                    if (fieldStarted || field.Length > 0 || row.Count > 0) { row.Add(field.ToString()); rows.Add(row); }
                    row = []; field.Clear(); fieldStarted = false;
                    break;
                default: field.Append(c); fieldStarted = true; break;
            }
        }
        if (fieldStarted || field.Length > 0 || row.Count > 0) { row.Add(field.ToString()); rows.Add(row); }
        return rows;
    }
}
