using System.Buffers;
using System.Globalization;
using System.Text;

namespace TalentFlow.ML.Tfidf;

/// <summary>Receives the terms of one document.</summary>
internal interface ITermSink
{
    void Add(ReadOnlySpan<char> term);
}

/// <summary>
/// scikit-learn's word analyzer: lower-case, tokens by <c>(?u)\b\w\w+\b</c> (Python's <c>\w</c>: letters, numbers,
/// underscore), English stop words removed, then word n-grams joined by one space.
/// </summary>
internal static class WordAnalyzer
{
    public static void Analyze<TSink>(string text, TfidfOptions options, ref TSink sink)
        where TSink : ITermSink, allows ref struct
    {
        char[]? lowered = null;
        ReadOnlySpan<char> doc = text;
        if (options.Lowercase)
        {
            lowered = ArrayPool<char>.Shared.Rent(Math.Max(1, text.Length));
            var length = text.AsSpan().ToLowerInvariant(lowered);
            doc = lowered.AsSpan(0, length);
        }

        var tokens = ArrayPool<Range>.Shared.Rent(Math.Max(16, doc.Length / 2 + 1));
        try
        {
            var count = Tokenize(doc, tokens, options.EnglishStopWords);
            Emit(doc, tokens.AsSpan(0, count), options, ref sink);
        }
        finally
        {
            ArrayPool<Range>.Shared.Return(tokens);
            if (lowered is not null)
            {
                ArrayPool<char>.Shared.Return(lowered);
            }
        }
    }

    /// <summary>Writes the ranges of the tokens (runs of two or more word characters) of <paramref name="doc"/>.</summary>
    internal static int Tokenize(ReadOnlySpan<char> doc, Span<Range> tokens, bool dropStopWords)
    {
        var count = 0;
        var i = 0;
        while (i < doc.Length)
        {
            var width = WordCharWidth(doc, i);
            if (width == 0)
            {
                i++;
                continue;
            }

            var start = i;
            var chars = 0;
            while (width > 0)
            {
                i += width;
                chars++;
                width = i < doc.Length ? WordCharWidth(doc, i) : 0;
            }

            if (chars >= 2 && !(dropStopWords && EnglishStopWords.Lookup.Contains(doc[start..i])))
            {
                tokens[count++] = start..i;
            }
        }

        return count;
    }

    private static void Emit<TSink>(ReadOnlySpan<char> doc, ReadOnlySpan<Range> tokens, TfidfOptions options, ref TSink sink)
        where TSink : ITermSink, allows ref struct
    {
        char[]? rented = null;
        for (var n = options.NGramMin; n <= options.NGramMax; n++)
        {
            for (var t = 0; t + n <= tokens.Length; t++)
            {
                if (n == 1)
                {
                    sink.Add(doc[tokens[t]]);
                    continue;
                }

                var length = n - 1;
                for (var k = 0; k < n; k++)
                {
                    length += tokens[t + k].GetOffsetAndLength(doc.Length).Length;
                }

                if (rented is null || rented.Length < length)
                {
                    if (rented is not null)
                    {
                        ArrayPool<char>.Shared.Return(rented);
                    }

                    rented = ArrayPool<char>.Shared.Rent(Math.Max(length, 256));
                }

                var pos = 0;
                for (var k = 0; k < n; k++)
                {
                    if (k > 0)
                    {
                        rented[pos++] = ' ';
                    }

                    var token = doc[tokens[t + k]];
                    token.CopyTo(rented.AsSpan(pos));
                    pos += token.Length;
                }

                sink.Add(rented.AsSpan(0, pos));
            }
        }

        if (rented is not null)
        {
            ArrayPool<char>.Shared.Return(rented);
        }
    }

    /// <summary>Width in chars (1 or 2) of the word character at <paramref name="i"/>, or 0 when it is not one.</summary>
    private static int WordCharWidth(ReadOnlySpan<char> s, int i)
    {
        var c = s[i];
        if (c < 0x80)
        {
            return char.IsAsciiLetterOrDigit(c) || c == '_' ? 1 : 0;
        }

        if (char.IsHighSurrogate(c) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
        {
            return IsWord(Rune.GetUnicodeCategory(new Rune(c, s[i + 1]))) ? 2 : 0;
        }

        return IsWord(char.GetUnicodeCategory(c)) ? 1 : 0;
    }

    private static bool IsWord(UnicodeCategory category) => category is UnicodeCategory.UppercaseLetter
        or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter or UnicodeCategory.ModifierLetter
        or UnicodeCategory.OtherLetter or UnicodeCategory.DecimalDigitNumber or UnicodeCategory.LetterNumber
        or UnicodeCategory.OtherNumber;
}
