namespace TalentFlow.ML.Documents;

/// <summary>Why a document could not be read.</summary>
public enum DocumentErrorKind
{
    /// <summary>The file or its extracted text is empty or whitespace only.</summary>
    Empty,

    /// <summary>
    /// The file is larger than <see cref="DocumentReaderOptions.MaxBytes"/>, or its content past a limit: a DOCX's parts or
    /// inflated size, a PDF's pages or extracted characters.
    /// </summary>
    TooLarge,

    /// <summary>The bytes are neither PDF, DOCX nor text.</summary>
    UnknownFormat,

    /// <summary>The bytes look like binary data (or, when Latin-1 is refused, text that is not UTF-8), not text.</summary>
    Binary,

    /// <summary>The PDF or DOCX is damaged.</summary>
    Corrupt,

    /// <summary>The PDF is encrypted or password-protected.</summary>
    Encrypted,

    /// <summary>An external tool (pdftotext) is not installed.</summary>
    ToolMissing,

    /// <summary>PDF extraction took longer than <see cref="DocumentReaderOptions.Timeout"/> and was stopped.</summary>
    Timeout,

    /// <summary>A PDF with images but (almost) no text: scanned or image-only, with no text layer (<see cref="ExtractionQuality"/>).</summary>
    NoText,

    /// <summary>The extracted text is mostly symbols or unmapped glyphs, not words (<see cref="ExtractionQuality"/>).</summary>
    Garbled,

    /// <summary>A multi-column PDF whose columns were read interleaved and could not be re-read in order.</summary>
    ColumnsOutOfOrder,

    /// <summary>The file's extension names one format and its content is another (e.g. a <c>.pdf</c> holding text).</summary>
    ContentMismatch,

    /// <summary>
    /// The DOCX is built to exhaust a reader: a part compressed past <see cref="DocumentReaderOptions.MaxDocxCompressionRatio"/>,
    /// a DTD (entity expansion), or XML nested deeper than <see cref="DocumentReaderOptions.MaxXmlDepth"/>; a PDF whose
    /// extraction needs more memory than <see cref="DocumentReaderOptions.MaxPdfExtractorBytes"/>.
    /// </summary>
    Unsafe,
}
