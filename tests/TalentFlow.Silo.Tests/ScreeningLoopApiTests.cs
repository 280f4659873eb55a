using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using TalentFlow.Silo.Security;

namespace TalentFlow.Silo.Tests;

/// <summary>The job's threshold, the decision's reason and the verdicts' bad input over HTTP (issue 17).</summary>
[Collection(SiloHostCollection.Name)]
public sealed class ScreeningLoopApiTests(SiloHostFactory factory)
{
    private const string FrontendResume = "Skills\nReact, TypeScript, CSS\nExperience\nFrontend Developer, Litware, 2020 - 2024";

    private static async Task<JsonElement> UploadAsync(HttpClient client, string jobId, string resume = FrontendResume)
    {
        using var form = new MultipartFormDataContent
        {
            { new StringContent(jobId), "job_id" },
            { new StringContent("Loop Example"), "candidate_name" },
            { new ByteArrayContent(Encoding.UTF8.GetBytes(resume)), "file", "cv.txt" },
        };
        using var response = await client.PostAsync("/api/v1/screening/upload-resume", form);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static async Task<string> CreateJobAsync(HttpClient client, object? extra = null)
    {
        string id = "loop-api-" + Guid.NewGuid().ToString("N")[..8];
        var body = new Dictionary<string, object?>
        {
            ["id"] = id,
            ["title"] = "Frontend Developer",
            ["description"] = "We build React and TypeScript applications and look for a frontend developer with three years of experience in CSS and accessibility.",
        };
        if (extra is (string key, object value)) body[key] = value;
        using var response = await client.PostAsJsonAsync("/api/v1/jobs", body);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return id;
    }

    [Theory]
    [InlineData("shortlist_threshold", 0.0)]
    [InlineData("shortlist_threshold", 1.0)]
    [InlineData("shortlist_threshold", 1.5)]
    [InlineData("shortlist_threshold", -0.1)]
    [InlineData("target_shortlist_rate", 0.0)]
    [InlineData("target_shortlist_rate", 2.0)]
    public async Task PutSettings_ValueOutsideZeroOne_Returns400ProblemAndCreateJobStoresNothing(string field, double value)
    {
        using var client = factory.CreateClient(ApiRoles.Recruiter);
        string jobId = await CreateJobAsync(client);
        string fresh = "loop-api-bad-" + Guid.NewGuid().ToString("N")[..8];

        using var put = await client.PutAsJsonAsync($"/api/v1/jobs/{jobId}/settings", new Dictionary<string, object> { ["blind_screening"] = false, [field] = value });
        using var post = await client.PostAsJsonAsync("/api/v1/jobs", new Dictionary<string, object> { ["id"] = fresh, ["title"] = "T", ["description"] = "A job.", [field] = value });
        using var missing = await client.GetAsync($"/api/v1/jobs/{fresh}");

        foreach (var response in new[] { put, post })
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Contains(field, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        }
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task Upload_JobWithItsOwnThreshold_DecidesAtItAndSaysWhyInWords()
    {
        using var client = factory.CreateClient(ApiRoles.Recruiter);
        string strict = await CreateJobAsync(client, ("shortlist_threshold", 0.999));
        string lenient = await CreateJobAsync(client, ("shortlist_threshold", 0.001));

        var rejected = await UploadAsync(client, strict, "Skills\nExcel, QuickBooks, GAAP, auditing\nExperience\nStaff Accountant, Contoso, 2016 - 2024\nPrepared monthly financial statements.");
        var shortlisted = await UploadAsync(client, lenient);
        var settings = await client.GetFromJsonAsync<JsonElement>($"/api/v1/jobs/{strict}/settings");

        Assert.Equal(("REJECT", 0.999), (rejected.GetProperty("decision").GetString(), rejected.GetProperty("shortlist_threshold").GetDouble()));
        Assert.StartsWith("probability ", rejected.GetProperty("decision_reason").GetString(), StringComparison.Ordinal);
        Assert.Contains("below the job's threshold 0.999", rejected.GetProperty("decision_reason").GetString(), StringComparison.Ordinal);
        Assert.Equal("SHORTLIST", shortlisted.GetProperty("decision").GetString());
        Assert.Contains("at or above the job's threshold", shortlisted.GetProperty("decision_reason").GetString(), StringComparison.Ordinal);
        Assert.Equal(0.999, settings.GetProperty("shortlist_threshold").GetDouble());
        Assert.True(rejected.GetProperty("model_versions").TryGetProperty("screening_model", out _));
        Assert.True(rejected.GetProperty("similarity").GetDouble() >= 0);
    }

    [Fact]
    public async Task Submit_OneReviewerContradictsThemself_BothAcceptedAndTheLatestVerdictIsTheLabel()
    {
        using var recruiter = factory.CreateClient(ApiRoles.Recruiter);
        using var reviewer = factory.CreateClient(ApiRoles.Reviewer);
        using var admin = factory.CreateClient(ApiRoles.Admin);
        string jobId = await CreateJobAsync(recruiter);
        string resultId = (await UploadAsync(recruiter, jobId)).GetProperty("id").GetString()!;

        using var first = await reviewer.PostAsJsonAsync("/api/v1/feedback/submit", new { screening_result_id = resultId, human_decision = "shortlist", reviewer = "rita" });
        using var second = await reviewer.PostAsJsonAsync("/api/v1/feedback/submit", new { screening_result_id = resultId, human_decision = "reject", reviewer = "rita" });
        var export = await admin.GetFromJsonAsync<JsonElement>("/api/v1/feedback/export");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var sample = Assert.Single(export.EnumerateArray(), s => s.GetProperty("result_id").GetString() == resultId);
        Assert.Equal(("reject", 0), (sample.GetProperty("human_decision").GetString(), sample.GetProperty("label").GetInt32()));
    }

    [Fact]
    public async Task Submit_UnknownResultOfAKnownJob_Returns404Problem()
    {
        using var recruiter = factory.CreateClient(ApiRoles.Recruiter);
        using var reviewer = factory.CreateClient(ApiRoles.Reviewer);
        string jobId = await CreateJobAsync(recruiter);

        using var response = await reviewer.PostAsJsonAsync("/api/v1/feedback/submit", new { screening_result_id = jobId + "|cand-nobody", human_decision = "reject" });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
