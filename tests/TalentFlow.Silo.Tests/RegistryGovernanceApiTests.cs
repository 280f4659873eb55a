using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Orleans;
using TalentFlow.Grains.Training;
using TalentFlow.Silo.Security;

namespace TalentFlow.Silo.Tests;

/// <summary>The registry governance routes: aliases, history, rollback to an earlier holder, lineage, events, and who may call them.</summary>
[Collection(GovernanceHostCollection.Name)]
public sealed class RegistryGovernanceApiTests(GovernanceHostFixture fixture)
{
    private const string Models = "/api/v1/models/baseline_tfidf";

    private static async Task<JsonElement> OkJsonAsync(HttpResponseMessage response)
    {
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.False(string.IsNullOrEmpty((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString()));
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    [Fact]
    public async Task Aliases_SetMoveDeleteAndRollBack_HistoryRecordsTheAdminAndTheReasons()
    {
        using var admin = fixture.Host.CreateClient(ApiRoles.Admin);
        await AbTestApiTests.RegisterBaselineAsync(admin, "gov-a1");
        await AbTestApiTests.RegisterBaselineAsync(admin, "gov-a2");

        var set = await OkJsonAsync(await admin.PutAsJsonAsync(Models + "/aliases/gov-challenger", new { version = "gov-a1", reason = "first candidate" }));
        var moved = await OkJsonAsync(await admin.PutAsJsonAsync(Models + "/aliases/gov-challenger", new { version = "gov-a2", reason = "retrained on more feedback" }));
        var resolved = await admin.GetFromJsonAsync<JsonElement>(Models + "/aliases/gov-challenger");
        var back = await OkJsonAsync(await admin.PostAsJsonAsync(Models + "/rollback", new { alias = "gov-challenger", steps = 1, reason = "a2 regressed" }));
        var history = await admin.GetFromJsonAsync<JsonElement[]>(Models + "/history?limit=1000");

        Assert.Equal(("gov-a1", "admin", "first candidate"), (set.GetProperty("version").GetString(), set.GetProperty("set_by").GetString(), set.GetProperty("reason").GetString()));
        Assert.Equal("gov-a2", moved.GetProperty("version").GetString());
        Assert.Equal("gov-a2", resolved.GetProperty("version").GetString());
        Assert.Equal("gov-a1", back.GetProperty("version").GetString());
        var aliasMoves = history!.Where(e => e.GetProperty("alias").GetString() == "gov-challenger").ToList();
        Assert.Equal(["gov-a1", "gov-a2", "gov-a1"], aliasMoves.Select(e => e.GetProperty("version").GetString()));
        Assert.Equal(["first candidate", "retrained on more feedback", "a2 regressed"], aliasMoves.Select(e => e.GetProperty("reason").GetString()));
        Assert.All(aliasMoves, e => Assert.Equal("admin", e.GetProperty("actor").GetString()));
        Assert.Contains(history!, e => e.GetProperty("kind").GetString() == "registered" && e.GetProperty("version").GetString() == "gov-a2" && e.GetProperty("actor").GetString() == "admin");

        var deleted = await OkJsonAsync(await admin.DeleteAsync(Models + "/aliases/gov-challenger?reason=done%20testing"));
        Assert.Equal("gov-a1", deleted.GetProperty("version").GetString());
        using var gone = await admin.GetAsync(Models + "/aliases/gov-challenger");
        await AssertProblemAsync(gone, HttpStatusCode.NotFound);
        var events = await admin.GetFromJsonAsync<JsonElement[]>("/api/v1/models/events?limit=1");
        Assert.Equal(("alias_deleted", "done testing"), (events![0].GetProperty("kind").GetString(), events[0].GetProperty("reason").GetString()));
    }

    [Fact]
    public async Task PromoteThenRollbackToVersion_ChampionFollowsProductionAndEveryStepIsInTheHistory()
    {
        using var admin = fixture.Host.CreateClient(ApiRoles.Admin);
        await AbTestApiTests.RegisterBaselineAsync(admin, "gov-p1");
        await AbTestApiTests.RegisterBaselineAsync(admin, "gov-p2");

        await OkJsonAsync(await admin.PostAsJsonAsync(Models + "/versions/gov-p1/promote", new { reason = "first serving version" }));
        // The old route without a body still works.
        await OkJsonAsync(await admin.PostAsync(Models + "/versions/gov-p2/promote", null));
        var champion = await admin.GetFromJsonAsync<JsonElement>(Models + "/aliases/champion");
        var back = await OkJsonAsync(await admin.PostAsJsonAsync(Models + "/rollback", new { to_version = "gov-p1", reason = "p2 rejects everyone" }));
        var history = await admin.GetFromJsonAsync<JsonElement[]>(Models + "/history?limit=1000");

        Assert.Equal("gov-p2", champion.GetProperty("version").GetString());
        Assert.Equal(("gov-p1", "Production"), (back.GetProperty("version").GetString(), back.GetProperty("stage").GetString()));
        Assert.Equal("gov-p1", (await admin.GetFromJsonAsync<JsonElement>(Models + "/aliases/champion")).GetProperty("version").GetString());
        var production = history!.Where(e => e.GetProperty("kind").GetString() is "promoted" or "rolled_back").TakeLast(3)
            .Select(e => (e.GetProperty("kind").GetString(), e.GetProperty("version").GetString(), e.GetProperty("reason").GetString())).ToList();
        Assert.Equal([("promoted", "gov-p1", "first serving version"), ("promoted", "gov-p2", null), ("rolled_back", "gov-p1", "p2 rejects everyone")], production);
    }

    [Theory]
    [InlineData("PUT", "/aliases/gov-x", "{\"version\":\"gov-a1\",\"reason\":\"no\"}")]
    [InlineData("DELETE", "/aliases/gov-x?reason=no", null)]
    [InlineData("POST", "/versions/gov-a1/promote", "{\"reason\":\"no\"}")]
    [InlineData("POST", "/rollback", "{\"to_version\":\"gov-a1\",\"reason\":\"no\"}")]
    [InlineData("GET", "/history", null)]
    [InlineData("GET", "/versions/gov-a1/lineage", null)]
    public async Task GovernanceRoutes_NotAdmin_AreForbiddenAndChangeNothing(string method, string route, string? body)
    {
        var before = await fixture.EventsAsync(1000);
        foreach (var role in new[] { ApiRoles.Recruiter, ApiRoles.Reviewer })
        {
            using var client = fixture.Host.CreateClient(role);
            using var request = new HttpRequestMessage(new HttpMethod(method), Models + route) { Content = body is null ? null : Json(body) };
            using var response = await client.SendAsync(request);
            await AssertProblemAsync(response, HttpStatusCode.Forbidden);
        }
        using var anonymous = fixture.Host.CreateClient();
        using var refused = await anonymous.GetAsync("/api/v1/models/events");
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal(before.Count, (await fixture.EventsAsync(1000)).Count);
    }

    [Theory]
    [InlineData("PUT", "/aliases/gov-y", "{\"version\":\"gov-b1\"}", 400)]
    [InlineData("PUT", "/aliases/gov-y", "{\"version\":\"gov-b1\",\"reason\":\"  \"}", 400)]
    [InlineData("PUT", "/aliases/Not%20An%20Alias", "{\"version\":\"gov-b1\",\"reason\":\"r\"}", 400)]
    [InlineData("PUT", "/aliases/staging", "{\"version\":\"gov-b1\",\"reason\":\"r\"}", 400)]
    [InlineData("PUT", "/aliases/gov-y", "{\"version\":\"no-such\",\"reason\":\"r\"}", 404)]
    [InlineData("PUT", "/aliases/gov-y", "{\"reason\":\"r\"}", 400)]
    [InlineData("DELETE", "/aliases/gov-y?reason=r", null, 404)]
    [InlineData("DELETE", "/aliases/gov-y", null, 400)]
    [InlineData("DELETE", "/aliases/champion?reason=r", null, 409)]
    [InlineData("POST", "/rollback", "{\"to_version\":\"gov-b1\"}", 400)]
    [InlineData("POST", "/rollback", "{\"to_version\":\"gov-b1\",\"alias\":\"x\",\"reason\":\"r\"}", 400)]
    [InlineData("POST", "/rollback", "{\"steps\":2,\"reason\":\"r\"}", 400)]
    [InlineData("POST", "/rollback", "{\"to_version\":\"gov-b1\",\"reason\":\"never served\"}", 409)]
    [InlineData("POST", "/rollback", "{\"alias\":\"gov-never-set\",\"reason\":\"r\"}", 409)]
    [InlineData("POST", "/rollback", "{\"to_version\": ", 400)]
    [InlineData("GET", "/history?limit=0", null, 400)]
    [InlineData("GET", "/versions/no-such/lineage", null, 404)]
    public async Task GovernanceRoutes_BadRequest_ReturnProblem(string method, string route, string? body, int status)
    {
        using var admin = fixture.Host.CreateClient(ApiRoles.Admin);
        var registry = fixture.Host.Services.GetRequiredService<IGrainFactory>().GetGrain<IModelRegistryGrain>(TalentFlow.Grains.Matching.MatchingModels.BaselineModelName);
        if (!(await registry.GetVersionsAsync()).Any(v => v.Version == "gov-b1")) await AbTestApiTests.RegisterBaselineAsync(admin, "gov-b1");
        using var request = new HttpRequestMessage(new HttpMethod(method), Models + route) { Content = body is null ? null : Json(body) };
        using var response = await admin.SendAsync(request);

        await AssertProblemAsync(response, (HttpStatusCode)status);
    }

    [Fact]
    public async Task GovernanceRoutes_UnknownModel_Return404()
    {
        using var admin = fixture.Host.CreateClient(ApiRoles.Admin);

        using var aliases = await admin.GetAsync("/api/v1/models/no_such_model/aliases");
        using var history = await admin.GetAsync("/api/v1/models/no_such_model/history");

        await AssertProblemAsync(aliases, HttpStatusCode.NotFound);
        await AssertProblemAsync(history, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Lineage_RegisteredVersionThatScreened_ListsItsDecisionsAndAliases()
    {
        using var admin = fixture.Host.CreateClient(ApiRoles.Admin);
        using var recruiter = fixture.Host.CreateClient(ApiRoles.Recruiter);
        await AbTestApiTests.RegisterBaselineAsync(admin, "gov-l1");
        await OkJsonAsync(await admin.PutAsJsonAsync(Models + "/aliases/gov-lineage", new { version = "gov-l1", reason = "under audit" }));
        await OkJsonAsync(await admin.PostAsJsonAsync(Models + "/versions/gov-l1/promote", new { reason = "audit run" }));
        using var form = new MultipartFormDataContent
        {
            { new StringContent("sample-job-1"), "job_id" },
            { new StringContent("Lineage Person"), "candidate_name" },
            { new ByteArrayContent(Encoding.UTF8.GetBytes("Skills\nPython, SQL, Spark\nExperience\nData Engineer, Contoso, 2019 - 2024")), "file", "cv.txt" },
        };
        var screened = await OkJsonAsync(await recruiter.PostAsync("/api/v1/screening/upload-resume", form));

        var lineage = await admin.GetFromJsonAsync<JsonElement>(Models + "/versions/gov-l1/lineage?limit=10");

        Assert.Equal("gov-l1", screened.GetProperty("model_versions").GetProperty("baseline_tfidf").GetString());
        Assert.Equal(("gov-l1", "Production"), (lineage.GetProperty("version").GetString(), lineage.GetProperty("stage").GetString()));
        Assert.Equal(["champion", "gov-lineage"], lineage.GetProperty("aliases").EnumerateArray().Select(a => a.GetString()).Order(StringComparer.Ordinal));
        // Registered from outside the loop: no fingerprint, no training set.
        Assert.Equal(JsonValueKind.Null, lineage.GetProperty("data_fingerprint").ValueKind);
        Assert.Equal(0, lineage.GetProperty("training_set_size").GetInt32());
        Assert.Equal(1, lineage.GetProperty("decisions_total").GetInt64());
        var decision = Assert.Single(lineage.GetProperty("decisions").EnumerateArray());
        Assert.Equal(screened.GetProperty("id").GetString(), decision.GetProperty("result_id").GetString());
        Assert.Equal(screened.GetProperty("decision").GetString(), decision.GetProperty("decision").GetString());
        Assert.Equal(screened.GetProperty("score").GetDouble(), decision.GetProperty("score").GetDouble());
    }
}
