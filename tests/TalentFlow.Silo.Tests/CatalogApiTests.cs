using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using TalentFlow.Silo.Security;

namespace TalentFlow.Silo.Tests;

[Collection(SiloHostCollection.Name)]
public sealed class CatalogApiTests(SiloHostFactory factory)
{
    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return doc.RootElement.Clone();
    }

    [Fact]
    public async Task PostJob_ThenGet_Returns201WithLocationAndTheParsedProfile()
    {
        using var client = factory.CreateClient(ApiRoles.Recruiter);
        using var created = await client.PostAsJsonAsync("/api/v1/jobs", new
        {
            title = "Data Engineer",
            description = "Build pipelines in Python and SQL. 3+ years of experience.",
            required_skills = new[] { "python", "SQL" },
            location = "Denver, CO",
        });

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var profile = await created.Content.ReadFromJsonAsync<JsonElement>();
        string id = profile.GetProperty("id").GetString()!;
        Assert.Equal($"/api/v1/jobs/{id}", created.Headers.Location!.OriginalString);
        Assert.Equal(["Python", "SQL"], profile.GetProperty("required_skills").EnumerateArray().Select(s => s.GetString()));
        var read = await client.GetFromJsonAsync<JsonElement>($"/api/v1/jobs/{id}");
        Assert.Equal("Denver, CO", read.GetProperty("location").GetString());
    }

    [Fact]
    public async Task Score_SampleDataLoaded_ReturnsScoreDecisionSectionsAndModelVersion()
    {
        using var client = factory.CreateClient(ApiRoles.Reviewer);
        var match = await client.GetFromJsonAsync<JsonElement>("/api/v1/jobs/sample-job-1/candidates/sample-candidate-1/score");

        Assert.InRange(match.GetProperty("score").GetDouble(), 0.1, 1.0);
        Assert.Contains(match.GetProperty("decision").GetString(), new[] { "SHORTLIST", "REJECT" });
        Assert.True(match.GetProperty("section_scores").TryGetProperty("skills", out _));
        Assert.Equal("builtin-1", match.GetProperty("model_versions").GetProperty("baseline_tfidf").GetString());
    }

    [Fact]
    public async Task PostCandidate_EmptyText_Returns400ProblemSayingWhy()
    {
        using var client = factory.CreateClient(ApiRoles.Recruiter);
        using var response = await client.PostAsJsonAsync("/api/v1/candidates", new { name = "Empty", text = "   " });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("empty", (await ProblemAsync(response)).GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("/api/v1/candidates/nobody")]
    [InlineData("/api/v1/jobs/nothing")]
    [InlineData("/api/v1/jobs/sample-job-1/candidates/nobody/score")]
    public async Task Get_UnknownId_Returns404Problem(string path)
    {
        using var client = factory.CreateClient(ApiRoles.Reviewer);
        using var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(404, (await ProblemAsync(response)).GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task PostJob_MalformedJson_Returns400Problem()
    {
        using var client = factory.CreateClient(ApiRoles.Recruiter);
        using var response = await client.PostAsync("/api/v1/jobs", new StringContent("{\"title\": ", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await ProblemAsync(response);
    }

    [Fact]
    public async Task PostJob_NotJson_Returns415Problem()
    {
        using var client = factory.CreateClient(ApiRoles.Recruiter);
        using var response = await client.PostAsync("/api/v1/jobs", new StringContent("title=x", Encoding.UTF8, "text/plain"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        await ProblemAsync(response);
    }

    [Fact]
    public async Task PostCandidate_IdWithSlash_Returns400Problem()
    {
        using var client = factory.CreateClient(ApiRoles.Recruiter);
        using var response = await client.PostAsJsonAsync("/api/v1/candidates", new { name = "X", text = "Python developer", id = "a/b" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("'/'", (await ProblemAsync(response)).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task RankCandidates_SampleJob_ReturnsTopCandidatesBestFirst()
    {
        using var client = factory.CreateClient(ApiRoles.Recruiter);
        var ranked = await client.GetFromJsonAsync<JsonElement>("/api/v1/jobs/sample-job-2/candidates?top=5");

        var scores = ranked.EnumerateArray().Select(r => r.GetProperty("score").GetDouble()).ToList();
        Assert.Equal(5, scores.Count);
        Assert.Equal(scores.OrderByDescending(s => s), scores);
        // Other tests share this host and add candidates, so every id must resolve rather than come from the samples.
        foreach (var r in ranked.EnumerateArray())
        {
            using var candidate = await client.GetAsync($"/api/v1/candidates/{r.GetProperty("candidate_id").GetString()}");
            Assert.Equal(HttpStatusCode.OK, candidate.StatusCode);
        }
    }

    [Theory]
    [InlineData("/api/v1/jobs/sample-job-2/candidates?top=0")]
    [InlineData("/api/v1/jobs/sample-job-2/candidates?top=abc")]
    public async Task RankCandidates_BadTop_Returns400Problem(string path)
    {
        using var client = factory.CreateClient(ApiRoles.Recruiter);
        using var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await ProblemAsync(response);
    }
}
