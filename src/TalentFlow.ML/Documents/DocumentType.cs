namespace TalentFlow.ML.Documents;

/// <summary>Formats <see cref="DocumentReader"/> understands.</summary>
public enum DocumentType
{
    /// <summary>Plain text, UTF-8 (with or without BOM) or, when not valid UTF-8, Latin-1.</summary>
    Text,

    /// <summary>Office Open XML word-processing document.</summary>
    Docx,

    /// <summary>Portable Document Format, read with poppler-utils' pdftotext.</summary>
    Pdf,
}
