using System.Security.Cryptography;
using System.Text;

namespace TalentFlow.Silo.Webhooks;

/// <summary>
/// How a webhook delivery is signed: <c>X-TalentFlow-Signature: sha256=&lt;hex&gt;</c>, the lower-case hex HMAC-SHA256 of
/// the request body's bytes keyed with the receiver's secret (UTF-8). Receivers recompute it over the raw body and compare
/// in constant time (<see cref="Verify"/>).
/// </summary>
public static class WebhookSignature
{
    /// <summary>The signature header.</summary>
    public const string SignatureHeader = "X-TalentFlow-Signature";

    /// <summary>The header with the Unix time (seconds) of the attempt.</summary>
    public const string TimestampHeader = "X-TalentFlow-Timestamp";

    /// <summary>The header with the event's id (the same on every retry: deduplicate by it).</summary>
    public const string EventIdHeader = "X-TalentFlow-Event-Id";

    /// <summary>The header with the event's kind.</summary>
    public const string EventKindHeader = "X-TalentFlow-Event";

    private const string Prefix = "sha256=";

    /// <summary>The header value for <paramref name="body"/> signed with <paramref name="secret"/>.</summary>
    public static string Sign(ReadOnlySpan<byte> body, string secret)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        return Prefix + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));
    }

    /// <summary>Whether <paramref name="header"/> is the signature of <paramref name="body"/> with <paramref name="secret"/> (constant-time).</summary>
    public static bool Verify(ReadOnlySpan<byte> body, string secret, string? header)
    {
        if (header is null || !header.StartsWith(Prefix, StringComparison.Ordinal)) return false;
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Sign(body, secret)), Encoding.ASCII.GetBytes(header));
    }
}
