using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using TalentFlow.Silo.Security;

namespace TalentFlow.Silo.Tests;

/// <summary>A candidate's own routes (history, score from its side, delete) and ranking with filters.</summary>
[Collection(SiloHostCollection.Name)]
public sealed class CandidateApiTests(SiloHostFactory factory)
{
    [Fact]
    public async Task DeleteCandidate_AfterScreening_RemovesProfileHistoryAndResultsThen404()
    {
        using var client = factory.CreateClient(ApiRoles.Recruiter);
        string id = "cand-delete-" + Guid.NewGuid().ToString("N")[..8];
        using (var created = await client.PostAsJsonAsync("/api/v1/candidates", new
        {
            id,
            name = "Robin Deleted",
            text = "Robin Deleted\nrobin@example.com\nSkills: Python, SQL, Airflow\nExperience\nData Engineer, Acme 2018 - 2024",
        }))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }
        var fromCandidate = await client.GetFromJsonAsync<JsonElement>($"/api/v1/candidates/{id}/jobs/sample-job-1/score");
        var fromJob = await client.GetFromJsonAsync<JsonElement>($"/api/v1/jobs/sample-job-1/candidates/{id}/score");
        Assert.Equal(fromJob.GetProperty("score").GetDouble(), fromCandidate.GetProperty("score").GetDouble());
        var history = await client.GetFromJsonAsync<JsonElement>($"/api/v1/candidates/{id}/history");
        Assert.Equal(0, history.GetArrayLength());

        using (var reviewer = factory.CreateClient(ApiRoles.Reviewer))
        using (var refused = await reviewer.DeleteAsync($"/api/v1/candidates/{id}"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        }
        using var deleted = await client.DeleteAsync($"/api/v1/candidates/{id}");
        using var again = await client.DeleteAsync($"/api/v1/candidates/{id}");
        using var profile = await client.GetAsync($"/api/v1/candidates/{id}");
        using var historyAfter = await client.GetAsync($"/api/v1/candidates/{id}/history");

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        Assert.Equal("application/problem+json", again.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, profile.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, historyAfter.StatusCode);
        var ranked = await client.GetFromJsonAsync<JsonElement>("/api/v1/jobs/sample-job-1/candidates?top=1000");
        Assert.DoesNotContain(ranked.EnumerateArray(), r => r.GetProperty("candidate_id").GetString() == id);
    }

    [Fact]
    public async Task RankCandidates_WithSkillAndScoreFilters_ReturnsOnlyCandidatesThatPass()
    {
        using var client = factory.CreateClient(ApiRoles.Recruiter);
        var all = await client.GetFromJsonAsync<JsonElement>("/api/v1/jobs/sample-job-1/candidates?top=1000");
        // min_score bounds the retrieval's embedding similarity (the ranking's score is the screening probability).
        var similarities = all.EnumerateArray().Select(r => r.GetProperty("similarity").GetDouble()).OrderDescending().ToList();
        double minScore = similarities[similarities.Count / 2];
        var filtered = await client.GetFromJsonAsync<JsonElement>(FormattableString.Invariant(
            $"/api/v1/jobs/sample-job-1/candidates?top=1000&skills=sql&min_score={minScore:R}&min_years=1"));

        Assert.True(filtered.GetArrayLength() > 0);
        Assert.True(filtered.GetArrayLength() < all.GetArrayLength());
        foreach (var hit in filtered.EnumerateArray())
        {
            Assert.True(hit.GetProperty("similarity").GetDouble() >= minScore);
            var profile = await client.GetFromJsonAsync<JsonElement>($"/api/v1/candidates/{hit.GetProperty("candidate_id").GetString()}");
            Assert.Contains("SQL", profile.GetProperty("skills").EnumerateArray().Select(s => s.GetString()));
            Assert.True(profile.GetProperty("total_years_experience").GetDouble() >= 1);
        }
    }

    [Theory]
    [InlineData("min_score=3")]
    [InlineData("min_years=-2")]
    [InlineData("min_years=abc")]
    public async Task RankCandidates_BadFilter_Returns400Problem(string query)
    {
        using var client = factory.CreateClient(ApiRoles.Recruiter);
        using var response = await client.GetAsync("/api/v1/jobs/sample-job-1/candidates?" + query);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
