namespace TalentFlow.Silo.Security;

/// <summary>
/// The default scheme: a policy scheme that sends a request with <c>Authorization: Bearer</c> to JWT bearer (when
/// <c>Auth:Jwt</c> is on) and everything else to <see cref="ApiKeyAuthenticationHandler"/>, which also answers requests that
/// bring no credentials (401 with <c>WWW-Authenticate: ApiKey</c>).
/// </summary>
internal static class AuthenticationSchemes
{
    /// <summary>The default (policy) scheme.</summary>
    public const string Default = "ApiKeyOrBearer";

    /// <summary>The scheme that authenticates <paramref name="context"/>'s request.</summary>
    public static string Select(HttpContext context, JwtOptions jwt) =>
        jwt.Enabled && context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            ? Microsoft.AspNetCore.Authentication.JwtBearer.JwtBearerDefaults.AuthenticationScheme
            : ApiKeyAuthenticationHandler.SchemeName;
}
