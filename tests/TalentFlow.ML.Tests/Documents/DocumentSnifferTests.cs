using System.IO.Compression;
using System.Text;
using TalentFlow.ML.Documents;

namespace TalentFlow.ML.Tests.Documents;

public sealed class DocumentSnifferTests
{
    private static byte[] Zip(string entry)
    {
        using var ms = new MemoryStream();
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var writer = new StreamWriter(zip.CreateEntry(entry).Open());
            writer.Write("<x/>");
        }
        return ms.ToArray();
    }

    [Fact]
    public void Sniff_PdfMagic_IsPdf() =>
        Assert.Equal(DocumentType.Pdf, DocumentSniffer.Sniff("%PDF-1.7\n..."u8.ToArray()).Type);

    [Fact]
    public void Sniff_ZipWithWordDocument_IsDocx() =>
        Assert.Equal(DocumentType.Docx, DocumentSniffer.Sniff(Zip("word/document.xml")).Type);

    [Fact]
    public void Sniff_ZipWithoutWordDocument_IsRefusedAsUnknownFormat()
    {
        var content = DocumentSniffer.Sniff(Zip("notes/readme.txt"));
        Assert.Null(content.Type);
        Assert.Equal(DocumentErrorKind.UnknownFormat, content.Refusal);
        Assert.Contains("ZIP archive", content.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Sniff_DamagedZip_ThrowsCorrupt() =>
        Assert.Equal(DocumentErrorKind.Corrupt, Assert.Throws<DocumentException>(() => DocumentSniffer.Sniff(Zip("word/document.xml")[..40])).Kind);

    [Theory]
    [InlineData(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0 }, "PNG image")]
    [InlineData(new byte[] { 0x4D, 0x5A, 0x90, 0x00, 0x03, 0x00 }, "Windows executable")]
    [InlineData(new byte[] { 0xFF, 0xD8, 0xFF, 0xE0, 0x00 }, "JPEG image")]
    [InlineData(new byte[] { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1 }, "legacy Office")]
    public void Sniff_KnownNonDocument_IsNamed(byte[] bytes, string expected)
    {
        var content = DocumentSniffer.Sniff(bytes);
        Assert.Null(content.Type);
        Assert.Contains(expected, content.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Sniff_Utf8WithBom_IsText() =>
        Assert.Equal(DocumentType.Text, DocumentSniffer.Sniff(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes("Résumé ✓")).ToArray()).Type);

    [Fact]
    public void Sniff_TextWithNul_IsBinary() =>
        Assert.Equal(DocumentErrorKind.Binary, DocumentSniffer.Sniff("abc\0def"u8.ToArray()).Refusal);

    [Fact]
    public void Sniff_Latin1WhenOnlyUtf8Accepted_IsRefused()
    {
        byte[] latin1 = Encoding.Latin1.GetBytes("Caf\u00e9 r\u00e9sum\u00e9");
        Assert.Equal(DocumentType.Text, DocumentSniffer.Sniff(latin1).Type);
        Assert.Equal(DocumentErrorKind.Binary, DocumentSniffer.Sniff(latin1, acceptLatin1: false).Refusal);
    }
}
