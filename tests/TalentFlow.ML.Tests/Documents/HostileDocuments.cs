using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace TalentFlow.ML.Tests.Documents;

/// <summary>
/// Documents built to exhaust a reader, made in the test (nothing is stored): PDFs whose one Flate-compressed content stream
/// inflates to tens of megabytes of operators, and DOCX zip bombs. Shared with the silo's load test.
/// </summary>
internal static class HostileDocuments
{
    /// <summary>
    /// A one-page PDF whose content stream is <paramref name="operators"/> times <c>q Q</c> (save and restore the graphics
    /// state): kilobytes on disk, pure parsing for pdftotext. 10 million (40 MB inflated, 39 KB compressed) took pdftotext
    /// 9.2 s here, 100 million over 60 s; it writes no text and stays under 10 MiB of memory, so only a time limit stops it.
    /// </summary>
    public static byte[] OperatorFlood(int operators) => Pdf(Repeat("q Q "u8, operators), pages: 1);

    /// <summary>
    /// A one-page PDF whose content stream is one <c>TJ</c> array of <paramref name="numbers"/> zeros: pdftotext holds the
    /// whole array as objects before it runs the operator. 50 million (100 MB inflated, 98 KB compressed) took it to 1.06 GB
    /// of memory in 13.6 s here; only a memory limit stops it early.
    /// </summary>
    public static byte[] ArrayBomb(int numbers) =>
        Pdf(s =>
        {
            s.Write("BT /F1 12 Tf 72 700 Td ["u8);
            Repeat("0 "u8, numbers)(s);
            s.Write("] TJ ET"u8);
        }, pages: 1);

    /// <summary>
    /// <paramref name="pages"/> pages that all draw one content stream of 780 lines of text in a 1-point font: a few kilobytes
    /// compressed, about 50,000 characters of output per page (200 pages: 10 MB of text, 30 s of pdftotext here).
    /// </summary>
    public static byte[] TextFlood(int pages)
    {
        var line = "0 -1 Td (" + string.Concat(Enumerable.Repeat("resume text ", 45)) + ") Tj ";
        return Pdf(s =>
        {
            s.Write("BT /F1 1 Tf 1 0 0 1 10 785 Tm "u8);
            var bytes = Encoding.ASCII.GetBytes(line);
            for (var i = 0; i < 780; i++) s.Write(bytes);
            s.Write("ET"u8);
        }, pages);
    }

    /// <summary>A DOCX whose document.xml is <paramref name="bytes"/> of spaces: a ZIP bomb (200 MiB deflate to about 200 KB).</summary>
    public static byte[] DocxBomb(long bytes) => Docx(Repeat(" "u8, (int)Math.Min(int.MaxValue, bytes)));

    /// <summary>A DOCX whose body nests <paramref name="depth"/> run elements.</summary>
    public static byte[] DocxNested(int depth) => Docx(Repeat("<w:r>"u8, depth));

    /// <summary>Writes <paramref name="unit"/> <paramref name="count"/> times, 64 KiB at a time.</summary>
    private static Action<Stream> Repeat(ReadOnlySpan<byte> unit, int count)
    {
        var perBlock = Math.Max(1, 65536 / unit.Length);
        var block = new byte[perBlock * unit.Length];
        for (var i = 0; i < perBlock; i++) unit.CopyTo(block.AsSpan(i * unit.Length));
        var length = unit.Length;
        return s =>
        {
            for (long left = count; left > 0; left -= perBlock)
            {
                s.Write(block, 0, (int)Math.Min(left, perBlock) * length);
            }
        };
    }

    /// <summary>A PDF of <paramref name="pages"/> pages sharing one Flate-compressed content stream, with a correct xref.</summary>
    private static byte[] Pdf(Action<Stream> content, int pages)
    {
        byte[] compressed;
        using (var ms = new MemoryStream())
        {
            using (var zlib = new ZLibStream(ms, CompressionLevel.Optimal, leaveOpen: true)) content(zlib);
            compressed = ms.ToArray();
        }

        var objects = new List<byte[]>
        {
            Encoding.ASCII.GetBytes("<< /Type /Catalog /Pages 2 0 R >>"),
            Encoding.ASCII.GetBytes("<< /Type /Pages /Kids [" + string.Join(' ', Enumerable.Range(5, pages).Select(k => k.ToString(CultureInfo.InvariantCulture) + " 0 R"))
                + "] /Count " + pages.ToString(CultureInfo.InvariantCulture) + " >>"),
            Encoding.ASCII.GetBytes("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"),
            Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"<< /Length {compressed.Length} /Filter /FlateDecode >>\nstream\n"))
                .Concat(compressed).Concat("\nendstream"u8.ToArray()).ToArray(),
        };
        for (var i = 0; i < pages; i++)
        {
            objects.Add(Encoding.ASCII.GetBytes("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 3 0 R >> >> >>"));
        }

        using var pdf = new MemoryStream();
        pdf.Write("%PDF-1.4\n"u8);
        var offsets = new List<long>();
        for (var i = 0; i < objects.Count; i++)
        {
            offsets.Add(pdf.Position);
            pdf.Write(Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{i + 1} 0 obj\n")));
            pdf.Write(objects[i]);
            pdf.Write("\nendobj\n"u8);
        }

        var xref = pdf.Position;
        var tail = new StringBuilder(string.Create(CultureInfo.InvariantCulture, $"xref\n0 {objects.Count + 1}\n0000000000 65535 f \n"));
        foreach (var offset in offsets) tail.Append(CultureInfo.InvariantCulture, $"{offset:D10} 00000 n \n");
        tail.Append(CultureInfo.InvariantCulture, $"trailer\n<< /Size {objects.Count + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        pdf.Write(Encoding.ASCII.GetBytes(tail.ToString()));
        return pdf.ToArray();
    }

    private static byte[] Docx(Action<Stream> body)
    {
        using var ms = new MemoryStream();
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Create, leaveOpen: true))
        {
            Write(zip, "[Content_Types].xml", s => s.Write("""<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"""u8));
            Write(zip, "_rels/.rels", s => s.Write("""<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="r1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"""u8));
            Write(zip, "word/document.xml", s =>
            {
                s.Write("""<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>"""u8);
                body(s);
                s.Write("</w:body></w:document>"u8);
            });
        }

        return ms.ToArray();
    }

    private static void Write(ZipArchive zip, string name, Action<Stream> write)
    {
        using var s = zip.CreateEntry(name, CompressionLevel.Optimal).Open();
        write(s);
    }
}
