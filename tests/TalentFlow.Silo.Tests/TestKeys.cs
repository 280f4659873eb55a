using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using TalentFlow.Silo.Security;

namespace TalentFlow.Silo.Tests;

/// <summary>The keys the test hosts are configured with: one per role, each long enough to pass start-up validation.</summary>
internal static class TestKeys
{
    public const string Admin = "test-admin-key-0123456789abcdef";
    public const string Recruiter = "test-recruiter-key-0123456789abcdef";
    public const string Reviewer = "test-reviewer-key-0123456789abcdef";
    public const string Adjudicator = "test-adjudicator-key-0123456789abcdef";

    /// <summary>The configured names of the reviewer's and the adjudicator's keys (the reviewer's is its verdicts' default reviewer).</summary>
    public const string ReviewerName = "review-team";
    public const string AdjudicatorName = "adjudication-board";

    /// <summary>The shared key test hosts check JWT bearer tokens with (<c>Auth:Jwt:SigningKey</c>).</summary>
    public const string JwtSigningKey = "test-jwt-signing-key-0123456789abcdef-0123456789";
    public const string JwtAudience = "talentflow-tests";
    public const string JwtIssuer = "https://issuer.talentflow.test";

    /// <summary>The configured name of the recruiter's key (logs and 403 messages name keys by it).</summary>
    public const string RecruiterName = "recruiting-team";

    /// <summary><c>Auth:AdminKey</c> and <c>Auth:ApiKeys</c> with a recruiter and a reviewer key.</summary>
    public static IWebHostBuilder UseTestKeys(this IWebHostBuilder builder, bool withAdminKey = true)
    {
        if (withAdminKey) builder.UseSetting("Auth:AdminKey", Admin);
        builder.UseSetting("Auth:ApiKeys:0:Name", RecruiterName);
        builder.UseSetting("Auth:ApiKeys:0:Key", Recruiter);
        builder.UseSetting("Auth:ApiKeys:0:Role", ApiRoles.Recruiter);
        builder.UseSetting("Auth:ApiKeys:1:Name", "review-team");
        builder.UseSetting("Auth:ApiKeys:1:Key", Reviewer);
        builder.UseSetting("Auth:ApiKeys:1:Role", ApiRoles.Reviewer);
        builder.UseSetting("Auth:ApiKeys:2:Name", AdjudicatorName);
        builder.UseSetting("Auth:ApiKeys:2:Key", Adjudicator);
        builder.UseSetting("Auth:ApiKeys:2:Role", ApiRoles.Adjudicator);
        builder.UseSetting("Auth:Jwt:SigningKey", JwtSigningKey);
        builder.UseSetting("Auth:Jwt:Audience", JwtAudience);
        builder.UseSetting("Auth:Jwt:Issuer", JwtIssuer);
        return builder;
    }

    /// <summary>The key of <paramref name="role"/> (<see cref="ApiRoles"/>).</summary>
    public static string For(string role) => role switch
    {
        ApiRoles.Admin => Admin,
        ApiRoles.Recruiter => Recruiter,
        ApiRoles.Reviewer => Reviewer,
        ApiRoles.Adjudicator => Adjudicator,
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, "Not a role."),
    };

    /// <summary>
    /// A signed JWT with a <c>role</c> claim, valid for the test hosts unless told otherwise: another signing key, another
    /// audience, or a lifetime that ended <paramref name="expiredFor"/> ago.
    /// </summary>
    public static string Token(string role, string signingKey = JwtSigningKey, string audience = JwtAudience, TimeSpan? expiredFor = null)
    {
        var now = TimeProvider.System.GetUtcNow().UtcDateTime;
        var expires = expiredFor is { } ago ? now - ago : now.AddMinutes(5);
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = JwtIssuer,
            Audience = audience,
            Claims = new Dictionary<string, object> { ["sub"] = "pat@example.test", ["role"] = role },
            IssuedAt = expires.AddMinutes(-10),
            NotBefore = expires.AddMinutes(-10),
            Expires = expires,
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(signingKey)), SecurityAlgorithms.HmacSha256),
        });
    }

    /// <summary>Sends <paramref name="role"/>'s key with every request of <paramref name="client"/>.</summary>
    public static HttpClient As(this HttpClient client, string role)
    {
        client.DefaultRequestHeaders.Add("X-Api-Key", For(role));
        return client;
    }
}
