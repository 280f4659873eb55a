using System.ComponentModel;
using System.Diagnostics;
using System.Text;

namespace TalentFlow.ML.Documents;

/// <summary>
/// Runs poppler-utils' <c>pdftotext</c> on a temporary copy of the PDF, with a time limit. Exit codes (pdftotext(1)): 0 ok,
/// 1 the PDF could not be opened (damaged, or encrypted and the empty user password does not open it: stderr then says
/// "Incorrect password"), 3 permissions. Messages are not silenced (<c>-q</c> would hide the password message).
/// </summary>
internal static class PdfTextExtractor
{
    public static async Task<string> ExtractAsync(ReadOnlyMemory<byte> pdf, DocumentReaderOptions options, CancellationToken cancellationToken)
    {
        var path = Path.Combine(Path.GetTempPath(), $"talentflow-{Guid.NewGuid():N}.pdf");
        await File.WriteAllBytesAsync(path, pdf, cancellationToken).ConfigureAwait(false);
        try
        {
            var psi = new ProcessStartInfo(options.PdfToTextPath)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                StandardOutputEncoding = Encoding.UTF8,
            };
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
        finally
        {
            File.Delete(path);
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
