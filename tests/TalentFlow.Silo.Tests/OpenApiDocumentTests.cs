using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.ApiExplorer;
using Microsoft.Extensions.DependencyInjection;

namespace TalentFlow.Silo.Tests;

/// <summary>
/// The silo's OpenAPI document, fetched from the real host: every operation says what it answers on success (with a schema,
/// or none for 204), which problem+json errors it gives, and whether it needs credentials; the upload describes its form;
/// the interactive reference at <c>/scalar</c> reads this document and needs nothing from outside.
/// </summary>
[Collection(SiloHostCollection.Name)]
public sealed class OpenApiDocumentTests(SiloHostFactory factory)
{
    private const string Problem = "application/problem+json";

    private async Task<JsonElement> DocumentAsync()
    {
        using var client = factory.CreateClient();
        using var doc = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json"));
        return doc.RootElement.Clone();
    }

    /// <summary>The routes that answer no error of their own, only the refusals of their security: they read this silo's memory.</summary>
    private static readonly HashSet<string> WithoutOwnProblems = ["GET /health/live", "GET /api/v1/cluster/silos"];

    /// <summary>The routes of the HTTP API as ASP.NET Core describes them, named "METHOD /path" as in the document.</summary>
    private List<(string Name, string Path, ApiDescription Route)> ApiRoutes() =>
        [.. factory.Services.GetRequiredService<IApiDescriptionGroupCollectionProvider>().ApiDescriptionGroups.Items
            .SelectMany(g => g.Items).Where(d => d.RelativePath is { } p && (p.StartsWith("api/", StringComparison.Ordinal) || p.StartsWith("health/", StringComparison.Ordinal)))
            // A group's own route ("" below the group) ends with '/' here; the document trims it.
            .Select(d => ($"{d.HttpMethod} /{d.RelativePath!.TrimEnd('/')}", "/" + d.RelativePath!.TrimEnd('/'), d))];

    [Fact]
    public async Task OpenApiDocument_EveryOperation_DocumentsItsSuccessAndItsProblems()
    {
        var operations = OpenApiAudit.Operations(await DocumentAsync()).ToList();

        Assert.True(operations.Count >= 59, $"Only {operations.Count} operations are described.");
        var failures = operations.SelectMany(o => OpenApiAudit.Failures(o.Name, o.Operation)).ToList();
        // 401 and 403 come with the security requirement; a route must still say which errors its handler gives.
        failures.AddRange(ApiRoutes().Where(r => !WithoutOwnProblems.Contains(r.Name) && !r.Route.SupportedResponseTypes.Any(t => t.StatusCode >= 400))
            .Select(r => $"{r.Name}: declares no problem of its own (ProducesProblems)."));
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public void OpenApiAudit_AnOperationWithoutMetadata_IsNamedAsAFailure()
    {
        // The shape every operation had before it declared its responses: a bare "200" without a body and no error.
        using var bare = JsonDocument.Parse("""{"responses": {"200": {"description": "OK"}}}""");
        using var noProblem = JsonDocument.Parse("""{"responses": {"200": {"description": "OK", "content": {"application/json": {"schema": {"type": "string"}}}}, "404": {"description": "Not Found"}}}""");

        var failures = OpenApiAudit.Failures("GET /api/v1/bare", bare.RootElement).Concat(OpenApiAudit.Failures("GET /api/v1/no-problem", noProblem.RootElement)).ToList();

        Assert.Contains(failures, f => f.StartsWith("GET /api/v1/bare: no 2xx", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("GET /api/v1/bare: no 4xx", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("GET /api/v1/no-problem: 404 is not", StringComparison.Ordinal));
    }

    [Fact]
    public async Task OpenApiDocument_HealthProbes_LiveNeverFailsReadyAnswers503Problem()
    {
        var paths = (await DocumentAsync()).GetProperty("paths");

        var live = paths.GetProperty("/health/live").GetProperty("get").GetProperty("responses");
        Assert.Equal(["200"], live.EnumerateObject().Select(r => r.Name));
        Assert.True(live.GetProperty("200").GetProperty("content").GetProperty("application/json").TryGetProperty("schema", out _));
        var ready = paths.GetProperty("/health/ready").GetProperty("get").GetProperty("responses");
        Assert.True(ready.GetProperty("503").GetProperty("content").TryGetProperty(Problem, out _));
    }

    [Fact]
    public async Task OpenApiDocument_EveryOperation_HasASecurityRequirementIffItsRouteRequiresAuthorization()
    {
        var paths = (await DocumentAsync()).GetProperty("paths");
        var described = ApiRoutes();

        Assert.True(described.Count >= 59, $"Only {described.Count} API routes were found.");
        var failures = new List<string>();
        foreach (var (name, path, route) in described)
        {
            if (!paths.TryGetProperty(path, out var item) || !item.TryGetProperty(route.HttpMethod!.ToLowerInvariant(), out var operation))
            {
                failures.Add($"{name}: not in the document.");
                continue;
            }
            var metadata = route.ActionDescriptor.EndpointMetadata;
            bool secured = !metadata.OfType<IAllowAnonymous>().Any() && metadata.OfType<IAuthorizeData>().Any();
            bool required = operation.TryGetProperty("security", out var security) && security.GetArrayLength() > 0
                && security.EnumerateArray().Any(r => r.TryGetProperty("ApiKey", out _));
            if (secured != required) failures.Add($"{name}: the route {(secured ? "requires" : "does not require")} authorization, the document says the opposite.");
            var responses = operation.GetProperty("responses");
            foreach (string refusal in new[] { "401", "403" })
            {
                bool has = responses.TryGetProperty(refusal, out var r) && r.TryGetProperty("content", out var c) && c.TryGetProperty(Problem, out _);
                if (has != secured) failures.Add($"{name}: {refusal} problem {(has ? "documented on an anonymous route" : "missing")}.");
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task OpenApiDocument_UploadResume_DescribesAMultipartFormWithABinaryFile()
    {
        var body = (await DocumentAsync()).GetProperty("paths").GetProperty("/api/v1/screening/upload-resume").GetProperty("post").GetProperty("requestBody");

        var schema = body.GetProperty("content").GetProperty("multipart/form-data").GetProperty("schema");
        Assert.Equal("object", schema.GetProperty("type").GetString());
        var file = schema.GetProperty("properties").GetProperty("file");
        Assert.Equal("string", file.GetProperty("type").GetString());
        Assert.Equal("binary", file.GetProperty("format").GetString());
        Assert.True(schema.GetProperty("properties").TryGetProperty("job_id", out _));
        Assert.Equal(["file", "job_id"], schema.GetProperty("required").EnumerateArray().Select(r => r.GetString()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task OpenApiDocument_EveryCreate_Answers201WithItsTypeAndALocationHeader()
    {
        var operations = OpenApiAudit.Operations(await DocumentAsync()).ToList();
        var creates = operations.Where(o => o.Operation.GetProperty("responses").TryGetProperty("201", out _)).ToList();

        // jobs, candidates, interactions, the upload and a model version's registration.
        Assert.True(creates.Count >= 5, string.Join(", ", creates.Select(c => c.Name)));
        foreach (var (name, operation) in creates)
        {
            var created = operation.GetProperty("responses").GetProperty("201");
            Assert.True(created.TryGetProperty("headers", out var headers) && headers.TryGetProperty("Location", out _), $"{name}: 201 without a Location header.");
            Assert.True(created.GetProperty("content").GetProperty("application/json").TryGetProperty("schema", out _), $"{name}: 201 without a schema.");
        }
        Assert.Contains(creates, c => c.Name == "POST /api/v1/jobs");
    }

    [Fact]
    public async Task OpenApiDocument_Paths_OnlyTheHttpApi()
    {
        var paths = (await DocumentAsync()).GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();

        Assert.All(paths, p => Assert.True(p.StartsWith("/api/", StringComparison.Ordinal) || p.StartsWith("/health/", StringComparison.Ordinal), p));
    }

    [Fact]
    public async Task Scalar_NoKey_Serves200HtmlThatReadsTheOpenApiDocumentWithItsOwnScript()
    {
        using var client = factory.CreateClient();
        using var page = await client.GetAsync("/scalar");
        string html = await page.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains("openapi/v1.json", html, StringComparison.Ordinal);
        // Offline: every script comes from the silo (the package embeds it), no CDN, no web fonts.
        Assert.Contains("<script src=\"scalar.js\">", html, StringComparison.Ordinal);
        Assert.DoesNotContain("src=\"http", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("\"withDefaultFonts\":false", html, StringComparison.Ordinal);
        using var script = await client.GetAsync("/scalar/scalar.js");
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.Equal("text/javascript", script.Content.Headers.ContentType?.MediaType);
        Assert.True((await script.Content.ReadAsByteArrayAsync()).Length > 100_000);
    }
}

/// <summary>What "documented" means for one operation of the OpenAPI document.</summary>
internal static class OpenApiAudit
{
    private static readonly string[] Methods = ["get", "put", "post", "delete", "patch"];

    /// <summary>Operations without a 4xx by nature: a liveness probe answers 200 or nothing; readiness only 200 or 503.</summary>
    private static readonly HashSet<string> Probes = ["GET /health/live", "GET /health/ready"];

    public static IEnumerable<(string Name, JsonElement Operation)> Operations(JsonElement document) =>
        from path in document.GetProperty("paths").EnumerateObject()
        from method in path.Value.EnumerateObject()
        where Methods.Contains(method.Name)
        select ($"{method.Name.ToUpperInvariant()} {path.Name}", method.Value);

    /// <summary>
    /// Why <paramref name="operation"/> is not fully documented, if it is not: a 2xx with a schema (204 and 202 without a body),
    /// and at least one 4xx; every 4xx and 5xx as application/problem+json.
    /// </summary>
    public static IEnumerable<string> Failures(string name, JsonElement operation)
    {
        var responses = operation.GetProperty("responses").EnumerateObject().ToList();
        var successes = responses.Where(r => r.Name.StartsWith('2')).ToList();
        if (!successes.Any(r => r.Name is "204" or "202" ? !r.Value.TryGetProperty("content", out _) : HasSchema(r.Value, "application/json")))
        {
            yield return $"{name}: no 2xx response with a schema (or a 204/202 without a body).";
        }
        foreach (var success in successes.Where(r => r.Name is not ("204" or "202") && !HasSchema(r.Value, "application/json")))
        {
            yield return $"{name}: {success.Name} has no schema.";
        }
        var errors = responses.Where(r => r.Name[0] is '4' or '5').ToList();
        if (!Probes.Contains(name) && !errors.Any(r => r.Name[0] == '4'))
        {
            yield return $"{name}: no 4xx response.";
        }
        foreach (var error in errors.Where(r => !HasSchema(r.Value, "application/problem+json")))
        {
            yield return $"{name}: {error.Name} is not documented as application/problem+json.";
        }
    }

    private static bool HasSchema(JsonElement response, string contentType) =>
        response.TryGetProperty("content", out var content) && content.TryGetProperty(contentType, out var media) && media.TryGetProperty("schema", out _);
}
