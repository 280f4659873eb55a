using System.Diagnostics;
using System.Globalization;
using TalentFlow.ML.Documents;
using Xunit.Abstractions;

namespace TalentFlow.ML.Tests.Documents;

/// <summary>Runs alone: the tests look for pdftotext processes this test process left behind and count what it allocated.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class PdfLimitCollection
{
    public const string Name = "PDF limits";
}

/// <summary>
/// Hostile PDFs built here (an operator flood that keeps pdftotext busy for minutes, an array that takes it to gigabytes, a
/// text flood of kilobytes that writes megabytes): each is refused with a typed error naming its limit, within about the
/// limit, and the extractor process is gone afterwards.
/// </summary>
[Collection(PdfLimitCollection.Name)]
public sealed class PdfLimitTests(ITestOutputHelper output)
{
    // 10 million q/Q pairs: 9.2 s of pdftotext without a limit on this machine; 25 million would be ~25 s.
    private static readonly Lazy<byte[]> Flood = new(() => HostileDocuments.OperatorFlood(25_000_000));
    // 30 million zeros in one array: pdftotext's memory grows past 600 MB over ~8 s without a limit.
    private static readonly Lazy<byte[]> Bomb = new(() => HostileDocuments.ArrayBomb(30_000_000));

    [Fact]
    public async Task ReadAsync_OperatorFlood_ThrowsTimeoutSoonAfterTheLimitAndStopsTheExtractor()
    {
        var options = new DocumentReaderOptions { Timeout = TimeSpan.FromSeconds(1) };

        var (e, elapsed, _) = await RefuseAsync(Flood.Value, options);

        Assert.Equal(DocumentErrorKind.Timeout, e.Kind);
        Assert.Contains("longer than the 1 s limit", e.Message, StringComparison.Ordinal);
        Assert.InRange(elapsed, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(4));
        Assert.Empty(await LeftoverExtractorsAsync());
    }

    [Fact]
    public async Task ReadAsync_OperatorFloodUnderALongerLimit_StillRunsPastTheShortOne()
    {
        // The flood is really slow: with 3 s it is still refused for time, not read; so the 1 s refusal above is the limit at work.
        var (e, elapsed, _) = await RefuseAsync(Flood.Value, new DocumentReaderOptions { Timeout = TimeSpan.FromSeconds(3) });

        Assert.Equal(DocumentErrorKind.Timeout, e.Kind);
        Assert.True(elapsed >= TimeSpan.FromSeconds(2.9), $"took {elapsed}");
    }

    [Fact]
    public async Task ReadAsync_ArrayBomb_ThrowsUnsafeNamingTheMemoryLimitAndStopsTheExtractor()
    {
        var options = new DocumentReaderOptions { Timeout = TimeSpan.FromSeconds(60), MaxPdfExtractorBytes = 64L * 1024 * 1024 };

        var (e, elapsed, _) = await RefuseAsync(Bomb.Value, options);

        Assert.Equal(DocumentErrorKind.Unsafe, e.Kind);
        Assert.Contains("64 MiB memory limit", e.Message, StringComparison.Ordinal);
        Assert.True(elapsed < TimeSpan.FromSeconds(10), $"took {elapsed}");
        Assert.Empty(await LeftoverExtractorsAsync());
    }

    [Fact]
    public async Task ReadAsync_TextFlood_ThrowsTooLargeNamingTheCharacterLimitHoldingLittle()
    {
        // 60 pages of ~50,000 characters: 3 MB of text from a 6 KB file; the budget stops it at 1,000,000 characters.
        var (e, _, allocated) = await RefuseAsync(HostileDocuments.TextFlood(60), new DocumentReaderOptions());

        Assert.Equal(DocumentErrorKind.TooLarge, e.Kind);
        Assert.Contains("1,000,000-character limit", e.Message, StringComparison.Ordinal);
        // The budget (2 MB of UTF-16) and its builder's growth, not the 6 MB the whole text would take twice over.
        Assert.True(allocated < 24L * 1024 * 1024, $"allocated {allocated:N0} bytes");
    }

    [Fact]
    public async Task ReadAsync_MorePagesThanTheLimit_ThrowsTooLargeNamingThePageLimit()
    {
        var pdf = PdfBuilder.Make([.. Enumerable.Range(1, 30).Select(i => (IReadOnlyList<PdfBuilder.Run>)[new PdfBuilder.Run(72, 700, "Page " + i.ToString(CultureInfo.InvariantCulture))])]);

        var (e, _, _) = await RefuseAsync(pdf, new DocumentReaderOptions { MaxPdfPages = 20 });

        Assert.Equal(DocumentErrorKind.TooLarge, e.Kind);
        Assert.Contains("more than 20 pages", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_PagesUpToTheLimit_ReadsEveryPage()
    {
        var pdf = PdfBuilder.Make([.. Enumerable.Range(1, 20).Select(i => (IReadOnlyList<PdfBuilder.Run>)[new PdfBuilder.Run(72, 700, "Engineer page " + i.ToString(CultureInfo.InvariantCulture))])]);

        var doc = await new DocumentReader(new DocumentReaderOptions { MaxPdfPages = 20 }).ReadAsync(pdf, "cv.pdf");

        Assert.Equal(20, doc.Quality!.Pages);
        Assert.Contains("Engineer page 20", doc.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(nameof(DocumentReaderOptions.MaxPdfPages))]
    [InlineData(nameof(DocumentReaderOptions.MaxPdfCharacters))]
    [InlineData(nameof(DocumentReaderOptions.MaxPdfExtractorBytes))]
    [InlineData(nameof(DocumentReaderOptions.Timeout))]
    public void Constructor_PdfLimitOutOfRange_ThrowsNamingIt(string limit)
    {
        var options = new DocumentReaderOptions();
        switch (limit)
        {
            case nameof(DocumentReaderOptions.MaxPdfPages): options.MaxPdfPages = 0; break;
            case nameof(DocumentReaderOptions.MaxPdfCharacters): options.MaxPdfCharacters = 10; break;
            case nameof(DocumentReaderOptions.MaxPdfExtractorBytes): options.MaxPdfExtractorBytes = 1024; break;
            default: options.Timeout = TimeSpan.Zero; break;
        }

        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new DocumentReader(options));
        Assert.Equal(limit, e.ParamName);
    }

    private async Task<(DocumentException Error, TimeSpan Elapsed, long Allocated)> RefuseAsync(byte[] pdf, DocumentReaderOptions options)
    {
        var sut = new DocumentReader(options);
        var before = GC.GetTotalAllocatedBytes(precise: true);
        var clock = Stopwatch.StartNew();
        var e = await Assert.ThrowsAsync<DocumentException>(() => sut.ReadAsync(pdf, "cv.pdf"));
        clock.Stop();
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        output.WriteLine($"{pdf.Length:N0}-byte PDF refused as {e.Kind} in {clock.Elapsed.TotalMilliseconds:0} ms, {allocated:N0} bytes allocated: {e.Message}");
        return (e, clock.Elapsed, allocated);
    }

    /// <summary>pdftotext processes whose parent is this test process, after a moment for the kill to land.</summary>
    private static async Task<List<int>> LeftoverExtractorsAsync()
    {
        if (!OperatingSystem.IsLinux()) return [];
        await Task.Delay(200);
        var self = Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        var found = new List<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid)) continue;
            try
            {
                // /proc/PID/stat: "pid (comm) state ppid ..."; comm may hold spaces, so split after its closing parenthesis.
                var stat = await File.ReadAllTextAsync(Path.Combine(dir, "stat"));
                var close = stat.LastIndexOf(')');
                var fields = stat[(close + 2)..].Split(' ');
                if (stat.Contains("(pdftotext)", StringComparison.Ordinal) && fields[1] == self && fields[0] != "Z") found.Add(pid);
            }
            catch (IOException)
            {
                // gone meanwhile
            }
            catch (UnauthorizedAccessException)
            {
                // not ours
            }
        }

        return found;
    }
}
