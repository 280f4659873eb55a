using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using TalentFlow.Silo.Security;

namespace TalentFlow.Silo.Tests;

/// <summary><c>GET /api/v1/jobs</c> and <c>GET /api/v1/candidates</c>: keyset pages over what exists; and names in rankings.</summary>
[Collection(SiloHostCollection.Name)]
public sealed class ListingApiTests(SiloHostFactory factory)
{
    private static string NewId(string prefix) => prefix + "-" + Guid.NewGuid().ToString("N")[..8];

    private static async Task<(List<string> Ids, int Pages)> PageThroughAsync(HttpClient client, string route, int limit)
    {
        var ids = new List<string>();
        string? cursor = null;
        int pages = 0;
        do
        {
            var page = await client.GetFromJsonAsync<JsonElement>($"{route}?limit={limit}" + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor)));
            var items = page.GetProperty("items").EnumerateArray().ToList();
            Assert.InRange(items.Count, 1, limit);
            ids.AddRange(items.Select(i => i.GetProperty("id").GetString()!));
            cursor = page.GetProperty("next_cursor").GetString();
            pages++;
        }
        while (cursor is not null && pages < 1000);
        return (ids, pages);
    }

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return doc.RootElement.Clone();
    }

    [Fact]
    public async Task GetCandidates_PagedInThirds_ReturnEveryIdExactlyOnceInOrderOverThreePages()
    {
        using var recruiter = factory.CreateClient(ApiRoles.Recruiter);
        var created = new List<string>();
        for (int i = 0; i < 5; i++)
        {
            string id = NewId("list");
            using var response = await recruiter.PostAsJsonAsync("/api/v1/candidates", new { id, name = "Lister " + i, text = "Skills: Python, SQL\nExperience\nAnalyst, Acme, 2019 - 2024" });
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            created.Add(id);
        }
        using var reviewer = factory.CreateClient(ApiRoles.Reviewer);
        var everything = await reviewer.GetFromJsonAsync<JsonElement>("/api/v1/candidates?limit=500");
        Assert.Equal(JsonValueKind.Null, everything.GetProperty("next_cursor").ValueKind);
        var all = everything.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()!).ToList();

        var (ids, pages) = await PageThroughAsync(reviewer, "/api/v1/candidates", (all.Count + 2) / 3);

        Assert.Equal(3, pages);
        Assert.Equal(all, ids);
        Assert.Equal(ids.Order(StringComparer.Ordinal), ids);
        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
        Assert.Subset(ids.ToHashSet(), created.ToHashSet());
        Assert.Contains("sample-candidate-1", ids);
    }

    [Fact]
    public async Task GetJobs_SampleDataAndANewJob_AreListedWithTheirSummaries()
    {
        using var recruiter = factory.CreateClient(ApiRoles.Recruiter);
        string id = NewId("list-job");
        using var created = await recruiter.PostAsJsonAsync("/api/v1/jobs", new { id, title = "Listed Engineer", description = "Build services in Go and Kubernetes.", company = "Contoso", location = "Oslo" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        using var reader = factory.CreateClient(ApiRoles.Reviewer);

        var page = await reader.GetFromJsonAsync<JsonElement>("/api/v1/jobs?limit=500");

        var items = page.GetProperty("items").EnumerateArray().ToList();
        Assert.Contains(items, j => j.GetProperty("id").GetString() == "sample-job-1");
        var mine = Assert.Single(items, j => j.GetProperty("id").GetString() == id);
        Assert.Equal("Listed Engineer", mine.GetProperty("title").GetString());
        Assert.Equal("Contoso", mine.GetProperty("company").GetString());
        Assert.Equal("Oslo", mine.GetProperty("location").GetString());
        Assert.True(mine.TryGetProperty("updated_at", out _));
        var byDefault = await reader.GetFromJsonAsync<JsonElement>("/api/v1/jobs");
        Assert.Equal(Math.Min(50, items.Count), byDefault.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task DeleteCandidate_ThenList_TheCandidateIsNoLongerListed()
    {
        using var recruiter = factory.CreateClient(ApiRoles.Recruiter);
        string id = NewId("gone");
        using var created = await recruiter.PostAsJsonAsync("/api/v1/candidates", new { id, name = "Soon Gone", text = "Skills: Java\nExperience\nDeveloper, Acme, 2015 - 2020" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var (before, _) = await PageThroughAsync(recruiter, "/api/v1/candidates", 500);

        using var deleted = await recruiter.DeleteAsync($"/api/v1/candidates/{id}");
        var (after, _) = await PageThroughAsync(recruiter, "/api/v1/candidates", 500);

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Contains(id, before);
        Assert.DoesNotContain(id, after);
        Assert.Equal(before.Count - 1, after.Count);
    }

    [Theory]
    [InlineData("/api/v1/jobs?limit=0", "limit")]
    [InlineData("/api/v1/jobs?limit=501", "limit")]
    [InlineData("/api/v1/jobs?limit=-1", "limit")]
    [InlineData("/api/v1/jobs?limit=ten", "limit")]
    [InlineData("/api/v1/jobs?limit=", "limit")]
    [InlineData("/api/v1/candidates?limit=99999999999", "limit")]
    [InlineData("/api/v1/jobs?cursor=not-a-cursor!", "cursor")]
    [InlineData("/api/v1/candidates?cursor=_w", "cursor")]
    [InlineData("/api/v1/candidates?limit=10&cursor=", "cursor")]
    public async Task GetList_BadLimitOrCursor_Returns400ProblemNamingTheParameter(string path, string parameter)
    {
        using var client = factory.CreateClient(ApiRoles.Reviewer);
        using var response = await client.GetAsync(path);

        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest);
        string detail = problem.GetProperty("detail").GetString()!;
        Assert.StartsWith(parameter + " ", detail, StringComparison.Ordinal);
        Assert.DoesNotContain("Parameter", detail, StringComparison.Ordinal);
        Assert.DoesNotContain("Int32", detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/v1/jobs")]
    [InlineData("/api/v1/candidates")]
    public async Task GetList_NoKeyOrAnAdjudicatorsKey_Returns401Or403(string path)
    {
        using var anonymous = factory.CreateClient();
        using var adjudicator = factory.CreateClient(ApiRoles.Adjudicator);

        using var without = await anonymous.GetAsync(path);
        using var forbidden = await adjudicator.GetAsync(path);

        Assert.Equal(HttpStatusCode.Unauthorized, without.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
    }

    [Fact]
    public async Task GetRanking_CreatedCandidates_CarryTheirNames()
    {
        using var recruiter = factory.CreateClient(ApiRoles.Recruiter);
        string job = NewId("rank-job");
        using (var created = await recruiter.PostAsJsonAsync("/api/v1/jobs", new { id = job, title = "Rust Engineer", description = "Systems programming in Rust and C++ on embedded Linux." }))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }
        var names = new Dictionary<string, string> { [NewId("rust")] = "Ada Rustacean", [NewId("rust")] = "Bo Ferris" };
        foreach (var (id, name) in names)
        {
            using var created = await recruiter.PostAsJsonAsync("/api/v1/candidates", new { id, name, text = "Skills: Rust, C++, embedded Linux\nExperience\nSystems Engineer, Acme, 2016 - 2024" });
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        var ranking = await recruiter.GetFromJsonAsync<JsonElement>($"/api/v1/jobs/{job}/candidates?top=100");

        var items = ranking.EnumerateArray().ToList();
        Assert.All(items, r => Assert.False(string.IsNullOrWhiteSpace(r.GetProperty("name").GetString())));
        foreach (var (id, name) in names)
        {
            Assert.Equal(name, Assert.Single(items, r => r.GetProperty("candidate_id").GetString() == id).GetProperty("name").GetString());
        }
    }

    [Theory]
    [InlineData("/api/v1/jobs", "JobPage")]
    [InlineData("/api/v1/candidates", "CandidatePage")]
    public async Task OpenApi_ListRoutes_DocumentThePageTheirQueryAndTheirProblems(string path, string schema)
    {
        using var client = factory.CreateClient();
        var document = await client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");

        var get = document.GetProperty("paths").GetProperty(path).GetProperty("get");
        var ok = get.GetProperty("responses").GetProperty("200").GetProperty("content").GetProperty("application/json").GetProperty("schema");
        Assert.Equal("#/components/schemas/" + schema, ok.GetProperty("$ref").GetString());
        foreach (var status in new[] { "400", "401", "403" })
        {
            Assert.True(get.GetProperty("responses").GetProperty(status).GetProperty("content").TryGetProperty("application/problem+json", out _), status);
        }
        Assert.Equal(["cursor", "limit"], get.GetProperty("parameters").EnumerateArray().Select(p => p.GetProperty("name").GetString()).Order(StringComparer.Ordinal));
        var page = document.GetProperty("components").GetProperty("schemas").GetProperty(schema).GetProperty("properties");
        Assert.True(page.TryGetProperty("items", out _));
        Assert.True(page.TryGetProperty("next_cursor", out _));
    }
}
