using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using TalentFlow.Silo.Security;

namespace TalentFlow.Silo.Tests;

[Collection(SiloHostCollection.Name)]
public sealed class UserApiTests(SiloHostFactory factory)
{
    [Fact]
    public async Task GetRecommendations_SampleUser_ReturnsUnseenJobsWithScoresAndReasons()
    {
        using var client = factory.CreateClient(ApiRoles.Reviewer);
        var recommended = await client.GetFromJsonAsync<JsonElement>("/api/v1/users/sample-user-1/recommendations?top=5");

        var items = recommended.EnumerateArray().ToList();
        Assert.Equal(5, items.Count);
        var ids = items.Select(i => i.GetProperty("job_id").GetString()).ToList();
        Assert.DoesNotContain("sample-job-1", ids);
        Assert.DoesNotContain("sample-job-101", ids);
        // The Austin backend posting matches both the interest and the city.
        Assert.Equal("sample-job-102", ids[0]);
        Assert.NotEmpty(items[0].GetProperty("reason").GetString()!);
        Assert.True(items[0].GetProperty("score").GetDouble() >= items[1].GetProperty("score").GetDouble());
        Assert.Equal("content", items[0].GetProperty("model").GetString());
    }

    [Fact]
    public async Task PutProfileThenInteractions_NewUser_RecordsOnceAndExcludesTheJob()
    {
        using var client = factory.CreateClient(ApiRoles.Recruiter);
        string user = "api-user-" + Guid.NewGuid().ToString("N")[..8];
        using var profile = await client.PutAsJsonAsync($"/api/v1/users/{user}/profile",
            new { positions_of_interest = new[] { "Registered Nurse" }, past_titles = new[] { "Nursing Assistant" }, city = "Atlanta", state = "GA" });
        Assert.Equal(HttpStatusCode.OK, profile.StatusCode);
        var cold = await client.GetFromJsonAsync<JsonElement>($"/api/v1/users/{user}/recommendations?top=3");
        string best = cold[0].GetProperty("job_id").GetString()!;

        var interaction = new { job_id = best, kind = "viewed", at = "2026-11-30T10:00:00Z" };
        using var first = await client.PostAsJsonAsync($"/api/v1/users/{user}/interactions", interaction);
        using var again = await client.PostAsJsonAsync($"/api/v1/users/{user}/interactions", interaction);
        var history = await client.GetFromJsonAsync<JsonElement>($"/api/v1/users/{user}/interactions");
        var warm = await client.GetFromJsonAsync<JsonElement>($"/api/v1/users/{user}/recommendations");

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.False((await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("recorded").GetBoolean());
        Assert.Equal(1, history.GetArrayLength());
        Assert.Equal("viewed", history[0].GetProperty("kind").GetString());
        Assert.DoesNotContain(best, warm.EnumerateArray().Select(r => r.GetProperty("job_id").GetString()));
    }

    [Theory]
    [InlineData("GET", "/api/v1/users/nobody-here/recommendations", null, HttpStatusCode.NotFound)]
    [InlineData("GET", "/api/v1/users/nobody-here/interactions", null, HttpStatusCode.NotFound)]
    [InlineData("GET", "/api/v1/users/nobody-here/profile", null, HttpStatusCode.NotFound)]
    [InlineData("GET", "/api/v1/users/sample-user-1/recommendations?top=0", null, HttpStatusCode.BadRequest)]
    [InlineData("GET", "/api/v1/users/sample-user-1/recommendations?top=101", null, HttpStatusCode.BadRequest)]
    [InlineData("GET", "/api/v1/users/sample-user-1/recommendations?top=abc", null, HttpStatusCode.BadRequest)]
    [InlineData("POST", "/api/v1/users/u-bad/interactions", "{\"job_id\":\"sample-job-2\",\"kind\":\"liked\"}", HttpStatusCode.BadRequest)]
    [InlineData("POST", "/api/v1/users/u-bad/interactions", "{\"job_id\":\"no-such-job\",\"kind\":\"viewed\"}", HttpStatusCode.BadRequest)]
    [InlineData("POST", "/api/v1/users/u-bad/interactions", "{\"job_id\":\"a/b\",\"kind\":\"viewed\"}", HttpStatusCode.BadRequest)]
    [InlineData("POST", "/api/v1/users/u-bad/interactions", "{\"job_id\":", HttpStatusCode.BadRequest)]
    [InlineData("PUT", "/api/v1/users/u-bad/profile", "{}", HttpStatusCode.BadRequest)]
    [InlineData("PUT", "/api/v1/users/u-bad/profile", "{\"positions_of_interest\":\"not a list\"}", HttpStatusCode.BadRequest)]
    public async Task UserRoutes_BadInputOrUnknownUser_ReturnProblemWith4xx(string method, string path, string? body, HttpStatusCode expected)
    {
        using var client = factory.CreateClient(ApiRoles.Admin);
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (body is not null) request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await client.SendAsync(request);

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
