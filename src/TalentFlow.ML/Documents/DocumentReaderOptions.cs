namespace TalentFlow.ML.Documents;

/// <summary>Limits for <see cref="DocumentReader"/>.</summary>
public sealed class DocumentReaderOptions
{
    /// <summary>Largest accepted file. Default 10 MiB.</summary>
    public long MaxBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>
    /// Longest time a PDF's text extraction may take, both pdftotext runs together; past it the process is killed and the
    /// PDF refused as <see cref="DocumentErrorKind.Timeout"/>. Default 10 seconds (a resume takes well under one).
    /// </summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Most pages read from a PDF; more is <see cref="DocumentErrorKind.TooLarge"/> (pdftotext stops one page past it). Default 200.</summary>
    public int MaxPdfPages { get; set; } = 200;

    /// <summary>
    /// Most characters one pdftotext run may write, counted as they arrive (the silo holds no more); more is
    /// <see cref="DocumentErrorKind.TooLarge"/>. Default 1,000,000 (a resume has under 20,000; the layout run pads with spaces).
    /// </summary>
    public int MaxPdfCharacters { get; set; } = 1_000_000;

    /// <summary>
    /// Most memory (peak resident bytes) the pdftotext process may use; past it the process is killed and the PDF refused
    /// as <see cref="DocumentErrorKind.Unsafe"/>. Default 256 MiB (a resume needs about 20 MiB; an array bomb takes gigabytes).
    /// </summary>
    public long MaxPdfExtractorBytes { get; set; } = 256L * 1024 * 1024;

    /// <summary>The pdftotext executable (from poppler-utils). Default <c>pdftotext</c> on the PATH.</summary>
    public string PdfToTextPath { get; set; } = "pdftotext";

    /// <summary>
    /// Whether text that is not valid UTF-8 is read as Latin-1 (true) or refused as <see cref="DocumentErrorKind.Binary"/>
    /// (false). Default true: old local files are often Latin-1; the HTTP upload accepts UTF-8 only.
    /// </summary>
    public bool AcceptLatin1Text { get; set; } = true;

    /// <summary>Thresholds for judging the extracted text (scanned, empty, garbled, columns).</summary>
    public ExtractionQualityOptions Quality { get; set; } = new();

    /// <summary>Most entries (parts) a DOCX's ZIP may hold; more is <see cref="DocumentErrorKind.TooLarge"/>. Default 1,000.</summary>
    public int MaxDocxEntries { get; set; } = 1000;

    /// <summary>Most bytes one DOCX part may inflate to, counted while reading; more is <see cref="DocumentErrorKind.TooLarge"/>. Default 32 MiB.</summary>
    public long MaxDocxPartBytes { get; set; } = 32L * 1024 * 1024;

    /// <summary>
    /// Most bytes the DOCX may inflate to in all: the sizes its ZIP declares for every entry, and the bytes counted while
    /// reading its parts; more is <see cref="DocumentErrorKind.TooLarge"/>. Default 64 MiB.
    /// </summary>
    public long MaxDocxTotalBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>
    /// Highest inflated-to-compressed ratio of a DOCX part larger than <see cref="DocxRatioFloorBytes"/>; higher is
    /// <see cref="DocumentErrorKind.Unsafe"/> (real XML compresses 5–20×, a bomb 1,000×). Default 100.
    /// </summary>
    public double MaxDocxCompressionRatio { get; set; } = 100;

    /// <summary>Parts smaller than this (inflated) are not held to <see cref="MaxDocxCompressionRatio"/>: tiny parts compress oddly. Default 1 MiB.</summary>
    public long DocxRatioFloorBytes { get; set; } = 1024 * 1024;

    /// <summary>Deepest element nesting read in a DOCX's XML; deeper is <see cref="DocumentErrorKind.Unsafe"/>. Default 256 (Word writes under 40).</summary>
    public int MaxXmlDepth { get; set; } = 256;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> (its parameter name the limit's) for the first limit out of its range.</summary>
    public void Validate()
    {
        foreach (var (name, rule) in Violations())
        {
            throw new ArgumentOutOfRangeException(name, $"DocumentReaderOptions.{name} {rule}.");
        }

        Quality.Validate();
    }

    /// <summary>Every limit out of its range, as (property name, rule), for a host that reports them all at start-up.</summary>
    public IEnumerable<(string Name, string Rule)> Violations()
    {
        (bool Ok, string Name, string Rule)[] checks =
        [
            (MaxBytes > 0, nameof(MaxBytes), "must be positive"),
            (Timeout > TimeSpan.Zero && Timeout <= TimeSpan.FromHours(1), nameof(Timeout), "must be positive and at most 1 hour (e.g. 00:00:10)"),
            (MaxPdfPages is >= 1 and <= 100_000, nameof(MaxPdfPages), "must be between 1 and 100000"),
            (MaxPdfCharacters >= 1000, nameof(MaxPdfCharacters), "must be at least 1000"),
            (MaxPdfExtractorBytes >= 16L * 1024 * 1024, nameof(MaxPdfExtractorBytes), "must be at least 16 MiB (16777216)"),
            (!string.IsNullOrWhiteSpace(PdfToTextPath), nameof(PdfToTextPath), "must name the pdftotext executable"),
            (MaxDocxEntries is >= 3 and <= 100_000, nameof(MaxDocxEntries), "must be between 3 and 100000"),
            (MaxDocxPartBytes > 0, nameof(MaxDocxPartBytes), "must be positive"),
            (MaxDocxTotalBytes >= MaxDocxPartBytes, nameof(MaxDocxTotalBytes), "must be at least MaxDocxPartBytes"),
            (MaxDocxCompressionRatio >= 2 && double.IsFinite(MaxDocxCompressionRatio), nameof(MaxDocxCompressionRatio), "must be a finite number of at least 2"),
            (DocxRatioFloorBytes >= 0, nameof(DocxRatioFloorBytes), "must not be negative"),
            (MaxXmlDepth is >= 16 and <= 10_000, nameof(MaxXmlDepth), "must be between 16 and 10000"),
        ];
        return checks.Where(c => !c.Ok).Select(c => (c.Name, c.Rule));
    }
}
