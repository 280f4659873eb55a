using System.Text;

namespace TalentFlow.ML.Documents;

/// <summary>Decodes bytes as UTF-8 or, when they are not valid UTF-8, Latin-1; rejects binary data.</summary>
internal static class TextDecoder
{
    private static readonly UTF8Encoding StrictUtf8 = new(false, true);

    public static string Decode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            bytes = bytes[3..];
        }

        if (LooksBinary(bytes))
        {
            throw new DocumentException(DocumentErrorKind.Binary, "The file holds binary data, not text.");
        }

        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return Encoding.Latin1.GetString(bytes);
        }
    }

    /// <summary>NUL bytes, or more than 5% control bytes other than tab, CR, LF, FF, in the first 8 KiB.</summary>
    internal static bool LooksBinary(ReadOnlySpan<byte> bytes)
    {
        var sample = bytes[..Math.Min(bytes.Length, 8192)];
        if (sample.Contains((byte)0))
        {
            return true;
        }

        var control = 0;
        foreach (var b in sample)
        {
            if (b < 0x20 && b is not ((byte)'\t' or (byte)'\n' or (byte)'\r' or 0x0C))
            {
                control++;
            }
        }

        return control * 20 > sample.Length;
    }
}
