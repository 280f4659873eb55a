using TalentFlow.ML.Documents;

namespace TalentFlow.ML.Tests.Documents;

/// <summary>Scanned, empty, garbled and two-column PDFs made here, read with the real pdftotext.</summary>
public sealed class PdfQualityTests
{
    private static readonly string[] GarbledLines = MakeGarbledLines();

    private static string[] MakeGarbledLines()
    {
        var random = new Random(42);
        const string symbols = "#$%&+=<>~^";
        return [.. Enumerable.Range(0, 6).Select(_ => string.Join(' ', Enumerable.Range(0, 6).Select(_ =>
            new string([.. Enumerable.Range(0, random.Next(3, 7)).Select(_ => symbols[random.Next(symbols.Length)])]))))];
    }

    [Fact]
    public async Task ReadAsync_ScannedPdf_ThrowsNoTextWithPagesAndImages()
    {
        var e = await Assert.ThrowsAsync<DocumentException>(() => new DocumentReader().ReadAsync(PdfBuilder.Scanned(pages: 2), "scan.pdf"));
        Assert.Equal(DocumentErrorKind.NoText, e.Kind);
        Assert.Equal((2, 0, 2), (e.Quality!.Pages, e.Quality.Characters, e.Quality.Images));
        Assert.Contains("scanned", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_PdfPageWithoutTextOrImages_ThrowsEmpty()
    {
        var e = await Assert.ThrowsAsync<DocumentException>(() => new DocumentReader().ReadAsync(PdfBuilder.Make([[]]), "blank.pdf"));
        Assert.Equal(DocumentErrorKind.Empty, e.Kind);
        Assert.Equal(0, e.Quality!.Images);
    }

    [Fact]
    public async Task ReadAsync_PdfOfSymbols_ThrowsGarbledWithItsShare()
    {
        var e = await Assert.ThrowsAsync<DocumentException>(() => new DocumentReader().ReadAsync(PdfBuilder.Lines(GarbledLines), "cv.pdf"));
        Assert.Equal(DocumentErrorKind.Garbled, e.Kind);
        Assert.Equal(1.0, e.Quality!.GarbledShare);
    }

    [Fact]
    public async Task ReadAsync_TypedPdfWithALogo_IsFitAndCountsTheImage()
    {
        var lines = Enumerable.Range(0, 5).Select(i => new PdfBuilder.Run(72, 700 - i * 14, "Built payment services in C# and SQL")).ToList();
        var doc = await new DocumentReader().ReadAsync(PdfBuilder.Make([lines], image: true), "cv.pdf");
        Assert.Equal(1, doc.Quality!.Images);
        Assert.Null(doc.Quality.Problem);
    }

    [Fact]
    public async Task ReadAsync_TwoColumnsReadAcrossEachOther_ReordersThemColumnByColumn()
    {
        var doc = await new DocumentReader().ReadAsync(PdfBuilder.TwoColumnResume(), "cv.pdf");
        Assert.True(doc.Quality!.Reordered);
        Assert.Equal(1, doc.Quality.ColumnPages);
        var text = doc.Text;
        // The left column reads through before the right one begins (below the line where the columns touch).
        Assert.True(text.IndexOf("Wrote data pipelines in Python", StringComparison.Ordinal) < text.IndexOf("Kubernetes and Terraform", StringComparison.Ordinal), text);
        Assert.True(text.IndexOf("2019 - 2024", StringComparison.Ordinal) < text.IndexOf("Built payment services in C#", StringComparison.Ordinal), text);
        Assert.True(text.IndexOf("Education", StringComparison.Ordinal) < text.IndexOf("BSc in Computer Science", StringComparison.Ordinal), text);
    }

    [Fact]
    public async Task ReadAsync_TwoColumnsWithAWideGutter_KeepsThePlainReading()
    {
        var pdf = PdfBuilder.TwoColumns("Jane Doe", ["Experience", "a", "b", "c", "d", "e", "f"], ["Skills", "C#", "SQL", "Azure", "Docker", "Go", "Rust"], rightX: 320);
        var doc = await new DocumentReader().ReadAsync(pdf, "cv.pdf");
        Assert.False(doc.Quality!.Reordered);
    }

    [Fact]
    public void CountImages_ImageXObjectsOnly_CountsEach() =>
        Assert.Equal(3, PdfTextExtractor.CountImages(PdfBuilder.Scanned(pages: 3)));
}
