using System.Buffers.Binary;
using System.Globalization;
using System.IO.Compression;
using System.Runtime.InteropServices;
using System.Text;
using System.Xml;

namespace TalentFlow.ML.Documents;

/// <summary>
/// Reads the paragraphs (body and tables, in order) of a DOCX; a tab between words becomes " | ". The DOCX is untrusted: its
/// ZIP is read with limits on the number of entries, the inflated size of each part and of the whole, and the inflated-to-
/// compressed ratio, counted on the bytes as they stream out of the inflater (a ZIP header can lie), and its XML with DTDs
/// prohibited and a depth limit — so a bomb is refused after a bounded amount of work and memory, never inflated in full.
/// </summary>
internal static class DocxTextExtractor
{
    private const string MainPart = "word/document.xml";
    private const string W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
    private const int EndOfCentralDirectorySize = 22;

    /// <summary>
    /// Refuses a ZIP whose end-of-central-directory record declares more than <see cref="DocumentReaderOptions.MaxDocxEntries"/>
    /// entries, before anything (the sniffer included) materialises its directory. A record that does not say (ZIP64) is
    /// left to <see cref="Extract"/>, which counts the entries it opened.
    /// </summary>
    public static void CheckEntryCount(ReadOnlySpan<byte> zip, DocumentReaderOptions options)
    {
        // The record sits at the end, after a comment of at most 65,535 bytes.
        var from = Math.Max(0, zip.Length - EndOfCentralDirectorySize - ushort.MaxValue);
        for (var i = zip.Length - EndOfCentralDirectorySize; i >= from; i--)
        {
            if (BinaryPrimitives.ReadUInt32LittleEndian(zip[i..]) != 0x06054b50) continue;
            int declared = BinaryPrimitives.ReadUInt16LittleEndian(zip[(i + 10)..]);
            if (declared != ushort.MaxValue) ThrowIfTooManyEntries(declared, options);
            return;
        }
    }

    public static string Extract(ReadOnlyMemory<byte> bytes, DocumentReaderOptions options, CancellationToken cancellationToken)
    {
        Stream stream = MemoryMarshal.TryGetArray(bytes, out var segment)
            ? new MemoryStream(segment.Array!, segment.Offset, segment.Count, writable: false)
            : new MemoryStream(bytes.ToArray(), writable: false);
        try
        {
            using var zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: false);
            ThrowIfTooManyEntries(zip.Entries.Count, options);
            long declaredTotal = 0;
            foreach (var entry in zip.Entries)
            {
                declaredTotal += entry.Length;
            }

            if (declaredTotal > options.MaxDocxTotalBytes)
            {
                throw TooLarge($"The DOCX declares {Mib(declaredTotal)} of content once inflated, over the {Mib(options.MaxDocxTotalBytes)} limit for a whole DOCX.");
            }

            var main = zip.GetEntry(MainPart) ?? throw new DocumentException(DocumentErrorKind.Corrupt, "The DOCX has no word/document.xml.");
            var budget = new InflationBudget(options);
            using var part = budget.Open(main, cancellationToken);
            return ReadParagraphs(part, options, cancellationToken);
        }
        catch (XmlException e) when (e.Message.Contains("DTD", StringComparison.Ordinal))
        {
            // XmlReader reports a prohibited DTD only through its message; "DTD" is the same word in every translation.
            throw new DocumentException(DocumentErrorKind.Unsafe, "The DOCX declares a DTD, which Word never writes and which can expand entities without bound; it is refused.", e);
        }
        catch (Exception e) when (e is InvalidDataException or XmlException or IOException)
        {
            throw new DocumentException(DocumentErrorKind.Corrupt, $"The DOCX is damaged: {e.Message}", e);
        }
    }

    private static string ReadParagraphs(Stream part, DocumentReaderOptions options, CancellationToken cancellationToken)
    {
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            MaxCharactersFromEntities = 1024,
            // Characters are at most bytes in UTF-8; the byte count in InflationBudget stops first, this is a second fence.
            MaxCharactersInDocument = options.MaxDocxPartBytes,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
            CloseInput = false,
        };
        using var reader = XmlReader.Create(part, settings);
        var names = new string[options.MaxXmlDepth + 2];
        var sb = new StringBuilder();
        var chunk = new char[4096];
        var inBody = false;
        var sawBody = false;
        var paragraphs = 0;
        var inText = false;
        long nodes = 0;
        while (reader.Read())
        {
            if ((++nodes & 0x3FFF) == 0) cancellationToken.ThrowIfCancellationRequested();
            switch (reader.NodeType)
            {
                case XmlNodeType.Element:
                    if (reader.Depth > options.MaxXmlDepth)
                    {
                        throw new DocumentException(DocumentErrorKind.Unsafe, string.Create(CultureInfo.InvariantCulture,
                            $"The DOCX nests its XML deeper than the limit of {options.MaxXmlDepth} levels."));
                    }

                    var w = ReferenceEquals(reader.NamespaceURI, W) || reader.NamespaceURI == W;
                    var name = w ? reader.LocalName : string.Empty;
                    var parent = reader.Depth > 0 ? names[reader.Depth - 1] : string.Empty;
                    if (name == "body" && reader.Depth == 1)
                    {
                        inBody = sawBody = !reader.IsEmptyElement;
                    }
                    else if (inBody && name == "p")
                    {
                        if (reader.IsEmptyElement) sb.Append('\n');
                        else paragraphs++;
                    }
                    else if (inBody && paragraphs > 0 && parent == "r")
                    {
                        switch (name)
                        {
                            case "t": inText = !reader.IsEmptyElement; break;
                            // A tab between words separates fields ("Engineer<tab>Contoso<tab>2019 – Present"); normalisation turns
                            // tabs into spaces, which would glue the fields together, so it becomes " | " (indentation stays nothing).
                            case "tab" when sb.Length > 0 && sb[^1] is not ('\n' or ' '): sb.Append(" | "); break;
                            case "br" or "cr": sb.Append('\n'); break;
                        }
                    }

                    if (!reader.IsEmptyElement) names[reader.Depth] = name;
                    break;
                case XmlNodeType.EndElement:
                    var end = names[reader.Depth];
                    if (end == "t") inText = false;
                    else if (end == "p" && inBody && paragraphs > 0) { paragraphs--; sb.Append('\n'); }
                    else if (end == "body" && reader.Depth == 1) inBody = false;
                    break;
                case XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace when inText:
                    // In chunks, not reader.Value: a string per run would be garbage in proportion to the document.
                    int k;
                    while ((k = reader.ReadValueChunk(chunk, 0, chunk.Length)) > 0) sb.Append(chunk, 0, k);
                    break;
            }
        }

        if (!sawBody)
        {
            throw new DocumentException(DocumentErrorKind.Corrupt, "The DOCX has no document body.");
        }

        return sb.ToString();
    }

    private static void ThrowIfTooManyEntries(int count, DocumentReaderOptions options)
    {
        if (count > options.MaxDocxEntries)
        {
            throw TooLarge(string.Create(CultureInfo.InvariantCulture,
                $"The DOCX holds {count} entries, over the limit of {options.MaxDocxEntries} parts."));
        }
    }

    private static DocumentException TooLarge(string message) => new(DocumentErrorKind.TooLarge, message);

    private static string Mib(long bytes) => bytes >= 1024 * 1024
        ? string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024 * 1024.0):0.#} MiB")
        : string.Create(CultureInfo.InvariantCulture, $"{bytes:N0} bytes");

    /// <summary>The inflated bytes read so far from the DOCX's parts, against the per-part, whole and ratio limits.</summary>
    internal sealed class InflationBudget(DocumentReaderOptions options)
    {
        private long _total;

        public Stream Open(ZipArchiveEntry entry, CancellationToken cancellationToken)
        {
            // The declared sizes refuse an honest bomb at once; the counting stream refuses one whose header lies.
            if (entry.Length > options.MaxDocxPartBytes)
            {
                throw TooLarge($"The DOCX part {entry.FullName} declares {Mib(entry.Length)} once inflated, over the {Mib(options.MaxDocxPartBytes)} limit for one part.");
            }

            CheckRatio(entry.FullName, entry.CompressedLength, entry.Length);
            return Count(entry.Open(), entry.FullName, entry.CompressedLength, cancellationToken);
        }

        /// <summary>
        /// Charges every byte read from <paramref name="inflating"/> to this budget. System.IO.Compression stops an entry at
        /// its declared length today; this is the fence that does not depend on it (or on the header being honest).
        /// </summary>
        public Stream Count(Stream inflating, string name, long compressedLength, CancellationToken cancellationToken) =>
            new CountingStream(inflating, this, name, compressedLength, cancellationToken);

        private void Add(string name, long compressedLength, long partBytes, int read)
        {
            _total += read;
            if (partBytes > options.MaxDocxPartBytes)
            {
                throw TooLarge($"The DOCX part {name} inflates to more than the {Mib(options.MaxDocxPartBytes)} limit for one part.");
            }

            if (_total > options.MaxDocxTotalBytes)
            {
                throw TooLarge($"The DOCX inflates to more than the {Mib(options.MaxDocxTotalBytes)} limit for a whole DOCX.");
            }

            CheckRatio(name, compressedLength, partBytes);
        }

        private void CheckRatio(string name, long compressedLength, long inflated)
        {
            if (inflated > options.DocxRatioFloorBytes && inflated > options.MaxDocxCompressionRatio * Math.Max(1, compressedLength))
            {
                throw new DocumentException(DocumentErrorKind.Unsafe, string.Create(CultureInfo.InvariantCulture,
                    $"The DOCX part {name} inflates more than {options.MaxDocxCompressionRatio:0.#} times its compressed size (the compression-ratio limit): a ZIP bomb, not a document."));
            }
        }

        /// <summary>A read-only stream over an inflating entry stream that charges every byte to the <see cref="InflationBudget"/>.</summary>
        private sealed class CountingStream(Stream inner, InflationBudget budget, string name, long compressedLength, CancellationToken cancellationToken) : Stream
        {
            private long _read;

            public override bool CanRead => true;
            public override bool CanSeek => false;
            public override bool CanWrite => false;
            public override long Length => throw new NotSupportedException();
            public override long Position { get => _read; set => throw new NotSupportedException(); }

            public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

            public override int Read(Span<byte> buffer)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var n = inner.Read(buffer);
                _read += n;
                // A DocumentException passes through XmlReader untouched and ends the read at once.
                budget.Add(name, compressedLength, _read, n);
                return n;
            }

            public override void Flush() { }
            public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
            public override void SetLength(long value) => throw new NotSupportedException();
            public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

            protected override void Dispose(bool disposing)
            {
                if (disposing) inner.Dispose();
                base.Dispose(disposing);
            }
        }
    }
}
