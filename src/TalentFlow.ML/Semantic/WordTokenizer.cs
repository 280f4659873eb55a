using TalentFlow.ML.Tfidf;

namespace TalentFlow.ML.Semantic;

/// <summary>
/// The words a <see cref="SubwordEncoder"/> sees: runs of letters and digits, lower-cased, with a trailing <c>+</c> or
/// <c>#</c> kept (C++, C#, F#), at least two characters and one letter, scikit-learn's English stop words dropped. Words
/// longer than <see cref="MaxWordLength"/> are skipped: in resumes they are URLs, hashes and glued-together lines, not words.
/// </summary>
internal static class WordTokenizer
{
    /// <summary>Longest word kept, in UTF-16 units.</summary>
    public const int MaxWordLength = 32;

    /// <summary>Bumped whenever the rules above change, because the same text would then embed differently.</summary>
    public const int Version = 1;

    /// <summary>
    /// Finds the next word of <paramref name="text"/> at or after <paramref name="position"/>, lower-cased into
    /// <paramref name="buffer"/> (at least <see cref="MaxWordLength"/> long); returns false at the end of the text.
    /// </summary>
    public static bool Next(ReadOnlySpan<char> text, ref int position, Span<char> buffer, out int length)
    {
        while (position < text.Length)
        {
            if (!char.IsLetterOrDigit(text[position]))
            {
                position++;
                continue;
            }

            int n = 0;
            bool hasLetter = false;
            while (position < text.Length && char.IsLetterOrDigit(text[position]))
            {
                char c = text[position++];
                hasLetter |= char.IsLetter(c);
                if (n < MaxWordLength) buffer[n] = char.ToLowerInvariant(c);
                n++;
            }

            for (int suffix = 0; suffix < 2 && position < text.Length && text[position] is '+' or '#'; suffix++)
            {
                if (n < MaxWordLength) buffer[n] = text[position];
                n++;
                position++;
            }

            if (n < 2 || n > MaxWordLength || !hasLetter || EnglishStopWords.Lookup.Contains(buffer[..n])) continue;
            length = n;
            return true;
        }

        length = 0;
        return false;
    }
}
