using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;

namespace TalentFlow.Silo.Security;

/// <summary>
/// Describes authentication in the OpenAPI document, so that clients generated from it send credentials: the <c>ApiKey</c>
/// scheme (header <c>X-Api-Key</c>), <c>Bearer</c> when <c>Auth:Jwt</c> is on, and on each operation that needs them the
/// requirement, the roles it accepts and the two refusals every secured route can answer (401 without valid credentials,
/// 403 for a role it does not accept, both problem+json). Anonymous operations carry no requirement.
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

    public async Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        if (!auth.Value.Enabled || metadata.OfType<IAllowAnonymous>().Any()) return;
        var roles = metadata.OfType<IAuthorizeData>().SelectMany(a => ApiPolicies.RolesFor(a.Policy)).Distinct().ToList();
        if (roles.Count == 0) roles.Add(ApiRoles.Admin);
        operation.Security ??= [];
        operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(ApiKeyAuthenticationHandler.SchemeName, context.Document)] = [] });
        if (auth.Value.Jwt.Enabled) operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("Bearer", context.Document)] = [] });
        operation.Description = (operation.Description is { Length: > 0 } d ? d + "\n\n" : "") + $"Roles: {string.Join(", ", roles)}.";
        var problem = await ProblemSchemaAsync(context, cancellationToken).ConfigureAwait(false);
        operation.Responses ??= [];
        operation.Responses.TryAdd("401", Refusal("No key or token, or one this cluster does not know.", problem));
        operation.Responses.TryAdd("403", Refusal($"The caller's role is not one of: {string.Join(", ", roles)}.", problem));
    }

    private static OpenApiResponse Refusal(string description, IOpenApiSchema problem) => new()
    {
        Description = description,
        Content = new Dictionary<string, OpenApiMediaType>(StringComparer.Ordinal) { ["application/problem+json"] = new() { Schema = problem } },
    };

    /// <summary>The document's ProblemDetails schema (the one the routes' declared problems use), added when no route declared one yet.</summary>
    private static async Task<IOpenApiSchema> ProblemSchemaAsync(OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        const string id = nameof(ProblemDetails);
        var document = context.Document ?? throw new InvalidOperationException("The operation transformer ran without its document.");
        if (document.Components?.Schemas?.ContainsKey(id) != true)
        {
            document.AddComponent(id, await context.GetOrCreateSchemaAsync(typeof(ProblemDetails), null, cancellationToken).ConfigureAwait(false));
        }
        return new OpenApiSchemaReference(id, document);
    }
}
