namespace TalentFlow.ML.Documents;

/// <summary>Limits for <see cref="DocumentReader"/>.</summary>
public sealed class DocumentReaderOptions
{
    /// <summary>Largest accepted file. Default 10 MiB.</summary>
    public long MaxBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>Longest time an external extractor may run. Default 30 seconds.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The pdftotext executable (from poppler-utils). Default <c>pdftotext</c> on the PATH.</summary>
    public string PdfToTextPath { get; set; } = "pdftotext";

    /// <summary>
    /// Whether text that is not valid UTF-8 is read as Latin-1 (true) or refused as <see cref="DocumentErrorKind.Binary"/>
    /// (false). Default true: old local files are often Latin-1; the HTTP upload accepts UTF-8 only.
    /// </summary>
    public bool AcceptLatin1Text { get; set; } = true;

    /// <summary>Thresholds for judging the extracted text (scanned, empty, garbled, columns).</summary>
    public ExtractionQualityOptions Quality { get; set; } = new();
}
