using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using W = DocumentFormat.OpenXml.Wordprocessing;
using TalentFlow.ML.Documents;

namespace TalentFlow.ML.Tests.Documents;

public sealed class DocumentReaderTests
{
    private static DocumentReader CreateSut(DocumentReaderOptions? options = null) => new(options);

    private static async Task<DocumentErrorKind> ErrorOf(Func<Task> read) =>
        (await Assert.ThrowsAsync<DocumentException>(read)).Kind;

    [Fact]
    public async Task ReadAsync_Utf8Text_ReturnsNormalizedText()
    {
        var doc = await CreateSut().ReadAsync(Encoding.UTF8.GetBytes("\uFEFFJane   Doe\r\nâ€¢ C#"), "cv.txt");
        Assert.Equal(DocumentType.Text, doc.Format);
        Assert.Equal("Jane Doe\n• C#", doc.Text);
    }

    [Fact]
    public async Task ReadAsync_Latin1Text_IsDecodedAsLatin1()
    {
        var doc = await CreateSut().ReadAsync(Encoding.Latin1.GetBytes("Caf\u00e9 r\u00e9sum\u00e9"), "cv.txt");
        Assert.Equal("Café résumé", doc.Text);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \r\n\t  ")]
    public async Task ReadAsync_EmptyOrWhitespace_ThrowsEmpty(string text) =>
        Assert.Equal(DocumentErrorKind.Empty, await ErrorOf(() => CreateSut().ReadAsync(Encoding.UTF8.GetBytes(text), "cv.txt")));

    [Fact]
    public async Task ReadAsync_BinaryGarbage_ThrowsBinary()
    {
        var bytes = new byte[4096];
        new Random(1).NextBytes(bytes);
        bytes[0] = 0x01;
        Assert.Equal(DocumentErrorKind.Binary, await ErrorOf(() => CreateSut().ReadAsync(bytes, "cv.txt")));
    }

    [Fact]
    public async Task ReadAsync_BinaryWithUnknownExtension_ThrowsUnknownFormat()
    {
        var bytes = new byte[] { 0x7F, 0x45, 0x4C, 0x46, 0, 0, 0, 1, 2, 3 };
        Assert.Equal(DocumentErrorKind.UnknownFormat, await ErrorOf(() => CreateSut().ReadAsync(bytes, "cv.exe")));
    }

    [Fact]
    public async Task ReadAsync_StreamOverLimit_ThrowsTooLargeWithoutReadingItAll()
    {
        var sut = CreateSut(new DocumentReaderOptions { MaxBytes = 1024 });
        using var stream = new MemoryStream(new byte[100 * 1024 * 1024]);
        Assert.Equal(DocumentErrorKind.TooLarge, await ErrorOf(() => sut.ReadAsync(stream, "big.txt")));
        Assert.True(stream.Position < 1024 * 1024);
    }

    [Fact]
    public async Task ReadAsync_Docx_ReturnsParagraphsAndTableText()
    {
        var doc = await CreateSut().ReadAsync(MakeDocx("Jane Doe", "Skills", "C#, SQL"), "cv.docx");
        Assert.Equal(DocumentType.Docx, doc.Format);
        Assert.Equal("Jane Doe\nSkills\nC#, SQL", doc.Text);
    }

    [Fact]
    public async Task ReadAsync_CorruptDocx_ThrowsCorrupt()
    {
        var bytes = MakeDocx("x")[..200];
        Assert.Equal(DocumentErrorKind.Corrupt, await ErrorOf(() => CreateSut().ReadAsync(bytes, "cv.docx")));
    }

    [Fact]
    public async Task ReadAsync_TextNamedPdf_ThrowsContentMismatchSayingWhatItIs()
    {
        var e = await Assert.ThrowsAsync<DocumentException>(() => CreateSut().ReadAsync("hello"u8.ToArray(), "cv.pdf"));
        Assert.Equal(DocumentErrorKind.ContentMismatch, e.Kind);
        Assert.Contains("plain text", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_DocxNamedTxt_ThrowsContentMismatch() =>
        Assert.Equal(DocumentErrorKind.ContentMismatch, await ErrorOf(() => CreateSut().ReadAsync(MakeDocx("Jane"), "cv.txt")));

    [Fact]
    public async Task ReadAsync_DocxWithUnknownExtension_ContentDecides() =>
        Assert.Equal(DocumentType.Docx, (await CreateSut().ReadAsync(MakeDocx("Jane Doe"), "cv.bin")).Format);

    [Fact]
    public async Task ReadAsync_PngNamedTxt_ThrowsUnknownFormatNamingPng()
    {
        var e = await Assert.ThrowsAsync<DocumentException>(() => CreateSut().ReadAsync(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0 }, "cv.txt"));
        Assert.Equal(DocumentErrorKind.UnknownFormat, e.Kind);
        Assert.Contains("PNG", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_PdfWithoutPdftotext_ThrowsToolMissingNamingPopplerUtils()
    {
        var sut = CreateSut(new DocumentReaderOptions { PdfToTextPath = "/nonexistent/pdftotext" });
        var e = await Assert.ThrowsAsync<DocumentException>(() => sut.ReadAsync(PdfFixture.Make("Hello"), "cv.pdf"));
        Assert.Equal(DocumentErrorKind.ToolMissing, e.Kind);
        Assert.Contains("poppler-utils", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_PdfExtractorHangs_ThrowsTimeout()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // the stand-in extractor is a shell script
        }

        var script = Path.Combine(Path.GetTempPath(), $"hang-{Guid.NewGuid():N}.sh");
        await File.WriteAllTextAsync(script, "#!/bin/sh\nexec sleep 30\n");
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserExecute | UnixFileMode.UserWrite);
        try
        {
            var sut = CreateSut(new DocumentReaderOptions { PdfToTextPath = script, Timeout = TimeSpan.FromMilliseconds(300) });
            Assert.Equal(DocumentErrorKind.Timeout, await ErrorOf(() => sut.ReadAsync(PdfFixture.Make("x"), "cv.pdf")));
        }
        finally
        {
            File.Delete(script);
        }
    }

    [Fact]
    public async Task ReadAsync_Pdf_ReturnsItsText()
    {
        var doc = await CreateSut().ReadAsync(PdfFixture.Make("Senior engineer C# SQL"), "cv.pdf");
        Assert.Equal(DocumentType.Pdf, doc.Format);
        Assert.Equal("Senior engineer C# SQL", doc.Text);
    }

    [Fact]
    public async Task ReadAsync_TruncatedPdf_ThrowsCorruptOrEmpty()
    {
        var kind = await ErrorOf(() => CreateSut().ReadAsync("%PDF-1.4\n%garbage"u8.ToArray(), "cv.pdf"));
        Assert.Contains(kind, new[] { DocumentErrorKind.Corrupt, DocumentErrorKind.Empty });
    }

    private static byte[] MakeDocx(params string[] paragraphs)
    {
        using var ms = new MemoryStream();
        using (var doc = WordprocessingDocument.Create(ms, WordprocessingDocumentType.Document))
        {
            var main = doc.AddMainDocumentPart();
            var body = new W.Body(paragraphs[..Math.Min(2, paragraphs.Length)].Select(p => new W.Paragraph(new W.Run(new W.Text(p)))));
            if (paragraphs.Length > 2)
            {
                body.Append(new W.Table(new W.TableRow(new W.TableCell(new W.Paragraph(new W.Run(new W.Text(paragraphs[2])))))));
            }

            main.Document = new W.Document(body);
        }

        return ms.ToArray();
    }
}
