using Microsoft.OpenApi;

namespace TalentFlow.Silo.Endpoints;

/// <summary>
/// The OpenAPI metadata the routes share. A route declares its success (<c>Produces&lt;T&gt;</c>, <see cref="ProducesCreated{T}"/>
/// or a <c>TypedResults</c> return) and the problem+json answers its handler can give (<see cref="ProducesProblems{TBuilder}"/>);
/// 401 and 403 come with its security requirement (<see cref="Security.OpenApiSecurityTransformer"/>). OpenApiDocumentTests
/// fail for an operation that declares no success or no problem.
/// </summary>
internal static class ApiDocumentation
{
    /// <summary>Declares that the route answers each of <paramref name="statuses"/> as an RFC 9457 problem (application/problem+json).</summary>
    public static TBuilder ProducesProblems<TBuilder>(this TBuilder builder, params int[] statuses) where TBuilder : IEndpointConventionBuilder
    {
        foreach (int status in statuses) builder.ProducesProblem(status);
        return builder;
    }

    /// <summary>201 with the created <typeparamref name="T"/> and a <c>Location</c> header naming where to read it.</summary>
    public static RouteHandlerBuilder ProducesCreated<T>(this RouteHandlerBuilder builder) =>
        builder.Produces<T>(StatusCodes.Status201Created).AddOpenApiOperationTransformer((operation, _, _) =>
        {
            if (operation.Responses?.GetValueOrDefault("201") is OpenApiResponse created)
            {
                created.Headers ??= new Dictionary<string, IOpenApiHeader>();
                created.Headers["Location"] = new OpenApiHeader
                {
                    Description = "Where the created resource is read (escaped ids).",
                    Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "uri-reference" },
                };
            }
            return Task.CompletedTask;
        });

    /// <summary>
    /// A request body the handler reads itself (so ASP.NET Core cannot describe it): <paramref name="fields"/> of a
    /// multipart/form-data form, each a string, or a binary file when its description starts with "file:".
    /// </summary>
    public static RouteHandlerBuilder AcceptsForm(this RouteHandlerBuilder builder, IReadOnlyList<string> required, params (string Name, string Description)[] fields) =>
        builder.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            var properties = new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal);
            foreach (var (name, description) in fields)
            {
                bool file = description.StartsWith("file:", StringComparison.Ordinal);
                properties[name] = new OpenApiSchema
                {
                    Type = JsonSchemaType.String,
                    Format = file ? "binary" : null,
                    Description = file ? description["file:".Length..].Trim() : description,
                };
            }
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = true,
                Content = new Dictionary<string, OpenApiMediaType>(StringComparer.Ordinal)
                {
                    ["multipart/form-data"] = new()
                    {
                        Schema = new OpenApiSchema { Type = JsonSchemaType.Object, Properties = properties, Required = new HashSet<string>(required, StringComparer.Ordinal) },
                    },
                },
            };
            return Task.CompletedTask;
        });

    /// <summary>A raw body (bytes) the handler reads itself, in any of <paramref name="contentTypes"/>.</summary>
    public static RouteHandlerBuilder AcceptsBytes(this RouteHandlerBuilder builder, string description, params string[] contentTypes) =>
        builder.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            var content = new Dictionary<string, OpenApiMediaType>(StringComparer.Ordinal);
            foreach (string type in contentTypes)
            {
                content[type] = new OpenApiMediaType { Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" } };
            }
            operation.RequestBody = new OpenApiRequestBody { Required = true, Description = description, Content = content };
            return Task.CompletedTask;
        });
}
