using System.Text;

namespace TalentFlow.ML.Text;

/// <summary>
/// Repairs UTF-8 text that was decoded as Windows-1252 or Latin-1: each run of non-ASCII characters that all map to single
/// Windows-1252 bytes is re-encoded and, when those bytes are valid UTF-8, replaced by their decoding.
/// </summary>
internal static class Mojibake
{
    // Windows-1252 0x80..0x9F; '\0' marks the five unassigned bytes (Latin-1 C1 controls map to themselves).
    private const string Cp1252High = "€\0‚ƒ„…†‡ˆ‰Š‹Œ\0Ž\0\0‘’“”•–—˜™š›œ\0žŸ";

    private static readonly UTF8Encoding StrictUtf8 = new(false, true);

    // A lost continuation byte turned into '?' by an earlier lossy conversion; only unambiguous forms.
    private static readonly (string Broken, string Fixed)[] Lossy =
    [
        ("â?¢", "•"), ("â€?", "”"), ("â?™", "’"), ("â?œ", "“"), ("â?“", "–"), ("â?”", "—"),
    ];

    /// <summary>Returns the repaired text, or the same instance when nothing looked broken.</summary>
    public static string Repair(string text)
    {
        if (!LooksBroken(text))
        {
            return text;
        }

        foreach (var (broken, fix) in Lossy)
        {
            text = text.Replace(broken, fix, StringComparison.Ordinal);
        }

        var sb = new StringBuilder(text.Length);
        var i = 0;
        Span<byte> bytes = stackalloc byte[64];
        while (i < text.Length)
        {
            if (text[i] < 0x80 || !TryByte(text[i], out _))
            {
                sb.Append(text[i++]);
                continue;
            }

            var start = i;
            while (i < text.Length && i - start < bytes.Length && text[i] >= 0x80 && TryByte(text[i], out var b))
            {
                bytes[i - start] = b;
                i++;
            }

            var run = bytes[..(i - start)];
            string? decoded = null;
            if (run.Length >= 2 && run[0] >= 0xC2)
            {
                try
                {
                    decoded = StrictUtf8.GetString(run);
                }
                catch (DecoderFallbackException)
                {
                    decoded = null;
                }
            }

            sb.Append(decoded ?? text.AsSpan(start, i - start).ToString());
        }

        return sb.ToString();
    }

    private static bool LooksBroken(string text) =>
        text.Contains('Ã') || text.Contains('â') || text.Contains('Â') || text.Contains('Ð') || text.Contains('Ø');

    private static bool TryByte(char c, out byte b)
    {
        if (c is >= '\u00A0' and <= '\u00FF' or >= '\u0080' and <= '\u009F')
        {
            b = (byte)c;
            return true;
        }

        var idx = Cp1252High.IndexOf(c);
        if (idx >= 0 && c != '\0')
        {
            b = (byte)(0x80 + idx);
            return true;
        }

        b = 0;
        return false;
    }
}
