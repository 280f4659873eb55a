using System.Security.Cryptography;
using System.Text;

namespace TalentFlow.Silo.Dashboard;

/// <summary>
/// The dashboard's HTML and the Content-Security-Policy that goes with it: only the page's own inline scripts and styles run
/// (allowed by their SHA-256 hashes, computed here so they always match), fetches go only to this origin, nothing frames it.
/// </summary>
internal sealed record DashboardPage(string Html, string ContentSecurityPolicy)
{
    public static DashboardPage Of(string html) => new(html,
        $"default-src 'none'; script-src {Hash(html, "script")}; style-src {Hash(html, "style")}; connect-src 'self'; " +
        "img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'");

    /// <summary>
    /// The CSP hash sources of every inline <paramref name="element"/> of the page, space-separated (panels bring their own
    /// script blocks).
    /// </summary>
    private static string Hash(string html, string element)
    {
        string open = $"<{element}>", close = $"</{element}>";
        var hashes = new List<string>();
        for (int at = html.IndexOf(open, StringComparison.Ordinal); at >= 0; at = html.IndexOf(open, at, StringComparison.Ordinal))
        {
            int start = at + open.Length;
            int end = html.IndexOf(close, start, StringComparison.Ordinal);
            if (end < 0) throw new InvalidOperationException($"The dashboard page has an unclosed <{element}> element.");
            hashes.Add("'sha256-" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(html[start..end]))) + "'");
            at = end + close.Length;
        }
        if (hashes.Count == 0) throw new InvalidOperationException($"The dashboard page has no <{element}> element.");
        return string.Join(' ', hashes);
    }
}
