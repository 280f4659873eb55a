using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace TalentFlow.Silo.Security;

/// <summary>Registers authentication (API keys, optionally JWT bearer) and the role policies.</summary>
internal static class SecurityServiceCollectionExtensions
{
    /// <summary>
    /// API keys from <paramref name="section"/> (<see cref="AuthOptions"/>, validated at start-up), JWT bearer when
    /// <c>Auth:Jwt</c> is set, a default scheme that picks between them (<see cref="AuthenticationSchemes"/>), and the
    /// policies of <see cref="ApiPolicies"/>; a route that names no policy and does not allow anonymous callers is admin
    /// only. With <c>Auth:Enabled=false</c> every policy passes.
    /// </summary>
    /// <param name="services">The host's services.</param>
    /// <param name="section">The <c>Auth</c> configuration section.</param>
    /// <param name="generateAdminKeyWhenMissing">True for the embedded default: no configured admin key means one is generated.</param>
    /// <param name="configure">Further configuration of the options (tests).</param>
    public static IServiceCollection AddTalentFlowAuthentication(this IServiceCollection services, IConfiguration section,
        bool generateAdminKeyWhenMissing, Action<OptionsBuilder<AuthOptions>>? configure = null)
    {
        var options = services.AddOptions<AuthOptions>().Bind(section).ValidateOnStart();
        configure?.Invoke(options);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AuthOptions>, AuthOptionsValidator>());
        services.AddSingleton(new GeneratedAdminKey(generateAdminKeyWhenMissing));
        services.AddSingleton<IPostConfigureOptions<AuthOptions>>(sp => sp.GetRequiredService<GeneratedAdminKey>());
        services.TryAddSingleton(new StartupConsole(Console.Out));
        services.TryAddSingleton<ApiKeyStore>();
        services.AddHostedService<AuthStartupNotice>();

        services.AddAuthentication(AuthenticationSchemes.Default)
            .AddPolicyScheme(AuthenticationSchemes.Default, "API key or JWT bearer", _ => { })
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null)
            .AddJwtBearer();
        services.AddOptions<PolicySchemeOptions>(AuthenticationSchemes.Default).Configure<IOptions<AuthOptions>>((o, auth) =>
            o.ForwardDefaultSelector = context => AuthenticationSchemes.Select(context, auth.Value.Jwt));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<JwtBearerOptions>, ConfigureJwtBearer>());
        services.AddAuthorization();
        // Authentication brings data protection, which nothing here uses (no cookies, no antiforgery tokens): keep its keys in
        // memory rather than writing an unencrypted key ring to disk and warning about it at every start.
        services.AddDataProtection().UseEphemeralDataProtectionProvider();
        services.AddSingleton<IConfigureOptions<AuthorizationOptions>, ConfigureApiPolicies>();
        return services;
    }

    /// <summary>The policies, decided once the <see cref="AuthOptions"/> (on or off) are known.</summary>
    private sealed class ConfigureApiPolicies(IOptions<AuthOptions> auth) : IConfigureOptions<AuthorizationOptions>
    {
        public void Configure(AuthorizationOptions options)
        {
            bool enabled = auth.Value.Enabled;
            foreach (string policy in ApiPolicies.All)
            {
                options.AddPolicy(policy, enabled
                    ? new AuthorizationPolicyBuilder().RequireRole(ApiPolicies.RolesFor(policy)).Build()
                    : new AuthorizationPolicyBuilder().RequireAssertion(_ => true).Build());
            }
            // A route that names no policy is admin only. A request that matches no route (404) or only routing's own 405/415
            // answers (plain endpoints, not route endpoints) needs a valid key of any role: a recruiter's typo is a 404, not a
            // 403, and an anonymous caller learns nothing of the routes.
            options.FallbackPolicy = enabled
                ? new AuthorizationPolicyBuilder().RequireAuthenticatedUser()
                    .RequireAssertion(c => c.Resource is not HttpContext http || http.GetEndpoint() is not RouteEndpoint || c.User.IsInRole(ApiRoles.Admin))
                    .Build()
                : null;
        }
    }
}
