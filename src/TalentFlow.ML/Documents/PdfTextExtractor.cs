using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace TalentFlow.ML.Documents;

/// <summary>
/// Runs poppler-utils' <c>pdftotext</c> on a temporary copy of the PDF, within limits, because a PDF can be built to exhaust
/// a reader (a content stream that inflates to hundreds of megabytes of operators, an array of fifty million numbers):
/// <list type="bullet">
/// <item>one deadline for the whole extraction (<see cref="DocumentReaderOptions.Timeout"/>): past it the process is killed,
/// so the work really stops → <see cref="DocumentErrorKind.Timeout"/>;</item>
/// <item>the extractor's memory (<see cref="DocumentReaderOptions.MaxPdfExtractorBytes"/>), its peak resident size polled
/// every 50 ms; past it the process is killed → <see cref="DocumentErrorKind.Unsafe"/>. The memory is the child's, so it
/// returns to the system when the process ends;</item>
/// <item>pages (<see cref="DocumentReaderOptions.MaxPdfPages"/>: pdftotext is told to stop one page past it) and characters
/// (<see cref="DocumentReaderOptions.MaxPdfCharacters"/>), counted while its output streams in, so the silo never holds
/// more than the budget → <see cref="DocumentErrorKind.TooLarge"/>; its messages are kept to their last few kilobytes.</item>
/// </list>
/// Exit codes (pdftotext(1)): 0 ok, 1 the PDF could not be opened (damaged, or encrypted and the empty user password does not
/// open it: stderr then says "Incorrect password"), 3 permissions. Messages are not silenced (<c>-q</c> would hide the
/// password message). The plain reading is run first; when it yields text, <c>-layout</c> is run too, for
/// <see cref="ColumnReader"/>. Pages are counted from the form feed pdftotext ends each page with; images from
/// <c>/Subtype /Image</c> in the bytes.
/// </summary>
internal static class PdfTextExtractor
{
    private const int StderrTailChars = 4096;
    private static readonly TimeSpan MemoryPollInterval = TimeSpan.FromMilliseconds(50);

    public static async Task<PdfText> ExtractAsync(ReadOnlyMemory<byte> pdf, DocumentReaderOptions options, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(options.Timeout);
        var path = Path.Combine(Path.GetTempPath(), $"talentflow-{Guid.NewGuid():N}.pdf");
        await File.WriteAllBytesAsync(path, pdf, cancellationToken).ConfigureAwait(false);
        try
        {
            var plain = await RunAsync(path, pdf, layout: false, options, deadline.Token, cancellationToken).ConfigureAwait(false);
            var plainPages = Pages(plain);
            var images = CountImages(pdf.Span);
            if (string.IsNullOrWhiteSpace(plain))
            {
                return new PdfText(plain, plainPages.Length, images, 0, false, false);
            }

            var layoutPages = Pages(await RunAsync(path, pdf, layout: true, options, deadline.Token, cancellationToken).ConfigureAwait(false));
            var sb = new StringBuilder();
            int columns = 0;
            bool reordered = false, unfixable = false;
            for (var i = 0; i < plainPages.Length; i++)
            {
                var page = i < layoutPages.Length
                    ? ColumnReader.Read(plainPages[i], layoutPages[i], options.Quality)
                    : new ColumnReader.PageReading(plainPages[i], false, false, false);
                sb.Append(page.Text).Append('\n');
                columns += page.Columns ? 1 : 0;
                reordered |= page.Reordered;
                unfixable |= page.Unfixable;
            }

            return new PdfText(sb.ToString(), plainPages.Length, images, columns, reordered, unfixable);
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>pdftotext's output split into pages (each ends with a form feed).</summary>
    private static string[] Pages(string output)
    {
        var pages = output.Split('\f');
        return pages.Length > 1 && string.IsNullOrWhiteSpace(pages[^1]) ? pages[..^1] : pages;
    }

    /// <summary>Image XObjects: their stream dictionaries are never inside compressed object streams, so a byte scan finds them all.</summary>
    internal static int CountImages(ReadOnlySpan<byte> pdf)
    {
        var count = 0;
        var key = "/Subtype"u8;
        int at;
        while ((at = pdf.IndexOf(key)) >= 0)
        {
            pdf = pdf[(at + key.Length)..];
            var rest = pdf.TrimStart(" \t\r\n"u8);
            if (rest.StartsWith("/Image"u8) && (rest.Length == 6 || !char.IsAsciiLetterOrDigit((char)rest[6]))) count++;
        }

        return count;
    }

    /// <summary>
    /// One pdftotext run. Every way out of the limits kills the process first (the deadline through a registration, the
    /// memory watch and the output budget directly), so its pipes close and the reads below end: no read depends on a
    /// cancellable pipe.
    /// </summary>
    private static async Task<string> RunAsync(string path, ReadOnlyMemory<byte> pdf, bool layout, DocumentReaderOptions options,
        CancellationToken deadline, CancellationToken cancellationToken)
    {
        var psi = new ProcessStartInfo(options.PdfToTextPath)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        if (layout) psi.ArgumentList.Add("-layout");
        // One page past the limit: enough to know the limit was passed, without reading the rest.
        foreach (var arg in new[] { "-l", (options.MaxPdfPages + 1).ToString(CultureInfo.InvariantCulture), "-enc", "UTF-8", "-eol", "unix", path, "-" })
        {
            psi.ArgumentList.Add(arg);
        }

        deadline.ThrowIfCancellationRequested();
        Process process;
        try
        {
            process = Process.Start(psi) ?? throw new Win32Exception();
        }
        catch (Win32Exception e)
        {
            throw new DocumentException(DocumentErrorKind.ToolMissing,
                $"'{options.PdfToTextPath}' could not be started; install poppler-utils (apt-get install -y poppler-utils).", e);
        }

        using (process)
        using (deadline.Register(static p => Kill((Process)p!), process))
        using (var watching = new CancellationTokenSource())
        {
            var memory = WatchMemoryAsync(process, options.MaxPdfExtractorBytes, watching.Token);
            var stderr = ReadTailAsync(process.StandardError);
            DocumentException? overBudget;
            string text;
            try
            {
                (text, overBudget) = await ReadWithinBudgetAsync(process.StandardOutput, options).ConfigureAwait(false);
                if (overBudget is not null) Kill(process);
                await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            }
            finally
            {
                Kill(process);
                await watching.CancelAsync().ConfigureAwait(false);
            }

            var error = await stderr.ConfigureAwait(false);
            var outOfMemory = await memory.ConfigureAwait(false);
            if (overBudget is null && !outOfMemory && process.ExitCode == 0)
            {
                return text;
            }

            cancellationToken.ThrowIfCancellationRequested();
            if (outOfMemory)
            {
                throw new DocumentException(DocumentErrorKind.Unsafe, string.Create(CultureInfo.InvariantCulture,
                    $"Reading the PDF took more than the {options.MaxPdfExtractorBytes / (1024 * 1024.0):0.#} MiB memory limit for text extraction (a PDF built to exhaust a reader); upload a plain export of the resume."));
            }

            if (overBudget is not null) throw overBudget;
            if (deadline.IsCancellationRequested)
            {
                throw new DocumentException(DocumentErrorKind.Timeout, string.Create(CultureInfo.InvariantCulture,
                    $"PDF text extraction took longer than the {options.Timeout.TotalSeconds:0.#} s limit (a PDF built to exhaust a reader, or one far longer than a resume)."));
            }

            return process.ExitCode switch
            {
                3 => throw new DocumentException(DocumentErrorKind.Encrypted, "The PDF is encrypted and does not permit text extraction."),
                _ when error.Contains("password", StringComparison.OrdinalIgnoreCase) || HasEncryptDictionary(pdf.Span) =>
                    throw new DocumentException(DocumentErrorKind.Encrypted, "The PDF is encrypted with a password; remove the password and upload it again."),
                _ => throw new DocumentException(DocumentErrorKind.Corrupt,
                    $"The PDF is damaged and could not be read ({LastProblem(error)}pdftotext exit code {process.ExitCode})."),
            };
        }
    }

    /// <summary>
    /// The output, or the limit it passed: pages are counted by form feed and characters as they arrive, so an output of
    /// gigabytes is stopped at the budget, never held.
    /// </summary>
    private static async Task<(string Text, DocumentException? OverBudget)> ReadWithinBudgetAsync(StreamReader output, DocumentReaderOptions options)
    {
        var sb = new StringBuilder();
        var buffer = new char[16 * 1024];
        int pages = 0, n;
        while ((n = await output.ReadAsync(buffer.AsMemory()).ConfigureAwait(false)) > 0)
        {
            pages += buffer.AsSpan(0, n).Count('\f');
            if (pages > options.MaxPdfPages)
            {
                return (string.Empty, new DocumentException(DocumentErrorKind.TooLarge, string.Create(CultureInfo.InvariantCulture,
                    $"The PDF has more than {options.MaxPdfPages:N0} pages, the limit for a resume.")));
            }

            if (sb.Length + n > options.MaxPdfCharacters)
            {
                return (string.Empty, new DocumentException(DocumentErrorKind.TooLarge, string.Create(CultureInfo.InvariantCulture,
                    $"The PDF's text is longer than the {options.MaxPdfCharacters:N0}-character limit for a resume.")));
            }

            sb.Append(buffer, 0, n);
        }

        return (sb.ToString(), null);
    }

    /// <summary>The last few kilobytes of pdftotext's messages: a damaged PDF can make it write one per operator, millions of them.</summary>
    private static async Task<string> ReadTailAsync(StreamReader error)
    {
        var sb = new StringBuilder();
        var buffer = new char[4096];
        int n;
        while ((n = await error.ReadAsync(buffer.AsMemory()).ConfigureAwait(false)) > 0)
        {
            sb.Append(buffer, 0, n);
            if (sb.Length > 2 * StderrTailChars) sb.Remove(0, sb.Length - StderrTailChars);
        }

        return sb.ToString();
    }

    /// <summary>
    /// Polls the process's peak resident size (on Linux VmHWM, so a spike between polls still counts) and kills it past
    /// <paramref name="limit"/>; true when it did.
    /// </summary>
    private static async Task<bool> WatchMemoryAsync(Process process, long limit, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(MemoryPollInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                long used;
                try
                {
                    process.Refresh();
                    if (process.HasExited) return false;
                    used = Math.Max(process.PeakWorkingSet64, process.WorkingSet64);
                }
                catch (InvalidOperationException)
                {
                    return false; // exited between the checks
                }

                if (used > limit)
                {
                    Kill(process);
                    return true;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // the run ended
        }

        return false;
    }

    private static void Kill(Process process)
    {
        try
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
        }
        catch (Exception e) when (e is InvalidOperationException or Win32Exception or NotSupportedException)
        {
            // already gone
        }
    }

    /// <summary>An <c>/Encrypt</c> entry in a trailer: the file is encrypted even when pdftotext's message does not say so.</summary>
    internal static bool HasEncryptDictionary(ReadOnlySpan<byte> pdf) => pdf.IndexOf("/Encrypt"u8) >= 0;

    /// <summary>pdftotext's last message (its conclusion, e.g. "Couldn't read xref table"), without the "Syntax Error:" prefix.</summary>
    private static string LastProblem(string stderr)
    {
        var last = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault();
        if (last is null)
        {
            return string.Empty;
        }

        var colon = last.IndexOf(": ", StringComparison.Ordinal);
        var message = colon >= 0 ? last[(colon + 2)..] : last;
        return message.Length > 120 ? message[..120] + "…; " : message + "; ";
    }
}

/// <summary>What pdftotext read from a PDF.</summary>
/// <param name="Text">The text, pages separated by newlines, columns in reading order where they could be fixed.</param>
/// <param name="Pages">Pages.</param>
/// <param name="Images">Image XObjects.</param>
/// <param name="ColumnPages">Pages laid out in two columns.</param>
/// <param name="Reordered">Whether a page was re-read column by column.</param>
/// <param name="ColumnsUnfixable">Whether a page's columns were interleaved and could not be re-read.</param>
internal sealed record PdfText(string Text, int Pages, int Images, int ColumnPages, bool Reordered, bool ColumnsUnfixable);
