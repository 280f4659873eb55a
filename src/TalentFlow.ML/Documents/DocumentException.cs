namespace TalentFlow.ML.Documents;

/// <summary>A document could not be turned into text; <see cref="Kind"/> says why, the message says it for people.</summary>
public sealed class DocumentException : Exception
{
    /// <summary>Creates the exception.</summary>
    public DocumentException(DocumentErrorKind kind, string message, Exception? inner = null)
        : base(message, inner) => Kind = kind;

    /// <summary>Creates the exception for text that was extracted but is unfit to parse, with what was detected.</summary>
    public DocumentException(DocumentErrorKind kind, string message, ExtractionQuality quality)
        : base(message) => (Kind, Quality) = (kind, quality);

    /// <summary>What was detected in the extracted text (pages, characters, images, garbled share), when it was measured.</summary>
    public ExtractionQuality? Quality { get; }

    /// <summary>Why the document could not be read.</summary>
    public DocumentErrorKind Kind { get; }
}
