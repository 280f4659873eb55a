using System.Text;

namespace TalentFlow.ML.Text;

/// <summary>
/// Unicode NFKC. Uses the runtime's normalization when it works; under <c>InvariantGlobalization</c> (no ICU) .NET leaves
/// text unchanged, so a fallback folds the compatibility characters résumés actually contain: full-width ASCII, typographic
/// spaces, ligatures, super- and subscript digits, circled and Roman numerals, ellipsis. Composition of combining marks
/// (the NFC half) is left as is in that mode.
/// </summary>
internal static class CompatibilityFolding
{
    private static readonly bool RuntimeWorks = "\uFB01".Normalize(NormalizationForm.FormKC) == "fi";

    public static string Nfkc(string text)
    {
        if (RuntimeWorks)
        {
            return text.IsNormalized(NormalizationForm.FormKC) ? text : text.Normalize(NormalizationForm.FormKC);
        }

        return Fold(text);
    }

    internal static string Fold(string text)
    {
        var i = 0;
        while (i < text.Length && (text[i] < 0xA0 || Map(text[i]) is null))
        {
            i++;
        }

        if (i == text.Length)
        {
            return text;
        }

        var sb = new StringBuilder(text.Length).Append(text, 0, i);
        for (; i < text.Length; i++)
        {
            var c = text[i];
            if (c >= 0xA0 && Map(c) is { } m)
            {
                sb.Append(m);
            }
            else
            {
                sb.Append(c);
            }
        }

        return sb.ToString();
    }

    private static string? Map(char c) => c switch
    {
        >= '\uFF01' and <= '\uFF5E' => ((char)(c - 0xFF01 + 0x21)).ToString(),
        '\u3000' or '\u00A0' or (>= '\u2000' and <= '\u200A') or '\u202F' or '\u205F' => " ",
        '\uFB00' => "ff", '\uFB01' => "fi", '\uFB02' => "fl", '\uFB03' => "ffi", '\uFB04' => "ffl", '\uFB05' or '\uFB06' => "st",
        '\u2070' => "0", '\u00B9' => "1", '\u00B2' => "2", '\u00B3' => "3", >= '\u2074' and <= '\u2079' => ((char)('4' + c - '\u2074')).ToString(),
        >= '\u2080' and <= '\u2089' => ((char)('0' + c - '\u2080')).ToString(),
        >= '\u2460' and <= '\u2468' => ((char)('1' + c - '\u2460')).ToString(),
        >= '\u2160' and <= '\u216B' => RomanUpper[c - '\u2160'],
        >= '\u2170' and <= '\u217B' => RomanUpper[c - '\u2170'].ToLowerInvariant(),
        '\u2026' => "...", '\u2122' => "TM", '\u2024' => ".", '\u2025' => "..", '\u00B4' => " \u0301", '\u2011' => "\u2010",
        '\u00BD' => "1\u20442", '\u00BC' => "1\u20444", '\u00BE' => "3\u20444", '\u00AA' => "a", '\u00BA' => "o", '\u00B5' => "\u03BC",
        _ => null,
    };

    private static readonly string[] RomanUpper = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"];
}
