using System.Collections.Frozen;
using System.Globalization;
using System.Text;

namespace TalentFlow.ML.Onnx.Tokenization;

/// <summary>
/// BERT's accent stripping — NFD, then drop non-spacing marks — without <see cref="string.Normalize()"/>, which leaves
/// text unchanged under <c>InvariantGlobalization</c>. Precomposed characters come from a table generated from Python's
/// <c>unicodedata</c> (eng/onnx/make_accent_table.py); Hangul syllables decompose by the Unicode algorithm.
/// </summary>
internal static class AccentFolding
{
    private const int HangulBase = 0xAC00, HangulCount = 11172, JamoL = 0x1100, JamoV = 0x1161, JamoT = 0x11A7;
    private const int VCount = 21, TCount = 28, NCount = VCount * TCount;

    private static readonly FrozenDictionary<int, string> Table = Load();

    /// <summary>Appends <paramref name="rune"/> with its accents removed (possibly nothing, for a lone mark).</summary>
    public static void Append(Rune rune, StringBuilder destination)
    {
        if (rune.Value < 0xC0)
        {
            destination.Append((char)rune.Value);
        }
        else if (Table.TryGetValue(rune.Value, out var folded))
        {
            destination.Append(folded);
        }
        else if (rune.Value - HangulBase is >= 0 and < HangulCount)
        {
            var s = rune.Value - HangulBase;
            destination.Append((char)(JamoL + (s / NCount))).Append((char)(JamoV + (s % NCount / TCount)));
            if (s % TCount != 0)
            {
                destination.Append((char)(JamoT + (s % TCount)));
            }
        }
        else if (Rune.GetUnicodeCategory(rune) != UnicodeCategory.NonSpacingMark)
        {
            AppendRune(rune, destination);
        }
    }

    internal static void AppendRune(Rune rune, StringBuilder destination)
    {
        if (rune.IsBmp)
        {
            destination.Append((char)rune.Value);
        }
        else
        {
            Span<char> pair = stackalloc char[2];
            destination.Append(pair[..rune.EncodeToUtf16(pair)]);
        }
    }

    private static FrozenDictionary<int, string> Load()
    {
        using var stream = typeof(AccentFolding).Assembly.GetManifestResourceStream("TalentFlow.ML.Onnx.AccentFolding.tsv")
            ?? throw new InvalidOperationException("The embedded accent-folding table is missing from TalentFlow.ML.Onnx.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var map = new Dictionary<int, string>(2100);
        var sb = new StringBuilder();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var tab = line.IndexOf('\t');
            sb.Clear();
            foreach (var hex in line[(tab + 1)..].Split(' '))
            {
                AppendRune(new Rune(int.Parse(hex, NumberStyles.HexNumber, CultureInfo.InvariantCulture)), sb);
            }

            map[int.Parse(line.AsSpan(0, tab), NumberStyles.HexNumber, CultureInfo.InvariantCulture)] = sb.ToString();
        }

        return map.ToFrozenDictionary();
    }
}
