using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using TalentFlow.Grains.Matching;
using TalentFlow.Silo.Security;

namespace TalentFlow.Silo.Tests;

/// <summary>An A/B test on two real silos: set through one, both score a candidate with the same arm's version.</summary>
public sealed class AbTestClusterTests(TwoSiloCluster cluster) : IClassFixture<TwoSiloCluster>
{
    [Fact]
    public async Task AbTest_SetThroughOneSilo_BothSilosScoreEveryCandidateWithItsArmsVersion()
    {
        using var a = new HttpClient { BaseAddress = new Uri(cluster.A.BaseAddress) }.As(ApiRoles.Admin);
        using var b = new HttpClient { BaseAddress = new Uri(cluster.B.BaseAddress) }.As(ApiRoles.Admin);
        await AbTestApiTests.RegisterBaselineAsync(a, "champion");
        await AbTestApiTests.RegisterBaselineAsync(a, "challenger");
        using var promoted = await a.PostAsync("/api/v1/models/baseline_tfidf/versions/champion/promote", null);
        Assert.Equal(HttpStatusCode.OK, promoted.StatusCode);

        // Production cannot be its own challenger.
        using var conflict = await a.PutAsJsonAsync("/api/v1/models/baseline_tfidf/ab-test", new { version = "champion", share = 0.5 });
        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
        Assert.Equal("application/problem+json", conflict.Content.Headers.ContentType?.MediaType);
        using var started = await a.PutAsJsonAsync("/api/v1/models/baseline_tfidf/ab-test", new { version = "challenger", share = 0.5 });
        Assert.Equal(HttpStatusCode.OK, started.StatusCode);

        var arms = new HashSet<string>();
        for (int i = 1; i <= 10; i++)
        {
            string candidate = $"sample-candidate-{i}";
            string expected = TrafficSplit.IsChallenger("baseline_tfidf", "challenger", candidate, 0.5) ? "challenger" : "champion";
            arms.Add(expected);
            int job = (i % 8) + 1, other = ((i + 3) % 8) + 1;
            foreach (var (client, path) in new[]
            {
                (a, $"/api/v1/jobs/sample-job-{job}/candidates/{candidate}/score"), (b, $"/api/v1/jobs/sample-job-{job}/candidates/{candidate}/score"),
                (a, $"/api/v1/candidates/{candidate}/jobs/sample-job-{other}/score"), (b, $"/api/v1/candidates/{candidate}/jobs/sample-job-{other}/score"),
            })
            {
                var match = await client.GetFromJsonAsync<JsonElement>(path);
                Assert.Equal(expected, match.GetProperty("model_versions").GetProperty("baseline_tfidf").GetString());
            }
        }
        Assert.Equal(2, arms.Count);
        Assert.Equal("challenger", (await b.GetFromJsonAsync<JsonElement>("/api/v1/models/baseline_tfidf/ab-test")).GetProperty("challenger_version").GetString());
    }
}
