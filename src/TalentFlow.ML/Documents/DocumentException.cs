namespace TalentFlow.ML.Documents;

/// <summary>A document could not be turned into text; <see cref="Kind"/> says why, the message says it for people.</summary>
public sealed class DocumentException : Exception
{
    /// <summary>Creates the exception.</summary>
    public DocumentException(DocumentErrorKind kind, string message, Exception? inner = null)
        : base(message, inner) => Kind = kind;

    /// <summary>Why the document could not be read.</summary>
    public DocumentErrorKind Kind { get; }
}
