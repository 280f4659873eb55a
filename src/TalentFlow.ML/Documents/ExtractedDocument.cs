namespace TalentFlow.ML.Documents;

/// <summary>Text read from a document, already normalized.</summary>
/// <param name="Format">The detected format.</param>
/// <param name="Text">The normalized text, never empty.</param>
public sealed record ExtractedDocument(DocumentType Format, string Text);
