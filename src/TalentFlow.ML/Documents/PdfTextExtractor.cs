using System.ComponentModel;
using System.Diagnostics;
using System.Text;

namespace TalentFlow.ML.Documents;

/// <summary>
/// Runs poppler-utils' <c>pdftotext</c> on a temporary copy of the PDF, with a time limit. Exit codes (pdftotext(1)): 0 ok,
/// 1 the PDF could not be opened (damaged, or encrypted and the empty user password does not open it: stderr then says
/// "Incorrect password"), 3 permissions. Messages are not silenced (<c>-q</c> would hide the password message).
/// The plain reading is run first; when it yields text, <c>-layout</c> is run too, for <see cref="ColumnReader"/>. Pages are
/// counted from the form feed pdftotext ends each page with; images from <c>/Subtype /Image</c> in the bytes.
/// </summary>
internal static class PdfTextExtractor
{
    public static async Task<PdfText> ExtractAsync(ReadOnlyMemory<byte> pdf, DocumentReaderOptions options, CancellationToken cancellationToken)
    {
        var path = Path.Combine(Path.GetTempPath(), $"talentflow-{Guid.NewGuid():N}.pdf");
        await File.WriteAllBytesAsync(path, pdf, cancellationToken).ConfigureAwait(false);
        try
        {
            var plain = await RunAsync(path, pdf, layout: false, options, cancellationToken).ConfigureAwait(false);
            var plainPages = Pages(plain);
            var images = CountImages(pdf.Span);
            if (string.IsNullOrWhiteSpace(plain))
            {
                return new PdfText(plain, plainPages.Length, images, 0, false, false);
            }

            var layoutPages = Pages(await RunAsync(path, pdf, layout: true, options, cancellationToken).ConfigureAwait(false));
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

    private static async Task<string> RunAsync(string path, ReadOnlyMemory<byte> pdf, bool layout, DocumentReaderOptions options, CancellationToken cancellationToken)
    {
        {
            var psi = new ProcessStartInfo(options.PdfToTextPath)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                StandardOutputEncoding = Encoding.UTF8,
            };
            if (layout) psi.ArgumentList.Add("-layout");
            foreach (var arg in new[] { "-enc", "UTF-8", "-eol", "unix", path, "-" })
            {
                psi.ArgumentList.Add(arg);
            }

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
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(options.Timeout);
                var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
                var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
                try
                {
                    await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
                    var text = await stdout.ConfigureAwait(false);
                    var error = await stderr.ConfigureAwait(false);
                    return process.ExitCode switch
                    {
                        0 => text,
                        3 => throw new DocumentException(DocumentErrorKind.Encrypted, "The PDF is encrypted and does not permit text extraction."),
                        _ when error.Contains("password", StringComparison.OrdinalIgnoreCase) || HasEncryptDictionary(pdf.Span) =>
                            throw new DocumentException(DocumentErrorKind.Encrypted, "The PDF is encrypted with a password; remove the password and upload it again."),
                        _ => throw new DocumentException(DocumentErrorKind.Corrupt,
                            $"The PDF is damaged and could not be read ({LastProblem(error)}pdftotext exit code {process.ExitCode})."),
                    };
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    process.Kill(entireProcessTree: true);
                    throw new DocumentException(DocumentErrorKind.Timeout, $"PDF text extraction took longer than {options.Timeout.TotalSeconds:0.#} s.");
                }
                catch (OperationCanceledException)
                {
                    process.Kill(entireProcessTree: true);
                    throw;
                }
            }
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
