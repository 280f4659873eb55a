using System.Globalization;

namespace TalentFlow.ML.Documents;

/// <summary>
/// What was detected in a document's extracted text, and whether it is fit to parse. <see cref="Assess"/> measures:
/// <list type="bullet">
/// <item><b>characters</b>: non-whitespace characters of the normalized text; <b>pages</b>: PDF pages (pdftotext ends each
/// with a form feed), 1 for DOCX and text;</item>
/// <item><b>images</b>: image XObjects in the PDF, counted as <c>/Subtype /Image</c> in its bytes (stream dictionaries are
/// never inside compressed object streams, so the count is cheap and exact for XObjects; inline images are not counted);</item>
/// <item><b>garbled share</b>: the share of tokens (whitespace-separated, surrounding punctuation trimmed, bare bullets and
/// separators skipped) that do not look like text: holding a replacement (U+FFFD), private-use, unassigned or control
/// character, or made mostly of symbols (fewer letters than half the token, unless it is a number, a date or phone
/// number, or a short token with a letter such as <c>C++</c>);</item>
/// <item><b>column pages</b>: PDF pages read as two columns (<see cref="ColumnReader"/>), and whether the text was reordered.</item>
/// </list>
/// Verdicts, in order: no characters → <see cref="DocumentErrorKind.NoText"/> when the PDF holds images (a scan), else
/// <see cref="DocumentErrorKind.Empty"/>; images and fewer than <see cref="ExtractionQualityOptions.MinCharactersPerPage"/>
/// characters per page → NoText; a garbled share above <see cref="ExtractionQualityOptions.MaxGarbledShare"/> (with at least
/// <see cref="ExtractionQualityOptions.MinTokensToJudge"/> tokens) → <see cref="DocumentErrorKind.Garbled"/>.
/// </summary>
/// <param name="Pages">Pages (PDF), 1 for DOCX and text.</param>
/// <param name="Characters">Non-whitespace characters extracted.</param>
/// <param name="Images">Image XObjects in the PDF; 0 for DOCX and text.</param>
/// <param name="Tokens">Tokens judged for <see cref="GarbledShare"/>.</param>
/// <param name="GarbledShare">Share of judged tokens that do not look like text, 0–1.</param>
/// <param name="ColumnPages">PDF pages laid out in two columns.</param>
/// <param name="Reordered">Whether the text was re-read column by column because the plain reading interleaved the columns.</param>
/// <param name="Problem">Why the text is unfit to parse, or null when it is fit.</param>
public sealed record ExtractionQuality(
    int Pages, int Characters, int Images, int Tokens, double GarbledShare, int ColumnPages, bool Reordered, DocumentErrorKind? Problem)
{
    /// <summary>
    /// How much the text can be trusted, 0–1: 0 with a <see cref="Problem"/>, else 1 − <see cref="GarbledShare"/>, times 0.9
    /// when the columns had to be reordered. Parsed-field confidences are multiplied by it.
    /// </summary>
    public double Score => Problem is not null ? 0 : Math.Round(Math.Clamp(1 - GarbledShare, 0, 1) * (Reordered ? 0.9 : 1), 3);

    /// <summary>Measures <paramref name="text"/> (normalized) and gives the verdict.</summary>
    /// <param name="text">The normalized text.</param>
    /// <param name="pages">Pages; at least 1.</param>
    /// <param name="images">Image XObjects (PDF), else 0.</param>
    /// <param name="options">Thresholds; defaults when null.</param>
    /// <param name="columnPages">Pages laid out in columns.</param>
    /// <param name="reordered">Whether the columns were re-read in order.</param>
    public static ExtractionQuality Assess(string text, int pages, int images, ExtractionQualityOptions? options = null, int columnPages = 0, bool reordered = false)
    {
        ArgumentNullException.ThrowIfNull(text);
        options ??= new ExtractionQualityOptions();
        pages = Math.Max(1, pages);
        var characters = 0;
        foreach (var c in text)
        {
            if (!char.IsWhiteSpace(c)) characters++;
        }

        var (tokens, garbled) = CountGarbled(text);
        var share = tokens == 0 ? 0 : Math.Round((double)garbled / tokens, 3);
        DocumentErrorKind? problem = characters == 0 ? (images > 0 ? DocumentErrorKind.NoText : DocumentErrorKind.Empty)
            : images > 0 && characters < options.MinCharactersPerPage * pages ? DocumentErrorKind.NoText
            : tokens >= options.MinTokensToJudge && share > options.MaxGarbledShare ? DocumentErrorKind.Garbled
            : null;
        return new ExtractionQuality(pages, characters, images, tokens, share, columnPages, reordered, problem);
    }

    /// <summary>The verdict in words, with what was detected and what the person uploading can do; null when fit.</summary>
    /// <param name="format">The document's format.</param>
    public string? Describe(DocumentType format)
    {
        var name = format.ToString().ToUpperInvariant();
        var inv = CultureInfo.InvariantCulture;
        return Problem switch
        {
            DocumentErrorKind.NoText => string.Format(inv,
                "The {0} has {1} page(s) and {2} image(s) but only {3} character(s) of text: it looks scanned or image-only. " +
                "Upload the original document (DOCX, or a PDF exported from it), or run OCR on the scan first.", name, Pages, Images, Characters),
            DocumentErrorKind.Empty => string.Format(inv,
                "The {0} file contains no text ({1} page(s), no images). Check that it is the right file, or upload a DOCX or a PDF exported from the original.", name, Pages),
            DocumentErrorKind.Garbled => string.Format(inv,
                "The text read from the {0} looks garbled: {1:0%} of its {2} words are symbols or unmapped glyphs, not words. " +
                "Its fonts probably do not map to Unicode; export it again (e.g. 'Save as PDF' from the original) or upload a DOCX.", name, GarbledShare, Tokens),
            _ => null,
        };
    }

    private static (int Tokens, int Garbled) CountGarbled(string text)
    {
        int tokens = 0, garbled = 0;
        foreach (var raw in text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            var token = raw.AsSpan().Trim(".,;:!?()[]{}\"'•·*-–—|/\\");
            if (token.IsEmpty)
            {
                continue; // a bullet or a separator
            }

            tokens++;
            if (!Plausible(token)) garbled++;
        }

        return (tokens, garbled);
    }

    private static bool Plausible(ReadOnlySpan<char> token)
    {
        int letters = 0, digits = 0;
        foreach (var c in token)
        {
            switch (char.GetUnicodeCategory(c))
            {
                case UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned or UnicodeCategory.Control or UnicodeCategory.Surrogate:
                    return false;
                case UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
                    or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter or UnicodeCategory.NonSpacingMark:
                    letters++;
                    break;
                case UnicodeCategory.DecimalDigitNumber:
                    digits++;
                    break;
            }

            if (c == '\uFFFD') return false;
        }

        return letters * 2 >= token.Length
            || (digits > 0 && (letters + digits) * 2 >= token.Length)
            || (token.Length <= 4 && letters > 0);
    }
}
