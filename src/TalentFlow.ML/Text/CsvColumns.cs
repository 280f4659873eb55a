using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;

namespace TalentFlow.ML.Text;

/// <summary>
/// Reads a CSV by header name with CsvHelper (RFC 4180: quoted fields, doubled quotes, line breaks inside quotes): UTF-8,
/// or Latin-1 when the bytes are not valid UTF-8 — the job-views and resume exports mix both. Problems surface as one-line
/// <see cref="InvalidDataException"/>s naming the file, so a CLI can print them as they are.
/// </summary>
internal static class CsvColumns
{
    /// <summary>
    /// Rows of <paramref name="path"/> as values of <paramref name="columns"/> (the first <paramref name="required"/> must
    /// exist; a missing optional column, or a short row, reads as ""). <paramref name="separator"/> is the field separator
    /// (O*NET's exports use ';'); <paramref name="encoding"/>, when set, decodes the bytes instead of UTF-8-else-Latin-1.
    /// </summary>
    public static List<string[]> Read(string path, string[] columns, int required, char separator = ',', Encoding? encoding = null)
    {
        ArgumentNullException.ThrowIfNull(columns);
        return ReadColumns(path, _ => columns, required, separator, encoding).Rows;
    }

    /// <summary>
    /// Every column of <paramref name="path"/>: <paramref name="required"/> first (each must exist), then the header's others
    /// in their order; the columns and the rows as their values.
    /// </summary>
    public static (string[] Columns, List<string[]> Rows) ReadEvery(string path, string[] required)
    {
        ArgumentNullException.ThrowIfNull(required);
        return ReadColumns(path, header => [.. required.Concat(header).Distinct(StringComparer.Ordinal)], required.Length, ',', null);
    }

    private static (string[] Columns, List<string[]> Rows) ReadColumns(string path, Func<string[], string[]> columnsOf, int required, char separator, Encoding? encoding)
    {
        if (!File.Exists(path))
        {
            throw new InvalidDataException($"file not found: {path}");
        }

        using var parser = new CsvParser(new StringReader(Decode(File.ReadAllBytes(path), encoding).TrimStart('\uFEFF')), Configuration(separator));
        if (!parser.Read())
        {
            throw new InvalidDataException($"{Path.GetFileName(path)}: empty CSV");
        }

        var header = parser.Record!;
        var columns = columnsOf(header);
        var index = new int[columns.Length];
        for (var c = 0; c < columns.Length; c++)
        {
            index[c] = Array.IndexOf(header, columns[c]);
            if (index[c] < 0 && c < required)
            {
                throw new InvalidDataException($"{Path.GetFileName(path)} has no '{columns[c]}' column");
            }
        }

        var rows = new List<string[]>();
        while (parser.Read())
        {
            var record = parser.Record!;
            var values = new string[columns.Length];
            for (var c = 0; c < columns.Length; c++)
            {
                values[c] = index[c] >= 0 && index[c] < record.Length ? record[index[c]] : string.Empty;
            }

            rows.Add(values);
        }

        return (columns, rows);
    }

    /// <summary>
    /// Writes <paramref name="header"/> then <paramref name="rows"/> to <paramref name="path"/> as comma-separated UTF-8
    /// (no BOM, '\n' line ends), quoting a field only when it holds a comma, a quote or a line break — what <see cref="Read"/> reads back.
    /// </summary>
    public static void Write(string path, IEnumerable<string> header, IEnumerable<IEnumerable<string>> rows)
    {
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false));
        using var csv = new CsvWriter(writer, new CsvConfiguration(CultureInfo.InvariantCulture) { NewLine = "\n" });
        foreach (var row in rows.Prepend(header))
        {
            foreach (string field in row) csv.WriteField(field);
            csv.NextRecord();
        }
    }

    private static CsvConfiguration Configuration(char separator) => new(CultureInfo.InvariantCulture)
    {
        Delimiter = separator.ToString(),
        // Exports are hand-made: a stray quote inside a field is text, a short row is padded, never an exception.
        BadDataFound = null,
        MissingFieldFound = null,
        DetectColumnCountChanges = false,
    };

    private static string Decode(byte[] bytes, Encoding? encoding)
    {
        if (encoding is not null) return encoding.GetString(bytes);
        try
        {
            return new UTF8Encoding(false, true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return Encoding.Latin1.GetString(bytes);
        }
    }
}
