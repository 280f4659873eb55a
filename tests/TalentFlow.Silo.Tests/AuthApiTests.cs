using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using TalentFlow.Silo.Security;

namespace TalentFlow.Silo.Tests;

/// <summary>API keys and roles on the shared host: who gets in where, and what a refusal looks like.</summary>
[Collection(SiloHostCollection.Name)]
public sealed class AuthApiTests(SiloHostFactory factory)
{
    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal((int)status, doc.RootElement.GetProperty("status").GetInt32());
        return doc.RootElement.Clone();
    }

    [Theory]
    [InlineData("/api/v1/jobs/sample-job-1")]
    [InlineData("/api/v1/models")]
    [InlineData("/api/v1/dashboard/overview")]
    [InlineData("/api/v1/nope")]
    public async Task Get_NoKey_Returns401ProblemWithWwwAuthenticateApiKey(string path)
    {
        using var client = factory.CreateClient();
        using var response = await client.GetAsync(path);

        var problem = await ProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.Equal("ApiKey", Assert.Single(response.Headers.WwwAuthenticate).Scheme);
        Assert.Contains("X-Api-Key", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("X-Api-Key", "not-a-key-but-long-enough-to-look-like-one")]
    [InlineData("Authorization", "ApiKey not-a-key-but-long-enough-to-look-like-one")]
    public async Task Get_UnknownKey_Returns401Problem(string header, string value)
    {
        using var client = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/jobs/sample-job-1");
        request.Headers.TryAddWithoutValidation(header, value);
        using var response = await client.SendAsync(request);

        var problem = await ProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.Equal("ApiKey", Assert.Single(response.Headers.WwwAuthenticate).Scheme);
        Assert.Equal("The API key is not valid.", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Get_KeyInAuthorizationHeader_IsAccepted()
    {
        using var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("ApiKey", TestKeys.Recruiter);
        using var response = await client.GetAsync("/api/v1/jobs/sample-job-1");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task SubmitFeedback_RecruiterKey_Returns403ProblemNamingTheKeyAndTheRolesNeeded()
    {
        using var client = factory.CreateClient(ApiRoles.Recruiter);
        using var response = await client.PostAsync("/api/v1/feedback/submit",
            new StringContent("{\"screening_result_id\":\"sample-job-1|x\",\"human_decision\":\"reject\"}", Encoding.UTF8, "application/json"));

        string detail = (await ProblemAsync(response, HttpStatusCode.Forbidden)).GetProperty("detail").GetString()!;
        Assert.Contains(TestKeys.RecruiterName, detail, StringComparison.Ordinal);
        Assert.Contains("reviewer or admin", detail, StringComparison.Ordinal);
        Assert.DoesNotContain(TestKeys.Recruiter, detail, StringComparison.Ordinal);
    }

    /// <summary>Every route and role: a role the route allows passes authorization (whatever the route then says), others get 403.</summary>
    [Theory]
    [InlineData("GET", "/api/v1/jobs/sample-job-1", "recruiter reviewer admin")]
    [InlineData("GET", "/api/v1/candidates/sample-candidate-1", "recruiter reviewer admin")]
    [InlineData("GET", "/api/v1/jobs/sample-job-1/candidates/sample-candidate-1/score", "recruiter reviewer admin")]
    [InlineData("GET", "/api/v1/jobs/sample-job-1/candidates?top=3", "recruiter reviewer admin")]
    [InlineData("GET", "/api/v1/screening/results/sample-job-1", "recruiter reviewer admin")]
    [InlineData("POST", "/api/v1/jobs", "recruiter admin")]
    [InlineData("GET", "/api/v1/users/sample-user-1/recommendations?top=3", "recruiter reviewer admin")]
    [InlineData("GET", "/api/v1/users/sample-user-1/interactions", "recruiter reviewer admin")]
    [InlineData("GET", "/api/v1/users/sample-user-1/profile", "recruiter reviewer admin")]
    [InlineData("PUT", "/api/v1/users/sample-user-1/profile", "recruiter admin")]
    [InlineData("POST", "/api/v1/users/sample-user-1/interactions", "recruiter admin")]
    [InlineData("POST", "/api/v1/candidates", "recruiter admin")]
    [InlineData("POST", "/api/v1/careers/recommendations", "recruiter admin")]
    [InlineData("POST", "/api/v1/screening/upload-resume", "recruiter admin")]
    [InlineData("POST", "/api/v1/feedback/submit", "reviewer admin")]
    [InlineData("GET", "/api/v1/feedback/training-status", "reviewer admin")]
    [InlineData("POST", "/api/v1/feedback/trigger-training", "admin")]
    [InlineData("GET", "/api/v1/training/jobs/nope", "admin")]
    [InlineData("POST", "/api/v1/training/jobs/nope/cancel", "admin")]
    [InlineData("GET", "/api/v1/models", "admin")]
    [InlineData("POST", "/api/v1/models/baseline_tfidf/versions/nope/promote", "admin")]
    [InlineData("GET", "/api/v1/cluster/silos", "admin")]
    [InlineData("GET", "/api/v1/cluster/statistics", "admin")]
    [InlineData("GET", "/api/v1/dashboard/overview", "admin")]
    [InlineData("GET", "/api/v1/dashboard/review", "admin")]
    [InlineData("GET", "/api/v1/review/queue?job_id=sample-job-1", "reviewer admin")]
    [InlineData("GET", "/api/v1/jobs/sample-job-1/agreement", "recruiter reviewer admin")]
    [InlineData("GET", "/api/v1/jobs/sample-job-1/review-settings", "recruiter reviewer admin")]
    [InlineData("PUT", "/api/v1/jobs/sample-job-1/review-settings", "recruiter admin")]
    [InlineData("GET", "/api/v1/reviewers/nobody/agreement", "recruiter reviewer admin")]
    [InlineData("GET", "/api/v1/review/adjudications?job_id=sample-job-1", "adjudicator admin")]
    [InlineData("POST", "/api/v1/review/adjudications/sample-job-1/nobody", "adjudicator admin")]
    public async Task Route_EachRole_PassesOnlyWhenTheRouteAllowsIt(string method, string path, string allowedRoles)
    {
        var allowed = allowedRoles.Split(' ');
        foreach (string role in ApiRoles.All)
        {
            using var client = factory.CreateClient(role);
            using var request = new HttpRequestMessage(new HttpMethod(method), path);
            // Bodies that the route refuses (400/404/415) or answers without side effects once authorization lets them through.
            string? body = method != "POST" ? null
                : path.EndsWith("/jobs", StringComparison.Ordinal) || path.EndsWith("/candidates", StringComparison.Ordinal) ? "{\"title\": "
                : "{\"force\": false, \"screening_result_id\": \"nope\"}";
            if (body is not null) request.Content = new StringContent(body, Encoding.UTF8, "application/json");
            using var response = await client.SendAsync(request);

            if (allowed.Contains(role))
            {
                Assert.True(response.StatusCode is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden) && (int)response.StatusCode < 500,
                    $"{role} on {method} {path}: {(int)response.StatusCode}");
            }
            else
            {
                await ProblemAsync(response, HttpStatusCode.Forbidden);
            }
        }
    }

    [Theory]
    [InlineData("DELETE", "/api/v1/models", HttpStatusCode.MethodNotAllowed)]
    [InlineData("GET", "/api/v1/nope", HttpStatusCode.NotFound)]
    public async Task Request_MatchingNoRoute_RecruiterKey_ReturnsRoutingsAnswerNot403(string method, string path, HttpStatusCode expected)
    {
        using var client = factory.CreateClient(ApiRoles.Recruiter);
        using var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        Assert.Equal(expected, response.StatusCode);
    }

    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    [InlineData("/openapi/v1.json")]
    [InlineData("/dashboard/talentflow")]
    public async Task Get_AnonymousRoute_NoKey_Returns200(string path)
    {
        using var client = factory.CreateClient();
        using var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task GetDashboard_NoKey_ServesTheShellWithoutDataUnderAStrictContentSecurityPolicy()
    {
        using var client = factory.CreateClient();
        using var response = await client.GetAsync("/dashboard/talentflow");

        string csp = string.Join(" ", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'sha256-", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("connect-src 'self'", csp, StringComparison.Ordinal);
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
        Assert.DoesNotContain("sample-job", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public void Endpoints_Every_NamesAPolicyOrIsOneOfTheDeclaredAnonymousRoutes()
    {
        var anonymous = new List<string>();
        foreach (var endpoint in factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            string route = endpoint.RoutePattern.RawText ?? "";
            if (endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null)
            {
                anonymous.Add(route);
                continue;
            }
            var policies = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).ToList();
            Assert.True(policies.Count > 0 && policies.All(p => ApiPolicies.All.Contains(p)), $"{route} names no known policy.");
        }
        Assert.Equal(["/dashboard/talentflow", "/health/live", "/health/ready", "/openapi/{documentName}.json",
            "/scalar/favicon.svg", "/scalar/scalar.aspnetcore.js", "/scalar/scalar.js", "/scalar/{documentName?}"], anonymous.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task GetOrleansDashboard_NoKey_AsksTheBrowserToSignInWithBasic()
    {
        using var client = factory.CreateClient();
        using var response = await client.GetAsync("/dashboard/");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Basic", Assert.Single(response.Headers.WwwAuthenticate).Scheme);
    }

    [Theory]
    [InlineData("basic", ApiRoles.Admin, HttpStatusCode.OK)]
    [InlineData("header", ApiRoles.Admin, HttpStatusCode.OK)]
    [InlineData("basic", ApiRoles.Recruiter, HttpStatusCode.Forbidden)]
    [InlineData("basic", "wrong", HttpStatusCode.Unauthorized)]
    public async Task GetOrleansDashboard_Credentials_AdminOnly(string how, string role, HttpStatusCode expected)
    {
        string key = role switch { ApiRoles.Admin => TestKeys.Admin, ApiRoles.Recruiter => TestKeys.Recruiter, _ => "tf_not-a-key-of-this-cluster-000000" };
        using var client = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/dashboard/");
        if (how == "basic") request.Headers.Authorization = new("Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("admin:" + key)));
        else request.Headers.Add("X-Api-Key", key);

        using var response = await client.SendAsync(request);

        Assert.Equal(expected, response.StatusCode);
        if (expected == HttpStatusCode.OK) Assert.Contains("<html", await response.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }
}
