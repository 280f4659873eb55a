using Microsoft.AspNetCore.Hosting;
using TalentFlow.Silo.Security;

namespace TalentFlow.Silo.Tests;

/// <summary>The keys the test hosts are configured with: one per role, each long enough to pass start-up validation.</summary>
internal static class TestKeys
{
    public const string Admin = "test-admin-key-0123456789abcdef";
    public const string Recruiter = "test-recruiter-key-0123456789abcdef";
    public const string Reviewer = "test-reviewer-key-0123456789abcdef";

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
        return builder;
    }

    /// <summary>The key of <paramref name="role"/> (<see cref="ApiRoles"/>).</summary>
    public static string For(string role) => role switch
    {
        ApiRoles.Admin => Admin,
        ApiRoles.Recruiter => Recruiter,
        ApiRoles.Reviewer => Reviewer,
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, "Not a role."),
    };

    /// <summary>Sends <paramref name="role"/>'s key with every request of <paramref name="client"/>.</summary>
    public static HttpClient As(this HttpClient client, string role)
    {
        client.DefaultRequestHeaders.Add("X-Api-Key", For(role));
        return client;
    }
}
