using System.Text;

namespace TalentFlow.ML.Text;

/// <summary>Cleans extracted document text: mojibake repair, Unicode NFKC, whitespace, optional redaction.</summary>
public sealed class TextNormalizer
{
    private readonly TextNormalizerOptions _options;

    /// <summary>Creates a normalizer; <paramref name="options"/> defaults to <see cref="TextNormalizerOptions"/>' defaults.</summary>
    public TextNormalizer(TextNormalizerOptions? options = null) => _options = options ?? new TextNormalizerOptions();

    /// <summary>Normalizes <paramref name="text"/>.</summary>
    public string Normalize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (_options.RepairMojibake)
        {
            text = Mojibake.Repair(text);
        }

        if (_options.UnicodeNormalize)
        {
            text = CompatibilityFolding.Nfkc(text);
        }

        if (_options.CollapseWhitespace)
        {
            text = CollapseWhitespace(text);
        }

        return _options.Redact ? Redactor.Redact(text) : text;
    }

    /// <summary>Spaces and tabs become one space, lines are trimmed, runs of blank lines become one, ends are trimmed.</summary>
    internal static string CollapseWhitespace(ReadOnlySpan<char> text)
    {
        var sb = new StringBuilder(text.Length);
        var pendingSpace = false;
        var newlines = 0;
        foreach (var raw in text)
        {
            var c = raw == '\u00A0' ? ' ' : raw;
            if (c == '\r')
            {
                continue;
            }

            if (c == '\n' || c == '\f' || c == '\v' || c == '\u2028' || c == '\u2029')
            {
                newlines++;
                pendingSpace = false;
                continue;
            }

            if (c is '\uFEFF' or '\u200B' or '\u200C' or '\u200D' or '\u2060' or '\u00AD')
            {
                continue;
            }

            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                pendingSpace = true;
                continue;
            }

            if (sb.Length > 0)
            {
                if (newlines > 0)
                {
                    sb.Append(newlines > 1 ? "\n\n" : "\n");
                }
                else if (pendingSpace)
                {
                    sb.Append(' ');
                }
            }

            newlines = 0;
            pendingSpace = false;
            sb.Append(c);
        }

        return sb.ToString();
    }
}
