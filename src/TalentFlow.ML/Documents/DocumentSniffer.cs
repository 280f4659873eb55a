using System.IO.Compression;
using System.Runtime.InteropServices;
using System.Text.Unicode;

namespace TalentFlow.ML.Documents;

/// <summary>
/// Decides what a file is from its bytes, never from its name: PDF (<c>%PDF-</c>), DOCX (a ZIP, <c>PK\x03\x04</c>, holding
/// <c>word/document.xml</c>), plain text (no NUL bytes, few control bytes, valid UTF-8, or Latin-1 when allowed); anything else
/// is described (PNG image, Windows executable, ZIP archive, ...) so that a refusal can say what was found.
/// </summary>
public static class DocumentSniffer
{
    /// <summary>Sniffs <paramref name="bytes"/>; a ZIP that cannot be opened is a damaged DOCX (<see cref="DocumentErrorKind.Corrupt"/>).</summary>
    /// <param name="bytes">The whole file.</param>
    /// <param name="acceptLatin1">Whether text that is not valid UTF-8 is still text (decoded as Latin-1).</param>
    public static SniffedContent Sniff(ReadOnlyMemory<byte> bytes, bool acceptLatin1 = true)
    {
        var span = bytes.Span;
        if (span.StartsWith("%PDF-"u8)) return new SniffedContent(DocumentType.Pdf, "a PDF document");
        if (span.StartsWith("PK\x03\x04"u8)) return SniffZip(bytes);
        if (DescribeBinary(span) is { } binary) return new SniffedContent(null, binary, DocumentErrorKind.UnknownFormat);

        var text = span.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? span[3..] : span;
        if (TextDecoder.LooksBinary(text)) return new SniffedContent(null, "binary data", DocumentErrorKind.Binary);
        if (Utf8.IsValid(text)) return new SniffedContent(DocumentType.Text, "plain text");
        return acceptLatin1
            ? new SniffedContent(DocumentType.Text, "plain text")
            : new SniffedContent(null, "text that is not valid UTF-8", DocumentErrorKind.Binary);
    }

    private static SniffedContent SniffZip(ReadOnlyMemory<byte> bytes)
    {
        Stream stream = MemoryMarshal.TryGetArray(bytes, out var segment)
            ? new MemoryStream(segment.Array!, segment.Offset, segment.Count, writable: false)
            : new MemoryStream(bytes.ToArray(), writable: false);
        try
        {
            using var zip = new ZipArchive(stream, ZipArchiveMode.Read);
            return zip.GetEntry("word/document.xml") is null
                ? new SniffedContent(null, "a ZIP archive without word/document.xml (not a DOCX)", DocumentErrorKind.UnknownFormat)
                : new SniffedContent(DocumentType.Docx, "a DOCX document");
        }
        catch (InvalidDataException e)
        {
            throw new DocumentException(DocumentErrorKind.Corrupt, $"The file starts like a ZIP/DOCX but is damaged: {e.Message}", e);
        }
        finally
        {
            stream.Dispose();
        }
    }

    /// <summary>Common formats people upload by mistake, named so that the refusal says what was sent.</summary>
    private static string? DescribeBinary(ReadOnlySpan<byte> head) => head switch
    {
        [0x89, (byte)'P', (byte)'N', (byte)'G', ..] => "a PNG image",
        [0xFF, 0xD8, 0xFF, ..] => "a JPEG image",
        [(byte)'G', (byte)'I', (byte)'F', (byte)'8', ..] => "a GIF image",
        [(byte)'M', (byte)'Z', ..] => "a Windows executable",
        [0x7F, (byte)'E', (byte)'L', (byte)'F', ..] => "an ELF executable",
        [0xD0, 0xCF, 0x11, 0xE0, ..] => "a legacy Office document (.doc/.xls; save it as DOCX or PDF)",
        [0x1F, 0x8B, ..] => "a gzip archive",
        [(byte)'R', (byte)'a', (byte)'r', (byte)'!', ..] => "a RAR archive",
        [(byte)'7', (byte)'z', 0xBC, 0xAF, ..] => "a 7-Zip archive",
        _ => null,
    };
}

/// <summary>What <see cref="DocumentSniffer"/> found.</summary>
/// <param name="Type">The readable format, or null when the content is not one <see cref="DocumentReader"/> reads.</param>
/// <param name="Description">The content in words, e.g. <c>a PNG image</c>.</param>
/// <param name="Refusal">When <paramref name="Type"/> is null, why: <see cref="DocumentErrorKind.UnknownFormat"/> for a
/// recognised non-document format, <see cref="DocumentErrorKind.Binary"/> for unrecognised binary data.</param>
public readonly record struct SniffedContent(DocumentType? Type, string Description, DocumentErrorKind? Refusal = null);
