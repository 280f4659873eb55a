using System.Security.Cryptography;
using System.Text;

namespace TalentFlow.Silo.Dashboard;

/// <summary>
/// The dashboard's HTML and the Content-Security-Policy that goes with it: only the page's own inline script and style run
/// (allowed by their SHA-256 hashes, computed here so they always match), fetches go only to this origin, nothing frames it.
/// </summary>
internal sealed record DashboardPage(string Html, string ContentSecurityPolicy)
{
    public static DashboardPage Of(string html) => new(html,
        $"default-src 'none'; script-src '{Hash(html, "script")}'; style-src '{Hash(html, "style")}'; connect-src 'self'; " +
        "img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'");

    /// <summary>The CSP hash source of the page's one inline <paramref name="element"/>.</summary>
    private static string Hash(string html, string element)
    {
        string open = $"<{element}>", close = $"</{element}>";
        int start = html.IndexOf(open, StringComparison.Ordinal) + open.Length;
        int end = html.IndexOf(close, start, StringComparison.Ordinal);
        if (start < open.Length || end < 0) throw new InvalidOperationException($"The dashboard page has no <{element}> element.");
        return "sha256-" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(html[start..end])));
    }
}
