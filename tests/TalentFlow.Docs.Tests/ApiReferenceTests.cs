using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace TalentFlow.Docs.Tests;

/// <summary>
/// docs/api.md and the silo's OpenAPI document list the same operations (method and path), with the same roles; the routes
/// docs/api.md lists outside the OpenAPI document answer on the silo.
/// </summary>
public sealed partial class ApiReferenceTests(DocsHostFactory host) : IClassFixture<DocsHostFactory>
{
    private const string Document = "docs/api.md";

    /// <summary>The heading of the table of routes the OpenAPI document does not describe (pages, probes, scrapes).</summary>
    private const string OutsideHeading = "Outside the OpenAPI document";

    /// <summary>The role column's words and the roles each stands for (ApiPolicies: admin is in every set).</summary>
    private static readonly Dictionary<string, string[]> RoleWords = new(StringComparer.Ordinal)
    {
        ["anonymous"] = [],
        ["read"] = ["recruiter", "reviewer", "admin"],
        ["recruiter"] = ["recruiter", "admin"],
        ["reviewer"] = ["reviewer", "admin"],
        ["adjudicator"] = ["adjudicator", "admin"],
        ["admin"] = ["admin"],
    };

    [Fact]
    public async Task DocumentedRoutes_InApiDoc_AreOperationsOfTheOpenApiDocument()
    {
        var operations = await OperationsAsync();

        var missing = Documented(outside: false).Keys.Where(r => !operations.ContainsKey(r)).ToList();

        Assert.True(missing.Count == 0, $"In {Document} but not in /openapi/v1.json: {string.Join(", ", missing)}");
    }

    [Fact]
    public async Task OpenApiOperations_OfTheSilo_AreAllInApiDoc()
    {
        var documented = Documented(outside: false);

        var missing = (await OperationsAsync()).Keys.Where(r => !documented.ContainsKey(r)).ToList();

        Assert.True(missing.Count == 0, $"In /openapi/v1.json but not in {Document}: {string.Join(", ", missing)}");
    }

    [Fact]
    public async Task RoleColumn_OfEachDocumentedOperation_IsTheRolesTheOpenApiDocumentGives()
    {
        var operations = await OperationsAsync();
        var wrong = new List<string>();
        foreach (var (route, word) in Documented(outside: false))
        {
            if (!operations.TryGetValue(route, out var roles)) continue;
            if (!RoleWords.TryGetValue(word, out var expected)) wrong.Add($"{route}: unknown role word '{word}'");
            else if (!expected.Order().SequenceEqual(roles.Order())) wrong.Add($"{route}: '{word}' in {Document}, roles [{string.Join(", ", roles)}] in OpenAPI");
        }

        Assert.True(wrong.Count == 0, string.Join('\n', wrong));
    }

    [Fact]
    public async Task OutsideRoutes_InApiDoc_AnswerOnTheSilo()
    {
        using var client = host.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", DocsHostFactory.AdminKey);
        var wrong = new List<string>();
        foreach (var route in Documented(outside: true).Keys)
        {
            string[] parts = route.Split(' ');
            using var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(parts[0]), parts[1].Replace("{", "x-", StringComparison.Ordinal).Replace("}", "", StringComparison.Ordinal)));
            if (response.StatusCode == HttpStatusCode.NotFound) wrong.Add($"{route} answers 404");
        }

        Assert.True(wrong.Count == 0, string.Join('\n', wrong));
    }

    [Fact]
    public void Documented_ApiDoc_HasOneTablePerArea()
    {
        var areas = Markdown.TableRows(Repository.Read(Document)).Where(r => IsMethod(r.Cells[0])).Select(r => r.Heading).Distinct().ToList();

        Assert.True(areas.Count >= 8, $"{Document} has route tables under {areas.Count} headings.");
        Assert.Contains(OutsideHeading, areas);
    }

    /// <summary>"METHOD /path/{}" of each route docs/api.md lists in (or outside) the OpenAPI tables, with its role word.</summary>
    private static Dictionary<string, string> Documented(bool outside)
    {
        var routes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (heading, cells) in Markdown.TableRows(Repository.Read(Document)))
        {
            if (!IsMethod(cells[0]) || (heading == OutsideHeading) != outside) continue;
            Assert.True(cells.Count >= 5, $"{Document}: a route row has method, path, role, success, errors: | {string.Join(" | ", cells)} |");
            string route = Key(cells[0].Trim('`'), cells[1].Trim('`').Split('?')[0]);
            Assert.True(routes.TryAdd(route, cells[2].Trim('`')), $"{Document} lists {route} twice.");
        }
        return routes;
    }

    /// <summary>"METHOD /path/{}" of each operation of the silo's OpenAPI document, with the roles its description names.</summary>
    private async Task<Dictionary<string, string[]>> OperationsAsync()
    {
        using var client = host.CreateClient();
        using var document = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json"));
        var operations = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var path in document.RootElement.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject().Where(o => IsMethod(o.Name)))
            {
                string description = operation.Value.TryGetProperty("description", out var d) ? d.GetString() ?? "" : "";
                var roles = RolesLine().Match(description) is { Success: true } m
                    ? m.Groups[1].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                    : [];
                operations[Key(operation.Name, path.Name)] = roles;
            }
        }
        Assert.NotEmpty(operations);
        return operations;
    }

    private static string Key(string method, string path) => method.ToUpperInvariant() + " " + Parameter().Replace(path, "{}");

    private static bool IsMethod(string cell) => cell.Trim('`').ToUpperInvariant() is "GET" or "POST" or "PUT" or "DELETE" or "PATCH";

    [GeneratedRegex(@"\{[^}]*\}")]
    private static partial Regex Parameter();

    [GeneratedRegex(@"Roles: ([^.\n]*)\.")]
    private static partial Regex RolesLine();
}
