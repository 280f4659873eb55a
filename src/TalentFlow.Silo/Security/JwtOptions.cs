namespace TalentFlow.Silo.Security;

/// <summary>
/// Optional JWT bearer authentication (configuration section <c>Auth:Jwt</c>), on when <see cref="Authority"/> or
/// <see cref="SigningKey"/> is set. A token's <c>role</c> claim (<c>recruiter</c>, <c>reviewer</c> or <c>admin</c>; one value
/// or several) decides what it may do, as an API key's role does.
/// </summary>
internal sealed class JwtOptions
{
    /// <summary>The shortest signing key accepted: 32 characters (HMAC-SHA256 wants 256 bits).</summary>
    public const int MinimumSigningKeyLength = 32;

    /// <summary>The name of the claim that carries the role.</summary>
    public const string RoleClaim = "role";

    /// <summary>An OpenID Connect issuer whose discovery document gives the signing keys. Default unset.</summary>
    public string? Authority { get; set; }

    /// <summary>The audience tokens must be issued for. Required when JWT is on.</summary>
    public string? Audience { get; set; }

    /// <summary>The issuer tokens must come from; with <see cref="Authority"/>, the authority's. Default unset: not checked.</summary>
    public string? Issuer { get; set; }

    /// <summary>A shared HMAC key (HS256/384/512) instead of an <see cref="Authority"/>; at least 32 characters. Default unset.</summary>
    public string? SigningKey { get; set; }

    /// <summary>Default true: the authority's metadata must be fetched over HTTPS.</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>True when bearer tokens are accepted.</summary>
    public bool Enabled => !string.IsNullOrWhiteSpace(Authority) || !string.IsNullOrWhiteSpace(SigningKey);

    /// <summary>The settings with the signing key redacted.</summary>
    public override string ToString() =>
        $"Authority={Authority ?? "unset"}, Audience={Audience ?? "unset"}, Issuer={Issuer ?? "unset"}, SigningKey={(string.IsNullOrEmpty(SigningKey) ? "unset" : "[redacted]")}";
}
