using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using TalentFlow.Silo.Security;

namespace TalentFlow.Silo.Tests;

[Collection(SiloHostCollection.Name)]
public sealed class FeedbackApiTests(SiloHostFactory factory)
{
    private static async Task<string> ScreenAsync(HttpClient client)
    {
        using var form = new MultipartFormDataContent
        {
            { new StringContent("sample-job-3"), "job_id" },
            { new StringContent("Feedback Example"), "candidate_name" },
            { new ByteArrayContent(Encoding.UTF8.GetBytes("Skills\nReact, TypeScript, CSS\nExperience\nFrontend Developer, Litware, 2020 - 2024")), "file", "cv.txt" },
        };
        using var response = await client.PostAsync("/api/v1/screening/upload-resume", form);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    [Fact]
    public async Task Submit_ThenTrainingStatus_CountsTheSampleAndMarksTheResultReviewed()
    {
        using var recruiter = factory.CreateClient(ApiRoles.Recruiter);
        using var client = factory.CreateClient(ApiRoles.Reviewer);
        string id = await ScreenAsync(recruiter);
        var before = await client.GetFromJsonAsync<JsonElement>("/api/v1/feedback/training-status");

        using var submitted = await client.PostAsJsonAsync("/api/v1/feedback/submit", new { screening_result_id = id, human_decision = "shortlist", notes = "strong" });
        var after = await client.GetFromJsonAsync<JsonElement>("/api/v1/feedback/training-status");

        Assert.Equal(HttpStatusCode.OK, submitted.StatusCode);
        Assert.True((await submitted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("success").GetBoolean());
        Assert.Equal(before.GetProperty("total_samples").GetInt32() + 1, after.GetProperty("total_samples").GetInt32());
        Assert.Equal(100, after.GetProperty("threshold").GetInt32());
        Assert.Equal(100 - after.GetProperty("total_samples").GetInt32(), after.GetProperty("samples_needed").GetInt32());
        var results = await client.GetFromJsonAsync<JsonElement>("/api/v1/screening/results/sample-job-3");
        Assert.True(results.EnumerateArray().Single(r => r.GetProperty("id").GetString() == id).GetProperty("human_reviewed").GetBoolean());
    }

    [Theory]
    [InlineData("{\"screening_result_id\":\"sample-job-3|nobody\",\"human_decision\":\"reject\"}", 404)]
    [InlineData("{\"screening_result_id\":\"garbage\",\"human_decision\":\"reject\"}", 404)]
    [InlineData("{\"human_decision\":\"reject\"}", 400)]
    [InlineData("{\"screening_result_id\":\"sample-job-3|x\",\"human_decision\":\"perhaps\"}", 400)]
    [InlineData("{\"screening_result_id\": ", 400)]
    public async Task Submit_UnknownOrMalformed_ReturnsProblem(string body, int status)
    {
        using var client = factory.CreateClient(ApiRoles.Reviewer);
        using var response = await client.PostAsync("/api/v1/feedback/submit", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}

[Collection(SiloHostCollection.Name)]
public sealed class TrainingApiTests(SiloHostFactory factory)
{
    [Fact]
    public async Task TriggerTraining_NotEnoughFeedback_SaysHowManyMoreAreNeeded()
    {
        using var client = factory.CreateClient(ApiRoles.Admin);
        using var response = await client.PostAsJsonAsync("/api/v1/feedback/trigger-training", new { force = false });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(body.GetProperty("success").GetBoolean());
        Assert.Contains("more needed", body.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ForcedTraining_OnTheEmbeddedTrainerSilo_EndsAndIsVisibleAsAJob()
    {
        using var client = factory.CreateClient(ApiRoles.Admin);
        using var response = await client.PostAsJsonAsync("/api/v1/feedback/trigger-training", new { force = true });
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        string? id = body.GetProperty("job_id").GetString();
        Assert.NotNull(id);

        JsonElement job = default;
        for (int i = 0; i < 600; i++)
        {
            job = await client.GetFromJsonAsync<JsonElement>($"/api/v1/training/jobs/{id}");
            if (job.GetProperty("status").GetString() is "succeeded" or "failed") break;
            await Task.Delay(50);
        }
        // With little or one-sided feedback the job fails with a reason rather than training on nothing.
        Assert.Contains(job.GetProperty("status").GetString(), new[] { "succeeded", "failed" });
        Assert.False(string.IsNullOrEmpty(job.GetProperty("message").GetString()));
        using var models = await client.GetAsync("/api/v1/models");
        Assert.Equal(HttpStatusCode.OK, models.StatusCode);
    }

    [Fact]
    public async Task CancelTrainingJob_Ended_Returns409ProblemAndUnknown404()
    {
        using var client = factory.CreateClient(ApiRoles.Admin);
        using var response = await client.PostAsJsonAsync("/api/v1/feedback/trigger-training", new { force = true });
        string id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("job_id").GetString()!;
        for (int i = 0; i < 600; i++)
        {
            var job = await client.GetFromJsonAsync<JsonElement>($"/api/v1/training/jobs/{id}");
            if (job.GetProperty("status").GetString() is "succeeded" or "failed" or "cancelled") break;
            await Task.Delay(50);
        }

        using var ended = await client.PostAsync($"/api/v1/training/jobs/{id}/cancel", null);
        using var unknown = await client.PostAsync("/api/v1/training/jobs/nope/cancel", null);

        Assert.Equal(HttpStatusCode.Conflict, ended.StatusCode);
        Assert.Equal("application/problem+json", ended.Content.Headers.ContentType?.MediaType);
        Assert.Contains("only a queued or running job can be cancelled", (await ended.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task TrainingJob_Finished_ShowsItsLogLines()
    {
        using var client = factory.CreateClient(ApiRoles.Admin);
        using var response = await client.PostAsJsonAsync("/api/v1/feedback/trigger-training", new { force = true });
        string id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("job_id").GetString()!;
        JsonElement job = default;
        for (int i = 0; i < 600; i++)
        {
            job = await client.GetFromJsonAsync<JsonElement>($"/api/v1/training/jobs/{id}");
            if (job.GetProperty("status").GetString() is "succeeded" or "failed" or "cancelled") break;
            await Task.Delay(50);
        }

        var log = job.GetProperty("log").EnumerateArray().ToList();
        Assert.NotEmpty(log);
        Assert.StartsWith("Queued", log[0].GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.All(log, line => Assert.True(line.TryGetProperty("at", out _) && line.TryGetProperty("progress", out _)));
    }

    [Fact]
    public async Task TrainingJob_Unknown_Returns404AndPromotingAnUnknownVersionReturns404()
    {
        using var client = factory.CreateClient(ApiRoles.Admin);
        using var job = await client.GetAsync("/api/v1/training/jobs/nope");
        using var promote = await client.PostAsync("/api/v1/models/baseline_tfidf/versions/nope/promote", null);

        Assert.Equal(HttpStatusCode.NotFound, job.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, promote.StatusCode);
    }
}
