using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace TalentFlow.Client.Tests;

/// <summary>The keys the test silo is configured with: one per role, each long enough to pass start-up validation.</summary>
internal static class TestKeys
{
    public const string Admin = "client-admin-key-0123456789abcdef";
    public const string Recruiter = "client-recruiter-key-0123456789abcdef";
    public const string Reviewer = "client-reviewer-key-0123456789abcdef";
    public const string Adjudicator = "client-adjudicator-key-0123456789abcdef";
    public const string JwtSigningKey = "client-jwt-signing-key-0123456789abcdef-0123456789";
    public const string JwtAudience = "talentflow-client-tests";
    public const string JwtIssuer = "https://issuer.talentflow.test";

    /// <summary><c>Auth:AdminKey</c>, a recruiter and a reviewer key, and a shared JWT signing key.</summary>
    public static IWebHostBuilder UseTestKeys(this IWebHostBuilder builder)
    {
        builder.UseSetting("Auth:AdminKey", Admin);
        builder.UseSetting("Auth:ApiKeys:0:Name", "recruiting-team");
        builder.UseSetting("Auth:ApiKeys:0:Key", Recruiter);
        builder.UseSetting("Auth:ApiKeys:0:Role", "recruiter");
        builder.UseSetting("Auth:ApiKeys:1:Name", "review-team");
        builder.UseSetting("Auth:ApiKeys:1:Key", Reviewer);
        builder.UseSetting("Auth:ApiKeys:1:Role", "reviewer");
        builder.UseSetting("Auth:ApiKeys:2:Name", "adjudication-board");
        builder.UseSetting("Auth:ApiKeys:2:Key", Adjudicator);
        builder.UseSetting("Auth:ApiKeys:2:Role", "adjudicator");
        builder.UseSetting("Auth:Jwt:SigningKey", JwtSigningKey);
        builder.UseSetting("Auth:Jwt:Audience", JwtAudience);
        builder.UseSetting("Auth:Jwt:Issuer", JwtIssuer);
        return builder;
    }

    /// <summary>A signed JWT the test silo accepts, with a <c>role</c> claim.</summary>
    public static string Token(string role)
    {
        var now = TimeProvider.System.GetUtcNow().UtcDateTime;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = JwtIssuer,
            Audience = JwtAudience,
            Claims = new Dictionary<string, object> { ["sub"] = "pat@example.test", ["role"] = role },
            IssuedAt = now.AddMinutes(-1),
            NotBefore = now.AddMinutes(-1),
            Expires = now.AddMinutes(5),
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(JwtSigningKey)), SecurityAlgorithms.HmacSha256),
        });
    }
}
