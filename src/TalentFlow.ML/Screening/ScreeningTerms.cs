using TalentFlow.ML.Requirements;

namespace TalentFlow.ML.Screening;

/// <summary>
/// Content words as stable 32-bit hashes (FNV-1a over the lower-cased, lightly stemmed word of <c>RequirementTerms</c>), so that
/// a resume side carries its words compactly and a coverage is a few binary searches.
/// </summary>
public static class ScreeningTerms
{
    /// <summary>Sorted, distinct hashes of the content words of <paramref name="text"/>.</summary>
    /// <param name="text">Any text.</param>
    /// <param name="dropFiller">Also drop posting filler ("experience", "strong", …), as for a requirement.</param>
    public static int[] Of(string text, bool dropFiller = false)
    {
        ArgumentNullException.ThrowIfNull(text);
        var set = new SortedSet<int>();
        foreach (string word in RequirementTerms.Words(text, dropFiller)) set.Add(Hash(word));
        return [.. set];
    }

    /// <summary>Share of <paramref name="wanted"/> held by <paramref name="sortedHeld"/>; 0 when nothing is wanted.</summary>
    public static double Coverage(ReadOnlySpan<int> wanted, ReadOnlySpan<int> sortedHeld)
    {
        if (wanted.IsEmpty) return 0;
        int held = 0;
        foreach (int w in wanted)
        {
            if (sortedHeld.BinarySearch(w) >= 0) held++;
        }
        return held / (double)wanted.Length;
    }

    internal static int Hash(string word)
    {
        uint h = 2166136261;
        foreach (char c in word)
        {
            h = (h ^ c) * 16777619;
        }
        return unchecked((int)h);
    }
}

/// <summary>Text prepared for the screening TF-IDF.</summary>
public static partial class ScreeningText
{
    /// <summary>
    /// Words lower-cased, English stop words dropped, each lightly stemmed (plural, <c>-ing</c>, <c>-ed</c>), joined by spaces:
    /// "Accountants and Auditors" → "accountant auditor".
    /// </summary>
    public static string Stem(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var builder = new System.Text.StringBuilder(text.Length);
        foreach (System.Text.RegularExpressions.ValueMatch match in WordRegex().EnumerateMatches(text))
        {
            string word = text.Substring(match.Index, match.Length).ToLowerInvariant();
            if (TalentFlow.ML.Tfidf.EnglishStopWords.Set.Contains(word)) continue;
            if (builder.Length > 0) builder.Append(' ');
            builder.Append(RequirementTerms.Stem(word));
        }
        return builder.ToString();
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"[\p{L}\p{N}_]{2,}", System.Text.RegularExpressions.RegexOptions.CultureInvariant, 1000)]
    private static partial System.Text.RegularExpressions.Regex WordRegex();
}

/// <summary>Degree levels read from degree names.</summary>
internal static class DegreeLevels
{
    public static int Of(string? degree)
    {
        if (string.IsNullOrWhiteSpace(degree)) return -1;
        string d = degree.ToLowerInvariant();
        if (d.Contains("phd", StringComparison.Ordinal) || d.Contains("ph.d", StringComparison.Ordinal) || d.Contains("doctor", StringComparison.Ordinal)) return 3;
        if (d.Contains("master", StringComparison.Ordinal) || d.StartsWith("ms", StringComparison.Ordinal) || d.StartsWith("m.s", StringComparison.Ordinal)
            || d.Contains("mba", StringComparison.Ordinal)) return 2;
        if (d.Contains("bachelor", StringComparison.Ordinal) || d.StartsWith("b.", StringComparison.Ordinal) || d.StartsWith("bs", StringComparison.Ordinal)
            || d.StartsWith("ba", StringComparison.Ordinal)) return 1;
        if (d.Contains("associate", StringComparison.Ordinal)) return 0;
        return -1;
    }
}
