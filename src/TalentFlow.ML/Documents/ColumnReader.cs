using System.Text;

namespace TalentFlow.ML.Documents;

/// <summary>
/// Two-column PDF pages. pdftotext's plain reading usually follows columns, but when the gutter is narrow it reads across
/// them, line by line, interleaving two texts. Detection uses <c>pdftotext -layout</c>, which keeps each line's horizontal
/// position: a page is two columns when at least <see cref="ExtractionQualityOptions.MinColumnLines"/> lines, and at least
/// <see cref="ExtractionQualityOptions.MinColumnLineShare"/> of its non-empty lines, have text that starts at one common
/// position after a gap of three or more spaces (the right column's edge). The page is then re-read column by column: lines
/// are split at that edge; a line with text running across it (a full-width heading) ends a band, whose left column is
/// emitted before its right, and is kept whole; a line with a single space before the edge (columns nearly touching) is split
/// when the non-empty lines above and below it are column lines, else kept whole. The plain reading is kept unless it interleaves the columns (more than one switch between left-column and
/// right-column lines per band); the reordering is only used when it holds the same words as the plain reading (at least
/// 90% of them), otherwise the page cannot be fixed and the document is <see cref="DocumentErrorKind.ColumnsOutOfOrder"/>.
/// </summary>
internal static class ColumnReader
{
    /// <summary>The result for one page: the text to use, whether it has columns, whether it was reordered, whether it failed.</summary>
    internal readonly record struct PageReading(string Text, bool Columns, bool Reordered, bool Unfixable);

    public static PageReading Read(string plainPage, string layoutPage, ExtractionQualityOptions options)
    {
        var lines = layoutPage.Split('\n');
        if (FindGutter(lines, options) is not { } gutter)
        {
            return new PageReading(plainPage, false, false, false);
        }

        var (text, bands, order) = Reorder(lines, gutter);
        if (!Interleaved(plainPage, order, bands))
        {
            return new PageReading(plainPage, true, false, false);
        }

        return SameWords(plainPage, text) ? new PageReading(text, true, true, false) : new PageReading(plainPage, true, false, true);
    }

    /// <summary>Where the right column starts (a character position in the layout lines), or null when the page is not two columns.</summary>
    internal static int? FindGutter(string[] lines, ExtractionQualityOptions options)
    {
        var nonEmpty = lines.Count(l => !string.IsNullOrWhiteSpace(l));
        var width = lines.Length == 0 ? 0 : lines.Max(l => l.Length);
        if (nonEmpty < options.MinColumnLines || width < 8)
        {
            return null;
        }

        var counts = new int[width + 1];
        foreach (var line in lines)
        {
            var first = line.Length - line.TrimStart().Length;
            var last = line.TrimEnd().Length - 1;
            for (var p = first; p <= last; p++)
            {
                if (line[p] != ' ') continue;
                var start = p;
                while (line[p] == ' ') p++;
                if (p - start >= 3) counts[p]++;
            }
        }

        var best = 0;
        for (var g = 1; g < counts.Length; g++)
        {
            if (counts[g] >= counts[best]) best = g;
        }

        return counts[best] >= options.MinColumnLines && counts[best] >= options.MinColumnLineShare * nonEmpty ? best : null;
    }

    private static (string Text, int Bands, List<(string Line, bool Right)> Order) Reorder(string[] lines, int gutter)
    {
        var sb = new StringBuilder();
        var order = new List<(string, bool)>();
        var left = new List<string>();
        var right = new List<string>();
        var bands = 1;
        var kinds = lines.Select(l => Classify(l, gutter)).ToArray();
        for (var i = 0; i < lines.Length; i++)
        {
            if (kinds[i] == LineKind.Touching)
            {
                // One space before the right column's edge: a column line when the lines around it are, else full width.
                kinds[i] = Neighbour(kinds, i, -1) == LineKind.Split && Neighbour(kinds, i, +1) == LineKind.Split ? LineKind.Split : LineKind.Crossing;
            }
        }

        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            if (kinds[i] == LineKind.Crossing)
            {
                Flush();
                bands++;
                sb.Append(line.Trim()).Append('\n');
                continue;
            }

            var l = line[..Math.Min(gutter, line.Length)].Trim();
            var r = line.Length > gutter ? line[gutter..].Trim() : string.Empty;
            if (l.Length > 0) left.Add(l);
            if (r.Length > 0) right.Add(r);
        }

        Flush();
        return (sb.ToString(), bands, order);

        void Flush()
        {
            foreach (var l in left) { sb.Append(l).Append('\n'); order.Add((l, false)); }
            foreach (var r in right) { sb.Append(r).Append('\n'); order.Add((r, true)); }
            left.Clear();
            right.Clear();
        }
    }

    private enum LineKind { Empty, Split, Touching, Crossing }

    private static LineKind Classify(string line, int gutter)
    {
        if (line.Trim().Length == 0) return LineKind.Empty;
        if (line.Length <= gutter || line[..gutter].Trim().Length == 0 || (line[gutter - 1] == ' ' && line[gutter - 2] == ' ')) return LineKind.Split;
        return line[gutter - 1] == ' ' && line[gutter] != ' ' ? LineKind.Touching : LineKind.Crossing;
    }

    private static LineKind Neighbour(LineKind[] kinds, int i, int step)
    {
        for (i += step; i >= 0 && i < kinds.Length; i += step)
        {
            if (kinds[i] != LineKind.Empty) return kinds[i];
        }

        return LineKind.Empty;
    }

    /// <summary>Whether the plain reading switches between left and right column lines more than once per band.</summary>
    private static bool Interleaved(string plainPage, List<(string Line, bool Right)> order, int bands)
    {
        var plain = Collapse(plainPage);
        var found = new List<(int Index, bool Right)>();
        foreach (var (line, right) in order)
        {
            var i = plain.IndexOf(Collapse(line), StringComparison.Ordinal);
            if (i >= 0) found.Add((i, right));
        }

        found.Sort((a, b) => a.Index.CompareTo(b.Index));
        var switches = 0;
        for (var i = 1; i < found.Count; i++)
        {
            if (found[i].Right != found[i - 1].Right) switches++;
        }

        return switches > 2 * bands;
    }

    private static bool SameWords(string plain, string reordered)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var total = 0;
        foreach (var w in plain.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            counts[w] = counts.GetValueOrDefault(w) + 1;
            total++;
        }

        var matched = 0;
        foreach (var w in reordered.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            if (counts.GetValueOrDefault(w) > 0)
            {
                counts[w]--;
                matched++;
            }
        }

        return total == 0 || matched >= 0.9 * total;
    }

    private static string Collapse(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
