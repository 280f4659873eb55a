using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using TalentFlow.Silo.Security;

namespace TalentFlow.Silo.Tests;

/// <summary>The review routes over real HTTP: queue, overlap, agreement, adjudication and the training export it gates.</summary>
[Collection(SiloHostCollection.Name)]
public sealed class ReviewApiTests(SiloHostFactory factory)
{
    private static readonly string[] Resumes =
    [
        "Skills\nReact, TypeScript, CSS\nExperience\nFrontend Developer, Litware, 2020 - 2024",
        "Skills\nJava, Spring, SQL\nExperience\nBackend Engineer, Contoso, 2018 - 2024",
        "Skills\nPython, pandas, statistics\nExperience\nData Analyst, Fabrikam, 2019 - 2023",
    ];

    /// <summary>A job of its own with three screened resumes, so tests sharing the host do not see each other's verdicts.</summary>
    private async Task<(string JobId, string[] ResultIds)> JobWithResultsAsync(string jobId)
    {
        using var recruiter = factory.CreateClient(ApiRoles.Recruiter);
        using var created = await recruiter.PostAsJsonAsync("/api/v1/jobs", new { id = jobId, title = "Frontend Developer", description = "React and TypeScript, CSS, testing." });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var ids = new List<string>();
        foreach (var (text, i) in Resumes.Select((t, i) => (t, i)))
        {
            using var form = new MultipartFormDataContent
            {
                { new StringContent(jobId), "job_id" },
                { new StringContent($"Person {i}"), "candidate_name" },
                { new ByteArrayContent(Encoding.UTF8.GetBytes(text)), "file", "cv.txt" },
            };
            using var response = await recruiter.PostAsync("/api/v1/screening/upload-resume", form);
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            ids.Add((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!);
        }
        return (jobId, [.. ids]);
    }

    private static async Task LabelAsync(HttpClient client, string resultId, string decision, string? reviewer)
    {
        using var response = await client.PostAsJsonAsync("/api/v1/feedback/submit", new { screening_result_id = resultId, human_decision = decision, reviewer });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Queue_ReviewerKey_LeavesOutWhatThatReviewerLabelledAndGivesReasons()
    {
        var (jobId, ids) = await JobWithResultsAsync("review-api-queue");
        using var reviewer = factory.CreateClient(ApiRoles.Reviewer);
        using var admin = factory.CreateClient(ApiRoles.Admin);
        using var recruiter = factory.CreateClient(ApiRoles.Recruiter);
        using var set = await recruiter.PutAsJsonAsync($"/api/v1/jobs/{jobId}/review-settings", new { overlap = 2 });
        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        await LabelAsync(reviewer, ids[0], "shortlist", reviewer: null); // the key's name, review-team, is the reviewer

        var mine = await reviewer.GetFromJsonAsync<JsonElement>($"/api/v1/review/queue?job_id={jobId}&strategy=uncertainty&limit=10");
        var anyone = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/review/queue?job_id={jobId}&strategy=oldest&limit=2");

        Assert.Equal(TestKeys.ReviewerName, mine.GetProperty("reviewer").GetString());
        Assert.Equal(new[] { ids[1], ids[2] }.Order(StringComparer.Ordinal), mine.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("result_id").GetString()!).Order(StringComparer.Ordinal));
        var reason = mine.GetProperty("items")[0].GetProperty("reason");
        Assert.Equal(("uncertainty", "shortlist_threshold"), (reason.GetProperty("strategy").GetString(), reason.GetProperty("threshold").GetString()));
        Assert.True(reason.GetProperty("distance").GetDouble() >= 0);
        Assert.Equal((3, 2), (anyone.GetProperty("waiting").GetInt32(), anyone.GetProperty("items").GetArrayLength()));
        Assert.Equal(ids[0], anyone.GetProperty("items")[0].GetProperty("result_id").GetString());
        Assert.True(anyone.GetProperty("items")[0].GetProperty("reason").GetProperty("wait_seconds").GetDouble() >= 0);
    }

    [Theory]
    [InlineData("/api/v1/review/queue?job_id=sample-job-1&strategy=random", 400)]
    [InlineData("/api/v1/review/queue?job_id=sample-job-1&limit=0", 400)]
    [InlineData("/api/v1/review/queue?job_id=sample-job-1&limit=many", 400)]
    [InlineData("/api/v1/review/queue?job_id=sample-job-1&limit=101", 400)]
    [InlineData("/api/v1/review/queue?strategy=oldest", 400)]
    [InlineData("/api/v1/review/queue?job_id=no-such-job", 404)]
    [InlineData("/api/v1/jobs/no-such-job/agreement", 404)]
    [InlineData("/api/v1/reviewers/no-such-reviewer/agreement", 404)]
    [InlineData("/api/v1/review/adjudications?job_id=no-such-job", 404)]
    public async Task ReviewRoutes_BadOrUnknown_ReturnProblem(string path, int status)
    {
        using var admin = factory.CreateClient(ApiRoles.Admin);
        using var response = await admin.GetAsync(path);

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Adjudication_DisputedResult_IsListedDecidedByTheAdjudicatorAndThenExported()
    {
        var (jobId, ids) = await JobWithResultsAsync("review-api-adjudication");
        using var admin = factory.CreateClient(ApiRoles.Admin);
        using var adjudicator = factory.CreateClient(ApiRoles.Adjudicator);
        using var reviewer = factory.CreateClient(ApiRoles.Reviewer);
        using var set = await admin.PutAsJsonAsync($"/api/v1/jobs/{jobId}/review-settings", new { overlap = 2 });
        // ann S S R, bob S R R: the second result is disputed; κ over the three: p_o ⅔, p_e ⅔·⅓ + ⅓·⅔ = 4/9, κ = 0.4.
        string[] ann = ["shortlist", "shortlist", "reject"], bob = ["shortlist", "reject", "reject"];
        for (int i = 0; i < 3; i++)
        {
            await LabelAsync(admin, ids[i], ann[i], "ann");
            await LabelAsync(admin, ids[i], bob[i], "bob");
        }
        string candidate = ids[1].Split('|')[1];

        var exportBefore = await admin.GetFromJsonAsync<JsonElement>("/api/v1/feedback/export");
        var agreement = await reviewer.GetFromJsonAsync<JsonElement>($"/api/v1/jobs/{jobId}/agreement");
        var annReport = await reviewer.GetFromJsonAsync<JsonElement>("/api/v1/reviewers/ann/agreement");
        var cases = await adjudicator.GetFromJsonAsync<JsonElement>($"/api/v1/review/adjudications?job_id={jobId}");
        using var byReviewer = await reviewer.PostAsJsonAsync($"/api/v1/review/adjudications/{jobId}/{candidate}", new { label = "reject", reason = "no" });
        using var badLabel = await adjudicator.PostAsJsonAsync($"/api/v1/review/adjudications/{jobId}/{candidate}", new { label = "maybe", reason = "no" });
        using var notDisputed = await adjudicator.PostAsJsonAsync($"/api/v1/review/adjudications/{jobId}/{ids[0].Split('|')[1]}", new { label = "reject", reason = "no" });
        using var unknown = await adjudicator.PostAsJsonAsync($"/api/v1/review/adjudications/{jobId}/nobody", new { label = "reject", reason = "no" });
        using var decided = await adjudicator.PostAsJsonAsync($"/api/v1/review/adjudications/{jobId}/{candidate}", new { label = "reject", reason = "no SQL at all" });
        var exportAfter = await admin.GetFromJsonAsync<JsonElement>("/api/v1/feedback/export");

        Assert.DoesNotContain(exportBefore.EnumerateArray(), s => s.GetProperty("result_id").GetString() == ids[1]);
        Assert.Contains(exportBefore.EnumerateArray(), s => s.GetProperty("result_id").GetString() == ids[0]);
        Assert.Equal("cohen_kappa", agreement.GetProperty("method").GetString());
        Assert.Equal(0.4, agreement.GetProperty("value").GetDouble(), 6);
        Assert.Equal(1, agreement.GetProperty("counts").GetProperty("disputed").GetInt32());
        Assert.Equal(0.4, annReport.GetProperty("jobs").GetProperty(jobId).GetProperty("peer_kappa").GetDouble(), 6);
        Assert.Equal(ids[1], Assert.Single(cases.EnumerateArray()).GetProperty("result_id").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, byReviewer.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badLabel.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, notDisputed.StatusCode);
        Assert.Equal("application/problem+json", notDisputed.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.OK, decided.StatusCode);
        Assert.Equal(TestKeys.AdjudicatorName, (await decided.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("adjudication").GetProperty("adjudicator").GetString());
        var sample = exportAfter.EnumerateArray().Single(s => s.GetProperty("result_id").GetString() == ids[1]);
        Assert.Equal((0, "reject", "no SQL at all"), (sample.GetProperty("label").GetInt32(), sample.GetProperty("human_decision").GetString(), sample.GetProperty("notes").GetString()));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(9)]
    public async Task ReviewSettings_OverlapOutOfRange_Returns400NamingTheRangeWithoutDotNetText(int overlap)
    {
        using var recruiter = factory.CreateClient(ApiRoles.Recruiter);
        using var response = await recruiter.PutAsJsonAsync("/api/v1/jobs/sample-job-2/review-settings", new { overlap });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var detail = problem.RootElement.GetProperty("detail").GetString()!;
        Assert.StartsWith("overlap must be 1–", detail, StringComparison.Ordinal);
        Assert.DoesNotContain("Actual value", detail, StringComparison.Ordinal);
        Assert.DoesNotContain("Parameter", detail, StringComparison.Ordinal);
    }
}
