namespace TalentFlow.ML.Documents;

/// <summary>Text read from a document, already normalized.</summary>
/// <param name="Format">The detected format.</param>
/// <param name="Text">The normalized text, never empty.</param>
/// <param name="Quality">What was detected in the text (always fit: unfit text throws); null only when built by hand.</param>
public sealed record ExtractedDocument(DocumentType Format, string Text, ExtractionQuality? Quality = null);
