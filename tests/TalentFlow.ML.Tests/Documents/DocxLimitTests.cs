using System.Buffers.Binary;
using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using DocumentFormat.OpenXml.Packaging;
using TalentFlow.ML.Documents;
using Xunit.Abstractions;
using W = DocumentFormat.OpenXml.Wordprocessing;

namespace TalentFlow.ML.Tests.Documents;

/// <summary>
/// Hostile DOCX files built here (ZIP bombs, thousands of entries, deep nesting, entity expansion): each is refused with a
/// typed error naming its limit, quickly, allocating little on the reading thread (the DOCX path runs synchronously on it).
/// </summary>
public sealed class DocxLimitTests(ITestOutputHelper output)
{
    private const string Head = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>""";
    private const string Tail = "</w:body></w:document>";
    private const long BombBytes = 200L * 1024 * 1024;
    // Before the limits a 200 MiB part was inflated and parsed whole (gigabytes); refusals now allocate kilobytes.
    private const long AllocationBound = 4L * 1024 * 1024;

    // Built once: deflating 200 MB takes a second or two.
    private static readonly Lazy<byte[]> SpacesBomb = new(() => Docx(Repeated(" ", BombBytes)));
    private static readonly Lazy<byte[]> RunsBomb = new(() => Docx(Repeated("<w:p><w:r><w:t>a</w:t></w:r></w:p>", BombBytes)));
    private static readonly Lazy<byte[]> DeflatedRuns = new(() => Deflate(Repeated("<w:p><w:r><w:t>a</w:t></w:r></w:p>", BombBytes)));
    private static readonly Lazy<byte[]> DeflatedSmall = new(() => Deflate(Repeated("<w:p><w:r><w:t>a</w:t></w:r></w:p>", 19L << 20)));

    [Fact]
    public async Task ReadAsync_SpacesBombDeclaringItsSize_ThrowsTooLargeNamingTheWholeLimit()
    {
        var e = await RefuseQuicklyAsync(SpacesBomb.Value);
        Assert.Equal(DocumentErrorKind.TooLarge, e.Kind);
        Assert.Contains("over the 64 MiB limit for a whole DOCX", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_BombWhoseHeaderUnderstatesItsSize_ThrowsCorruptAfterOnlyTheDeclaredBytes()
    {
        // System.IO.Compression stops an entry at its declared length: the lie truncates the XML, it does not inflate 200 MB.
        var e = await RefuseQuicklyAsync(Understate(RunsBomb.Value));
        Assert.Equal(DocumentErrorKind.Corrupt, e.Kind);
    }

    [Fact]
    public void InflationBudget_BombStreamedThroughTheCount_ThrowsUnsafeAtTheRatioLimit()
    {
        var deflated = DeflatedRuns.Value;
        // Size limits far away, so that only the ratio can stop the read.
        var read = ReadThroughBudget(new DocumentReaderOptions { MaxDocxPartBytes = 1L << 30, MaxDocxTotalBytes = 1L << 30 }, [deflated], out var e);
        Assert.Equal(DocumentErrorKind.Unsafe, e.Kind);
        Assert.Contains("100 times its compressed size (the compression-ratio limit)", e.Message, StringComparison.Ordinal);
        Assert.InRange(read, (100L * deflated.Length) - ReadBuffer, 100L * deflated.Length);
    }

    [Fact]
    public void InflationBudget_NoRatioLimit_ThrowsTooLargeJustPastThePartLimit()
    {
        var options = new DocumentReaderOptions { MaxDocxCompressionRatio = 1e9 };
        var read = ReadThroughBudget(options, [DeflatedRuns.Value], out var e);
        Assert.Equal(DocumentErrorKind.TooLarge, e.Kind);
        Assert.Contains("inflates to more than the 32 MiB limit for one part", e.Message, StringComparison.Ordinal);
        Assert.InRange(read, options.MaxDocxPartBytes - ReadBuffer, options.MaxDocxPartBytes);
    }

    [Fact]
    public void InflationBudget_PartsTogetherOverTheWhole_ThrowsTooLargeNamingTheWholeLimit()
    {
        var options = new DocumentReaderOptions { MaxDocxCompressionRatio = 1e9, MaxDocxPartBytes = 20L << 20, MaxDocxTotalBytes = 50L << 20 };
        var read = ReadThroughBudget(options, [DeflatedSmall.Value, DeflatedSmall.Value, DeflatedSmall.Value], out var e);
        Assert.Equal(DocumentErrorKind.TooLarge, e.Kind);
        Assert.Contains("50 MiB limit for a whole DOCX", e.Message, StringComparison.Ordinal);
        Assert.InRange(read, options.MaxDocxTotalBytes - ReadBuffer, options.MaxDocxTotalBytes);
    }

    [Fact]
    public async Task ReadAsync_WholeOverTheTotalLimit_ThrowsTooLargeNamingTheWholeLimit()
    {
        var options = new DocumentReaderOptions { MaxDocxPartBytes = 1024, MaxDocxTotalBytes = 1024 };
        var e = (await Refuse(Docx("<w:p><w:r><w:t>" + new string('x', 2000) + "</w:t></w:r></w:p>"), options)).Error;
        Assert.Equal(DocumentErrorKind.TooLarge, e.Kind);
        Assert.Contains("over the 1,024 bytes limit for a whole DOCX", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_FiveThousandEntries_ThrowsTooLargeNamingTheEntryLimit()
    {
        var extra = Enumerable.Range(0, 5000).Select(i => ($"word/media/p{i}.xml", (Action<Stream>)(s => s.WriteByte((byte)'x'))));
        var (e, elapsed, _) = await Refuse(Docx("<w:p/>", extra));
        Assert.Equal(DocumentErrorKind.TooLarge, e.Kind);
        Assert.Contains("5003 entries, over the limit of 1000 parts", e.Message, StringComparison.Ordinal);
        Assert.True(elapsed < TimeSpan.FromSeconds(5), $"took {elapsed}");
    }

    [Fact]
    public async Task ReadAsync_DeeplyNestedXml_ThrowsUnsafeNamingTheDepthLimit()
    {
        var e = await RefuseQuicklyAsync(Docx(string.Concat(Enumerable.Repeat("<w:r>", 200_000))));
        Assert.Equal(DocumentErrorKind.Unsafe, e.Kind);
        Assert.Contains("limit of 256 levels", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_BillionLaughs_ThrowsUnsafeNamingTheDtd()
    {
        var dtd = new StringBuilder("""<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY l0 "lol">""");
        for (var i = 1; i <= 9; i++)
        {
            dtd.Append($"<!ENTITY l{i} \"{string.Concat(Enumerable.Repeat($"&l{i - 1};", 10))}\">");
        }

        dtd.Append("""]><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>&l9;</w:t></w:r></w:p></w:body></w:document>""");
        var e = await RefuseQuicklyAsync(Zip([("word/document.xml", s => s.Write(Encoding.UTF8.GetBytes(dtd.ToString())))]));
        Assert.Equal(DocumentErrorKind.Unsafe, e.Kind);
        Assert.Contains("DTD", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_DocxWithTabStopsBreaksAndATable_ReadsTextInOrder()
    {
        using var ms = new MemoryStream();
        using (var doc = WordprocessingDocument.Create(ms, DocumentFormat.OpenXml.WordprocessingDocumentType.Document))
        {
            var main = doc.AddMainDocumentPart();
            var tabbed = new W.Paragraph(
                new W.ParagraphProperties(new W.Tabs(new W.TabStop { Val = W.TabStopValues.Left, Position = 4000 })),
                new W.Run(new W.Text("Engineer"), new W.TabChar(), new W.Text("Contoso")));
            var broken = new W.Paragraph(new W.Run(new W.Text("line one"), new W.Break(), new W.Text("line two")));
            var table = new W.Table(new W.TableRow(new W.TableCell(new W.Paragraph(new W.Run(new W.Text("C#, SQL"))))));
            main.Document = new W.Document(new W.Body(tabbed, broken, table));
        }

        var read = await new DocumentReader().ReadAsync(ms.ToArray(), "cv.docx");
        Assert.Equal("Engineer | Contoso\nline one\nline two\nC#, SQL", read.Text);
    }

    [Fact]
    public async Task ReadAsync_DocxWithoutBody_ThrowsCorrupt()
    {
        var bytes = Zip([("word/document.xml", s => s.Write("""<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>"""u8))]);
        var e = await Assert.ThrowsAsync<DocumentException>(() => new DocumentReader().ReadAsync(bytes, "cv.docx"));
        Assert.Equal(DocumentErrorKind.Corrupt, e.Kind);
    }

    [Theory]
    [InlineData(nameof(DocumentReaderOptions.MaxDocxEntries))]
    [InlineData(nameof(DocumentReaderOptions.MaxDocxTotalBytes))]
    [InlineData(nameof(DocumentReaderOptions.MaxDocxCompressionRatio))]
    [InlineData(nameof(DocumentReaderOptions.MaxXmlDepth))]
    public void Constructor_LimitOutOfRange_ThrowsNamingIt(string limit)
    {
        var options = new DocumentReaderOptions();
        switch (limit)
        {
            case nameof(DocumentReaderOptions.MaxDocxEntries): options.MaxDocxEntries = 0; break;
            case nameof(DocumentReaderOptions.MaxDocxTotalBytes): options.MaxDocxTotalBytes = options.MaxDocxPartBytes - 1; break;
            case nameof(DocumentReaderOptions.MaxDocxCompressionRatio): options.MaxDocxCompressionRatio = double.NaN; break;
            default: options.MaxXmlDepth = 1; break;
        }

        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new DocumentReader(options));
        Assert.Equal(limit, e.ParamName);
    }

    private const int ReadBuffer = 81920;

    /// <summary>Reads each deflated part in turn through one budget until it refuses; returns the inflated bytes read in all before the refused read.</summary>
    private static long ReadThroughBudget(DocumentReaderOptions options, byte[][] parts, out DocumentException error)
    {
        var budget = new DocxTextExtractor.InflationBudget(options);
        var buffer = new byte[ReadBuffer];
        long read = 0;
        try
        {
            foreach (var part in parts)
            {
                using var counted = budget.Count(new DeflateStream(new MemoryStream(part), CompressionMode.Decompress), "word/document.xml", part.Length, CancellationToken.None);
                int n;
                while ((n = counted.Read(buffer)) > 0) read += n;
            }
        }
        catch (DocumentException e)
        {
            error = e;
            return read;
        }

        throw new Xunit.Sdk.XunitException($"read {read:N0} bytes without a refusal");
    }

    private static byte[] Deflate(Action<Stream> write)
    {
        using var ms = new MemoryStream();
        using (var deflate = new DeflateStream(ms, CompressionLevel.Optimal, leaveOpen: true)) write(deflate);
        return ms.ToArray();
    }

    /// <summary>Refused within 5 s and <see cref="AllocationBound"/> bytes allocated on this thread: a bomb costs nothing.</summary>
    private async Task<DocumentException> RefuseQuicklyAsync(byte[] docx)
    {
        var (e, elapsed, allocated) = await Refuse(docx);
        Assert.True(elapsed < TimeSpan.FromSeconds(5), $"took {elapsed}");
        Assert.True(allocated < AllocationBound, $"allocated {allocated:N0} bytes");
        return e;
    }

    /// <summary>Reads on this thread, timing it and counting what this thread allocated until the refusal.</summary>
    private async Task<(DocumentException Error, TimeSpan Elapsed, long Allocated)> Refuse(byte[] docx, DocumentReaderOptions? options = null)
    {
        var sut = new DocumentReader(options);
        var before = GC.GetAllocatedBytesForCurrentThread();
        var clock = Stopwatch.StartNew();
        var read = sut.ReadAsync(docx, "cv.docx");
        clock.Stop();
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        var e = await Assert.ThrowsAsync<DocumentException>(() => read);
        output.WriteLine($"{docx.Length:N0}-byte DOCX refused as {e.Kind} in {clock.Elapsed.TotalMilliseconds:0} ms, {allocated:N0} bytes allocated: {e.Message}");
        return (e, clock.Elapsed, allocated);
    }

    /// <summary>A document.xml of <paramref name="body"/> inside the body, plus the package parts Word writes.</summary>
    private static byte[] Docx(string body, IEnumerable<(string Name, Action<Stream> Write)>? extra = null) =>
        Docx(s => s.Write(Encoding.UTF8.GetBytes(body)), extra);

    private static byte[] Docx(Action<Stream> body, IEnumerable<(string Name, Action<Stream> Write)>? extra = null) => Zip(
    [
        ("[Content_Types].xml", s => s.Write("""<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"""u8)),
        ("_rels/.rels", s => s.Write("""<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="r1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"""u8)),
        ("word/document.xml", s =>
        {
            s.Write(Encoding.UTF8.GetBytes(Head));
            body(s);
            s.Write(Encoding.UTF8.GetBytes(Tail));
        }),
        .. extra ?? [],
    ]);

    private static Action<Stream> Repeated(string unit, long bytes) => s =>
    {
        var block = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat(unit, 65536 / unit.Length)));
        for (long written = 0; written < bytes; written += block.Length) s.Write(block);
    };

    private static byte[] Zip(IEnumerable<(string Name, Action<Stream> Write)> entries)
    {
        using var ms = new MemoryStream();
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, write) in entries)
            {
                using var s = zip.CreateEntry(name, CompressionLevel.Optimal).Open();
                write(s);
            }
        }

        return ms.ToArray();
    }

    /// <summary>A copy whose local and central headers declare word/document.xml inflates to 1,000 bytes: a lying bomb.</summary>
    private static byte[] Understate(byte[] zip)
    {
        var bytes = (byte[])zip.Clone();
        var name = "word/document.xml"u8;
        for (var i = 0; i + 46 < bytes.Length; i++)
        {
            var signature = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(i));
            if (signature == 0x04034b50 && bytes.AsSpan(i + 30).StartsWith(name))
            {
                BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(i + 22), 1000);
            }
            else if (signature == 0x02014b50 && bytes.AsSpan(i + 46).StartsWith(name))
            {
                BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(i + 24), 1000);
            }
        }

        return bytes;
    }
}
