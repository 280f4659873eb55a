using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using TalentFlow.Silo.Security;

namespace TalentFlow.Silo.Tests;

/// <summary>JWT bearer tokens (<c>Auth:Jwt</c> with a shared signing key) beside API keys, on the shared host.</summary>
[Collection(SiloHostCollection.Name)]
public sealed class JwtApiTests(SiloHostFactory factory)
{
    private HttpClient CreateClient(string token)
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private static StringContent UnknownResultFeedback() =>
        new("{\"screening_result_id\":\"sample-job-1|nobody\",\"human_decision\":\"reject\"}", Encoding.UTF8, "application/json");

    [Fact]
    public async Task GetResults_RecruiterToken_Returns200()
    {
        using var client = CreateClient(TestKeys.Token(ApiRoles.Recruiter));
        using var response = await client.GetAsync("/api/v1/screening/results/sample-job-1");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task SubmitFeedback_RecruiterToken_Returns403Problem()
    {
        using var client = CreateClient(TestKeys.Token(ApiRoles.Recruiter));
        using var response = await client.PostAsync("/api/v1/feedback/submit", UnknownResultFeedback());

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task SubmitFeedback_ReviewerToken_PassesAuthorizationAndReachesTheRoute()
    {
        using var client = CreateClient(TestKeys.Token(ApiRoles.Reviewer));
        using var response = await client.PostAsync("/api/v1/feedback/submit", UnknownResultFeedback());

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task GetModels_AdminToken_Returns200()
    {
        using var client = CreateClient(TestKeys.Token(ApiRoles.Admin));
        using var response = await client.GetAsync("/api/v1/models");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    public static TheoryData<string, string> InvalidTokens => new()
    {
        { "another signing key", TestKeys.Token(ApiRoles.Admin, signingKey: "another-signing-key-0123456789abcdef-0123456789") },
        { "another audience", TestKeys.Token(ApiRoles.Admin, audience: "someone-else") },
        { "expired", TestKeys.Token(ApiRoles.Admin, expiredFor: TimeSpan.FromMinutes(5)) },
        { "not a token", "not.a.token" },
    };

    [Theory]
    [MemberData(nameof(InvalidTokens))]
    public async Task GetModels_InvalidToken_Returns401ProblemWithABearerChallenge(string why, string token)
    {
        using var client = CreateClient(token);
        using var response = await client.GetAsync("/api/v1/models");

        Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, why);
        Assert.Equal("Bearer", Assert.Single(response.Headers.WwwAuthenticate).Scheme);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(401, problem.RootElement.GetProperty("status").GetInt32());
    }
}
