using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace TalentFlow.Silo.Security;

/// <summary>
/// Authenticates a request by its API key: the <c>X-Api-Key</c> header, or <c>Authorization: ApiKey &lt;key&gt;</c>. The
/// principal carries the key's name and role, never the key. A missing or unknown key is answered 401 with
/// <c>WWW-Authenticate: ApiKey</c>, a key whose role a route does not allow 403; both as RFC 9457 problems.
/// </summary>
internal sealed partial class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory loggerFactory, UrlEncoder encoder, ApiKeyStore keys)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggerFactory, encoder)
{
    /// <summary>The scheme's name, also the <c>WWW-Authenticate</c> challenge and the <c>Authorization</c> header's scheme.</summary>
    public const string SchemeName = "ApiKey";

    /// <summary>The header that carries the key.</summary>
    public const string HeaderName = "X-Api-Key";

    /// <summary>HTTP Basic: the password is the API key.</summary>
    public const string BasicScheme = "Basic";

    private static string? BasicPassword(string encoded)
    {
        try
        {
            string decoded = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(encoded));
            int colon = decoded.IndexOf(':', StringComparison.Ordinal);
            return colon < 0 ? null : decoded[(colon + 1)..];
        }
        catch (FormatException)
        {
            return null;
        }
    }

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? presented;
        var header = Request.Headers[HeaderName];
        if (header.Count > 1) return Task.FromResult(AuthenticateResult.Fail($"Send one {HeaderName} header."));
        if (header.Count == 1)
        {
            presented = header[0]?.Trim();
        }
        else if (Request.Headers.Authorization.ToString() is { Length: > 0 } authorization
            && authorization.StartsWith(SchemeName + " ", StringComparison.OrdinalIgnoreCase))
        {
            presented = authorization[(SchemeName.Length + 1)..].Trim();
        }
        else if (Request.Headers.Authorization.ToString() is { Length: > 0 } basic
            && basic.StartsWith(BasicScheme + " ", StringComparison.OrdinalIgnoreCase))
        {
            // HTTP Basic with the key as the password (any user name): what a browser sends after its sign-in prompt, and
            // `curl -u admin:KEY`.
            if (BasicPassword(basic[(BasicScheme.Length + 1)..].Trim()) is not { } password)
            {
                return Task.FromResult(AuthenticateResult.Fail("The Basic credentials are not base64 of user:key."));
            }
            presented = password;
        }
        else
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        if (string.IsNullOrEmpty(presented) || keys.Find(presented) is not { } identity)
        {
            UnknownKey(Logger, Request.Method, Request.Path, Context.Connection.RemoteIpAddress?.ToString());
            return Task.FromResult(AuthenticateResult.Fail("The API key is not valid."));
        }
        Authenticated(Logger, identity.Name, identity.Role);
        var principal = new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, identity.Name), new Claim(ClaimTypes.Role, identity.Role)], SchemeName, ClaimTypes.Name, ClaimTypes.Role));
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName)));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync().ConfigureAwait(false);
        // The dashboards ask a browser to sign in (Basic: user any, password the admin key); it then sends the credentials
        // with every request below /dashboard, the panels' fetches included. A script's own request that says so
        // (X-Requested-With, by convention) gets no Basic challenge, so the page can offer its key form instead of a prompt.
        // The API keeps answering with its own scheme.
        bool browserSignIn = Request.Path.StartsWithSegments("/dashboard", StringComparison.OrdinalIgnoreCase)
            && !Request.Headers.ContainsKey("X-Requested-With");
        Response.Headers.WWWAuthenticate = browserSignIn ? $"{BasicScheme} realm=\"TalentFlow dashboard\", charset=\"UTF-8\"" : SchemeName;
        string detail = result.Failure?.Message
            ?? $"This route needs an API key: send it in the {HeaderName} header (or Authorization: {SchemeName} <key>).";
        await TypedResults.Problem(detail, statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized").ExecuteAsync(Context).ConfigureAwait(false);
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        string name = Context.User.Identity?.Name ?? "?";
        string role = Context.User.FindFirstValue(ClaimTypes.Role) ?? "?";
        Forbidden(Logger, name, role, Request.Method, Request.Path);
        var allowed = (Context.GetEndpoint()?.Metadata.GetOrderedMetadata<IAuthorizeData>() ?? [])
            .SelectMany(a => ApiPolicies.RolesFor(a.Policy)).Distinct().ToList();
        if (allowed.Count == 0 && Context.GetEndpoint() is RouteEndpoint) allowed.Add(ApiRoles.Admin); // the fallback policy
        string detail = $"The key '{name}' has the role '{role}', which may not use this route"
            + (allowed.Count > 0 ? $"; it needs {string.Join(" or ", allowed)}." : ".");
        await TypedResults.Problem(detail, statusCode: StatusCodes.Status403Forbidden, title: "Forbidden").ExecuteAsync(Context).ConfigureAwait(false);
    }
}
