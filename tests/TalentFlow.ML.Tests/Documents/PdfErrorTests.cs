using TalentFlow.ML.Documents;

namespace TalentFlow.ML.Tests.Documents;

/// <summary>Encrypted, damaged and oversized documents end in a typed, readable <see cref="DocumentException"/>.</summary>
public sealed class PdfErrorTests
{
    private static DocumentReader CreateSut(DocumentReaderOptions? options = null) => new(options);

    [Fact]
    public async Task ReadAsync_PasswordProtectedPdf_ThrowsEncryptedWithReadableMessage()
    {
        var pdf = EncryptedPdfFixture.Make("Senior engineer C# SQL", userPassword: "secret");
        var e = await Assert.ThrowsAsync<DocumentException>(() => CreateSut().ReadAsync(pdf, "cv.pdf"));
        Assert.Equal(DocumentErrorKind.Encrypted, e.Kind);
        Assert.Contains("password", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public async Task ReadAsync_EncryptedPdfWithEmptyUserPassword_ReturnsItsText()
    {
        // An owner password alone restricts editing, not opening: such files are readable and must stay so.
        var doc = await CreateSut().ReadAsync(EncryptedPdfFixture.Make("Senior engineer C# SQL", userPassword: string.Empty), "cv.pdf");
        Assert.Equal("Senior engineer C# SQL", doc.Text);
    }

    [Fact]
    public async Task ReadAsync_PdfWithGarbageBody_ThrowsCorruptNamingTheProblem()
    {
        var pdf = PdfFixture.Make("Hello");
        new Random(7).NextBytes(pdf.AsSpan(9));
        var e = await Assert.ThrowsAsync<DocumentException>(() => CreateSut().ReadAsync(pdf, "cv.pdf"));
        Assert.Equal(DocumentErrorKind.Corrupt, e.Kind);
        Assert.StartsWith("The PDF is damaged", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public async Task ReadAsync_PdfCutInHalf_ThrowsCorrupt()
    {
        var pdf = PdfFixture.Make("Hello");
        var e = await Assert.ThrowsAsync<DocumentException>(() => CreateSut().ReadAsync(pdf.AsMemory(0, 120), "cv.pdf"));
        Assert.Equal(DocumentErrorKind.Corrupt, e.Kind);
    }

    [Fact]
    public async Task ReadFileAsync_100MegabyteFile_ThrowsTooLargeBeforeReading()
    {
        var path = Path.Combine(Path.GetTempPath(), $"talentflow-big-{Guid.NewGuid():N}.pdf");
        try
        {
            // A sparse file: 100 MB long, next to nothing on disk.
            using (var file = File.Create(path))
            {
                file.Write("%PDF-1.4\n"u8);
                file.SetLength(100L * 1024 * 1024);
            }

            var e = await Assert.ThrowsAsync<DocumentException>(() => CreateSut().ReadFileAsync(path));
            Assert.Equal(DocumentErrorKind.TooLarge, e.Kind);
            Assert.Contains("10 MiB", e.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task ReadAsync_100MegabyteStream_StopsReadingJustPastTheLimit()
    {
        var stream = new CountingZeroStream(100L * 1024 * 1024);
        var e = await Assert.ThrowsAsync<DocumentException>(() => CreateSut().ReadAsync(stream, "big.txt"));
        Assert.Equal(DocumentErrorKind.TooLarge, e.Kind);
        Assert.InRange(stream.BytesRead, new DocumentReaderOptions().MaxBytes + 1, new DocumentReaderOptions().MaxBytes + (1 << 20));
    }

    /// <summary>A non-seekable stream of zeros that counts what was read from it.</summary>
    private sealed class CountingZeroStream(long length) : Stream
    {
        public long BytesRead { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => BytesRead; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var n = (int)Math.Min(buffer.Length, length - BytesRead);
            buffer[..n].Clear();
            BytesRead += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
