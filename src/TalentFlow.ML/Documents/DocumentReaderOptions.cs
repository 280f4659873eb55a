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
}
