using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;

namespace TalentFlow.Silo.Security;

/// <summary>
/// Describes authentication in the OpenAPI document, so that clients generated from it send credentials: the <c>ApiKey</c>
/// scheme (header <c>X-Api-Key</c>), <c>Bearer</c> when <c>Auth:Jwt</c> is on, and on each operation that needs them the
/// requirement and the roles it accepts. Anonymous operations carry no requirement.
/// </summary>
internal sealed class OpenApiSecurityTransformer(IOptions<AuthOptions> auth) : IOpenApiDocumentTransformer, IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        if (!auth.Value.Enabled) return Task.CompletedTask;
        document.AddComponent<IOpenApiSecurityScheme>(ApiKeyAuthenticationHandler.SchemeName, new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Header,
            Name = ApiKeyAuthenticationHandler.HeaderName,
            Description = $"An API key (also accepted as 'Authorization: {ApiKeyAuthenticationHandler.SchemeName} <key>').",
        });
        if (auth.Value.Jwt.Enabled)
        {
            document.AddComponent<IOpenApiSecurityScheme>("Bearer", new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                BearerFormat = "JWT",
                Description = $"A JWT whose '{JwtOptions.RoleClaim}' claim names the role.",
            });
        }
        return Task.CompletedTask;
    }

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        if (!auth.Value.Enabled || metadata.OfType<IAllowAnonymous>().Any()) return Task.CompletedTask;
        var roles = metadata.OfType<IAuthorizeData>().SelectMany(a => ApiPolicies.RolesFor(a.Policy)).Distinct().ToList();
        if (roles.Count == 0) roles.Add(ApiRoles.Admin);
        operation.Security ??= [];
        operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(ApiKeyAuthenticationHandler.SchemeName, context.Document)] = [] });
        if (auth.Value.Jwt.Enabled) operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("Bearer", context.Document)] = [] });
        operation.Description = (operation.Description is { Length: > 0 } d ? d + "\n\n" : "") + $"Roles: {string.Join(", ", roles)}.";
        return Task.CompletedTask;
    }
}
