using System.Globalization;
using System.Text;

namespace TalentFlow.ML.Onnx.Tokenization;

/// <summary>
/// BERT's text normalisation and pre-tokenisation, in the order of Hugging Face's fast tokenizer (BertNormalizer then
/// BertPreTokenizer), which is what sentence-transformers runs: drop control characters, map whitespace to a space, put
/// spaces around CJK ideographs, strip accents, lower-case one code point at a time, then split on whitespace and on
/// every punctuation character.
/// </summary>
internal static class BertNormalizer
{
    /// <summary>Normalises <paramref name="text"/> as the options say.</summary>
    public static string Normalize(ReadOnlySpan<char> text, WordPieceTokenizerOptions options)
    {
        var sb = new StringBuilder(text.Length + 8);
        for (var at = 0; at < text.Length;)
        {
            var rune = RuneAt(text, at, out var width);
            var position = at;
            at += width;
            if (options.CleanText)
            {
                if (rune.Value is 0 or 0xFFFD || IsControl(rune))
                {
                    continue;
                }

                if (IsBertWhitespace(rune))
                {
                    sb.Append(' ');
                    continue;
                }
            }

            var start = sb.Length;
            var chinese = options.HandleChineseChars && IsChineseIdeograph(rune.Value);
            if (chinese)
            {
                sb.Append(' ');
                start++;
            }

            if (options.ShouldStripAccents)
            {
                AccentFolding.Append(rune, sb);
            }
            else
            {
                AccentFolding.AppendRune(rune, sb);
            }

            if (options.LowerCase)
            {
                LowerInPlace(sb, start);
                if (options.FinalSigma && rune.Value == CapitalSigma && IsFinalSigma(text, position, options.CleanText))
                {
                    sb[^1] = FinalSigma;
                }
            }

            if (chinese)
            {
                sb.Append(' ');
            }
        }

        return sb.ToString();
    }

    /// <summary>Splits normalised text on whitespace, and around each punctuation character (which is kept).</summary>
    public static List<string> PreTokenize(string normalized)
    {
        var tokens = new List<string>();
        var start = -1;
        for (var i = 0; i < normalized.Length;)
        {
            var status = Rune.DecodeFromUtf16(normalized.AsSpan(i), out var rune, out var width);
            if (status != System.Buffers.OperationStatus.Done)
            {
                rune = Rune.ReplacementChar;
            }

            if (Rune.IsWhiteSpace(rune) || IsPunctuation(rune))
            {
                if (start >= 0)
                {
                    tokens.Add(normalized[start..i]);
                    start = -1;
                }

                if (!Rune.IsWhiteSpace(rune))
                {
                    tokens.Add(normalized.Substring(i, width));
                }
            }
            else if (start < 0)
            {
                start = i;
            }

            i += width;
        }

        if (start >= 0)
        {
            tokens.Add(normalized[start..]);
        }

        return tokens;
    }

    // Rune.ToLowerInvariant is the simple (one-to-one) mapping, as Rust's per-char lower-casing in the fast tokenizer is for
    // nearly every code point; the lone exception, U+0130, is already an 'I' once accents are stripped.
    private static void LowerInPlace(StringBuilder sb, int start)
    {
        if (sb.Length - start == 1)
        {
            sb[start] = char.ToLowerInvariant(sb[start]);
            return;
        }

        var appended = sb.ToString(start, sb.Length - start);
        sb.Length = start;
        foreach (var r in appended.EnumerateRunes())
        {
            AccentFolding.AppendRune(Rune.ToLowerInvariant(r), sb);
        }
    }

    private const int CapitalSigma = 0x3A3;
    private const char FinalSigma = '\u03C2';

    private static Rune RuneAt(ReadOnlySpan<char> text, int index, out int width)
    {
        var status = Rune.DecodeFromUtf16(text[index..], out var rune, out width);
        return status == System.Buffers.OperationStatus.Done ? rune : Rune.ReplacementChar;
    }

    // Unicode's Final_Sigma condition, as Python's str.lower() applies it to the cleaned text: a cased letter before Σ and
    // none after it, skipping case-ignorable characters either side.
    private static bool IsFinalSigma(ReadOnlySpan<char> text, int position, bool cleanText)
    {
        var before = false;
        for (var i = position; i > 0;)
        {
            i--;
            if (char.IsLowSurrogate(text[i]) && i > 0)
            {
                i--;
            }

            var r = RuneAt(text, i, out _);
            if ((cleanText && IsDropped(r)) || IsCaseIgnorable(r))
            {
                continue;
            }

            before = IsCased(r);
            break;
        }

        if (!before)
        {
            return false;
        }

        for (var i = position + 1; i < text.Length;)
        {
            var r = RuneAt(text, i, out var width);
            i += width;
            if ((cleanText && IsDropped(r)) || IsCaseIgnorable(r))
            {
                continue;
            }

            return !IsCased(r);
        }

        return true;
    }

    private static bool IsDropped(Rune rune) => rune.Value is 0 or 0xFFFD || IsControl(rune);

    private static bool IsCased(Rune rune) =>
        Rune.GetUnicodeCategory(rune) is UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter;

    // Case_Ignorable: Mn, Me, Cf, Lm, Sk, and the word-break MidLetter / MidNumLet / Single_Quote characters.
    private static bool IsCaseIgnorable(Rune rune) =>
        rune.Value is '\'' or '.' or ':' or 0xB7 or 0x387 or 0x5F4 or 0x2018 or 0x2019 or 0x2024 or 0x2027 or 0xFE13 or 0xFE52
            or 0xFE55 or 0xFF07 or 0xFF0E or 0xFF1A
        || Rune.GetUnicodeCategory(rune) is UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark
            or UnicodeCategory.Format or UnicodeCategory.ModifierLetter or UnicodeCategory.ModifierSymbol;

    internal static bool IsBertWhitespace(Rune rune) =>
        rune.Value is ' ' or '\t' or '\n' or '\r' || Rune.GetUnicodeCategory(rune) == UnicodeCategory.SpaceSeparator;

    internal static bool IsControl(Rune rune)
    {
        if (rune.Value is '\t' or '\n' or '\r')
        {
            return false;
        }

        return Rune.GetUnicodeCategory(rune) is UnicodeCategory.Control or UnicodeCategory.Format
            or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned;
    }

    internal static bool IsPunctuation(Rune rune)
    {
        var cp = rune.Value;
        if (cp is (>= 33 and <= 47) or (>= 58 and <= 64) or (>= 91 and <= 96) or (>= 123 and <= 126))
        {
            return true;
        }

        return Rune.GetUnicodeCategory(rune) is UnicodeCategory.ConnectorPunctuation or UnicodeCategory.DashPunctuation
            or UnicodeCategory.OpenPunctuation or UnicodeCategory.ClosePunctuation or UnicodeCategory.InitialQuotePunctuation
            or UnicodeCategory.FinalQuotePunctuation or UnicodeCategory.OtherPunctuation;
    }

    // The CJK Unified Ideographs blocks BERT treats as one token each (Korean and Japanese kana are not among them).
    internal static bool IsChineseIdeograph(int cp) =>
        cp is (>= 0x4E00 and <= 0x9FFF) or (>= 0x3400 and <= 0x4DBF) or (>= 0x20000 and <= 0x2A6DF)
            or (>= 0x2A700 and <= 0x2B73F) or (>= 0x2B740 and <= 0x2B81F) or (>= 0x2B820 and <= 0x2CEAF)
            or (>= 0xF900 and <= 0xFAFF) or (>= 0x2F800 and <= 0x2FA1F);
}
