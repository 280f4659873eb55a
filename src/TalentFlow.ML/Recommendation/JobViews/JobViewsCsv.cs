using System.Text;

namespace TalentFlow.ML.Recommendation.JobViews;

/// <summary>
/// Reads an RFC 4180 CSV (quoted fields, doubled quotes, line breaks inside quotes) by header name: UTF-8, or Latin-1 when
/// the bytes are not valid UTF-8 — the job-views export mixes both. Problems surface as one-line
/// <see cref="InvalidDataException"/>s naming the file, so a CLI can print them as they are.
/// </summary>
internal static class JobViewsCsv
{
    /// <summary>
    /// Rows of <paramref name="path"/> as values of <paramref name="columns"/>; a missing optional column reads as "".
    /// <paramref name="separator"/> is the field separator (O*NET's exports use ';').
    /// </summary>
    public static List<string[]> Read(string path, string[] columns, int required, char separator = ',')
    {
        if (!File.Exists(path))
        {
            throw new InvalidDataException($"file not found: {path}");
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

        var rows = Parse(text.TrimStart('\uFEFF'), separator);
        if (rows.Count == 0)
        {
            throw new InvalidDataException($"{Path.GetFileName(path)}: empty CSV");
        }

        var index = new int[columns.Length];
        for (var c = 0; c < columns.Length; c++)
        {
            index[c] = rows[0].IndexOf(columns[c]);
            if (index[c] < 0 && c < required)
            {
                throw new InvalidDataException($"{Path.GetFileName(path)} has no '{columns[c]}' column");
            }
        }

        var result = new List<string[]>(rows.Count - 1);
        for (var r = 1; r < rows.Count; r++)
        {
            var values = new string[columns.Length];
            for (var c = 0; c < columns.Length; c++)
            {
                values[c] = index[c] >= 0 && index[c] < rows[r].Count ? rows[r][index[c]] : string.Empty;
            }

            result.Add(values);
        }

        return result;
    }

    private static List<List<string>> Parse(string text, char separator)
    {
        var rows = new List<List<string>>();
        var row = new List<string>();
        var field = new StringBuilder();
        bool quoted = false, started = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c != '"')
                {
                    field.Append(c);
                }
                else if (i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else
                {
                    quoted = false;
                }

                continue;
            }

            switch (c)
            {
                case '"':
                    quoted = true;
                    started = true;
                    break;
                case var s when s == separator:
                    row.Add(field.ToString());
                    field.Clear();
                    started = true;
                    break;
                case '\r' when i + 1 < text.Length && text[i + 1] == '\n':
                    break;
                case '\n' or '\r':
                    if (started || field.Length > 0 || row.Count > 0)
                    {
                        row.Add(field.ToString());
                        rows.Add(row);
                    }

                    row = [];
                    field.Clear();
                    started = false;
                    break;
                default:
                    field.Append(c);
                    started = true;
                    break;
            }
        }

        if (started || field.Length > 0 || row.Count > 0)
        {
            row.Add(field.ToString());
            rows.Add(row);
        }

        return rows;
    }
}
