using TalentFlow.ML.Text;

namespace TalentFlow.ML.Documents;

/// <summary>Turns TXT, DOCX and PDF files into normalized text; every failure is a <see cref="DocumentException"/>.</summary>
public sealed class DocumentReader
{
    private readonly DocumentReaderOptions _options;
    private readonly TextNormalizer _normalizer;

    /// <summary>Creates a reader with the given limits and normalizer (defaults when null).</summary>
    public DocumentReader(DocumentReaderOptions? options = null, TextNormalizer? normalizer = null)
    {
        _options = options ?? new DocumentReaderOptions();
        _options.Validate();
        _normalizer = normalizer ?? new TextNormalizer();
    }

    /// <summary>Reads a file from disk.</summary>
    public async Task<ExtractedDocument> ReadFileAsync(string path, CancellationToken cancellationToken = default)
    {
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            throw new FileNotFoundException($"No such file: {path}", path);
        }

        ThrowIfTooLarge(info.Length);
        var bytes = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        return await ReadAsync(bytes, Path.GetFileName(path), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads a stream, reading at most <see cref="DocumentReaderOptions.MaxBytes"/> + 1 bytes.</summary>
    public async Task<ExtractedDocument> ReadAsync(Stream stream, string? fileName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int n;
        while ((n = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            buffer.Write(chunk, 0, n);
            ThrowIfTooLarge(buffer.Length);
        }

        return await ReadAsync(buffer.ToArray(), fileName, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads a document held in memory; the format comes from its content, which a known extension must match.</summary>
    public async Task<ExtractedDocument> ReadAsync(ReadOnlyMemory<byte> bytes, string? fileName, CancellationToken cancellationToken = default)
    {
        ThrowIfTooLarge(bytes.Length);
        if (bytes.IsEmpty)
        {
            // Measured like any other document without text, so the caller gets the one answer for "no text" (422, document-empty).
            throw new DocumentException(DocumentErrorKind.Empty, "The file is empty (0 bytes): upload the resume itself.",
                new ExtractionQuality(Pages: 0, Characters: 0, Images: 0, Tokens: 0, GarbledShare: 0, ColumnPages: 0, Reordered: false, Problem: DocumentErrorKind.Empty));
        }

        if (bytes.Span.StartsWith("PK\x03\x04"u8))
        {
            DocxTextExtractor.CheckEntryCount(bytes.Span, _options);
        }

        var format = Detect(bytes, fileName);
        PdfText? pdf = format == DocumentType.Pdf ? await PdfTextExtractor.ExtractAsync(bytes, _options, cancellationToken).ConfigureAwait(false) : null;
        var raw = format switch
        {
            DocumentType.Pdf => pdf!.Text,
            DocumentType.Docx => DocxTextExtractor.Extract(bytes, _options, cancellationToken),
            _ => TextDecoder.Decode(bytes.Span),
        };
        var text = _normalizer.Normalize(raw);
        var quality = ExtractionQuality.Assess(text, pdf?.Pages ?? 1, pdf?.Images ?? 0, _options.Quality, pdf?.ColumnPages ?? 0, pdf?.Reordered ?? false);
        if (quality.Problem is null && pdf is { ColumnsUnfixable: true })
        {
            quality = quality with { Problem = DocumentErrorKind.ColumnsOutOfOrder };
            throw new DocumentException(DocumentErrorKind.ColumnsOutOfOrder, string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"The PDF is laid out in columns ({quality.ColumnPages} of {quality.Pages} page(s)) that were read across each other and could not be re-read in order. Upload a single-column version or a DOCX."), quality);
        }

        if (quality.Problem is { } problem)
        {
            throw new DocumentException(problem, quality.Describe(format)!, quality);
        }

        return new ExtractedDocument(format, text, quality);
    }

    /// <summary>
    /// The format comes from the content (<see cref="DocumentSniffer"/>); a known extension (<c>.pdf</c>, <c>.docx</c>,
    /// <c>.txt</c>, <c>.text</c>, <c>.md</c>) must agree with it, any other name leaves the decision to the content.
    /// </summary>
    internal DocumentType Detect(ReadOnlyMemory<byte> bytes, string? fileName)
    {
        var content = DocumentSniffer.Sniff(bytes, _options.AcceptLatin1Text);
        if (content.Type is not { } type)
        {
            throw new DocumentException(content.Refusal ?? DocumentErrorKind.UnknownFormat, $"Unsupported content: the file is {content.Description}. Use PDF, DOCX or plain UTF-8 text.");
        }

        var ext = Path.GetExtension(fileName ?? string.Empty).ToLowerInvariant();
        DocumentType? named = ext switch
        {
            ".pdf" => DocumentType.Pdf,
            ".docx" => DocumentType.Docx,
            ".txt" or ".text" or ".md" => DocumentType.Text,
            _ => null,
        };
        if (named is { } expected && expected != type)
        {
            throw new DocumentException(DocumentErrorKind.ContentMismatch,
                $"The file is named '{ext}' but its content is {content.Description}: rename it or upload the right file.");
        }

        return type;
    }

    private void ThrowIfTooLarge(long length)
    {
        if (length > _options.MaxBytes)
        {
            throw new DocumentException(DocumentErrorKind.TooLarge,
                _options.MaxBytes >= 1024 * 1024
                    ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"The file is larger than the {_options.MaxBytes / (1024 * 1024.0):0.#} MiB limit.")
                    : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"The file is larger than the {_options.MaxBytes} byte limit."));
        }
    }
}
