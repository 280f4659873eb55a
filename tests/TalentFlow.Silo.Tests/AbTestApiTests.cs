using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using TalentFlow.Grains.Matching;
using TalentFlow.Grains.Samples;
using TalentFlow.ML.Matching;
using TalentFlow.Silo.Security;

namespace TalentFlow.Silo.Tests;

/// <summary>The A/B test routes on one silo: start, show, measure, end, and their problems.</summary>
[Collection(SiloHostCollection.Name)]
public sealed class AbTestApiTests(SiloHostFactory factory)
{
    private const string Route = "/api/v1/models/baseline_tfidf/ab-test";

    internal static async Task RegisterBaselineAsync(HttpClient admin, string version)
    {
        using var artifact = new MemoryStream();
        BaselineMatcher.Fit([.. SampleCorpus.Texts().Take(20)]).Save(artifact);
        using var content = new ByteArrayContent(artifact.ToArray());
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        using var response = await admin.PutAsync($"/api/v1/models/baseline_tfidf/versions/{version}", content);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    private static async Task<JsonElement> ScreenAsync(HttpClient recruiter, string name)
    {
        using var form = new MultipartFormDataContent
        {
            { new StringContent("sample-job-3"), "job_id" },
            { new StringContent(name), "candidate_name" },
            { new ByteArrayContent(Encoding.UTF8.GetBytes("Skills\nReact, TypeScript, CSS\nExperience\nFrontend Developer, Litware, 2020 - 2024")), "file", "cv.txt" },
        };
        using var response = await recruiter.PostAsync("/api/v1/screening/upload-resume", form);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.False(string.IsNullOrEmpty((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString()));
    }

    [Fact]
    public async Task AbTest_StartScoreReviewMeasureEnd_SplitsByCandidateAndCountsEachArm()
    {
        using var admin = factory.CreateClient(ApiRoles.Admin);
        using var recruiter = factory.CreateClient(ApiRoles.Recruiter);
        using var reviewer = factory.CreateClient(ApiRoles.Reviewer);
        await RegisterBaselineAsync(admin, "ab-http-1");
        try
        {
            using var started = await admin.PutAsJsonAsync(Route, new { version = "ab-http-1", share = 0.5 });
            Assert.Equal(HttpStatusCode.OK, started.StatusCode);
            var test = await started.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal("ab-http-1", test.GetProperty("challenger_version").GetString());
            Assert.Equal(0.5, test.GetProperty("share").GetDouble());
            Assert.Equal("ab-http-1", (await admin.GetFromJsonAsync<JsonElement>(Route)).GetProperty("challenger_version").GetString());

            // Every candidate is scored in its arm's version; two are screened and reviewed (one shortlist, one reject).
            for (int i = 1; i <= 8; i++)
            {
                var match = await recruiter.GetFromJsonAsync<JsonElement>($"/api/v1/jobs/sample-job-2/candidates/sample-candidate-{i}/score");
                string expected = TrafficSplit.IsChallenger("baseline_tfidf", "ab-http-1", $"sample-candidate-{i}", 0.5) ? "ab-http-1" : "builtin-1";
                Assert.Equal(expected, match.GetProperty("model_versions").GetProperty("baseline_tfidf").GetString());
            }
            var screened = new[] { await ScreenAsync(recruiter, "Arm One"), await ScreenAsync(recruiter, "Arm Two") };
            foreach (var (result, decision) in screened.Zip(["shortlist", "reject"]))
            {
                using var submitted = await reviewer.PostAsJsonAsync("/api/v1/feedback/submit", new { screening_result_id = result.GetProperty("id").GetString(), human_decision = decision });
                Assert.Equal(HttpStatusCode.OK, submitted.StatusCode);
            }
            var metrics = await admin.GetFromJsonAsync<JsonElement>(Route + "/metrics");

            int challengers = screened.Count(r => r.GetProperty("model_versions").GetProperty("baseline_tfidf").GetString() == "ab-http-1");
            Assert.Equal(challengers, metrics.GetProperty("challenger").GetProperty("reviewed").GetInt32());
            Assert.Equal(2 - challengers, metrics.GetProperty("control").GetProperty("reviewed").GetInt32());
            Assert.Equal("ab-http-1", metrics.GetProperty("challenger").GetProperty("version").GetString());
            Assert.Equal("ab-http-1", metrics.GetProperty("test").GetProperty("challenger_version").GetString());
        }
        finally
        {
            using var ended = await admin.DeleteAsync(Route);
            Assert.Equal(HttpStatusCode.OK, ended.StatusCode);
        }
        using var gone = await admin.GetAsync(Route);
        using var noMetrics = await admin.GetAsync(Route + "/metrics");
        using var endedTwice = await admin.DeleteAsync(Route);
        await AssertProblemAsync(gone, HttpStatusCode.NotFound);
        await AssertProblemAsync(noMetrics, HttpStatusCode.NotFound);
        await AssertProblemAsync(endedTwice, HttpStatusCode.NotFound);
        var after = await recruiter.GetFromJsonAsync<JsonElement>("/api/v1/jobs/sample-job-2/candidates/sample-candidate-1/score");
        Assert.Equal("builtin-1", after.GetProperty("model_versions").GetProperty("baseline_tfidf").GetString());
    }

    [Theory]
    [InlineData("baseline_tfidf", "{\"version\":\"ab-http-bad\",\"share\":1.5}", 400)]
    [InlineData("baseline_tfidf", "{\"version\":\"ab-http-bad\",\"share\":0}", 400)]
    [InlineData("baseline_tfidf", "{\"share\":0.5}", 400)]
    [InlineData("baseline_tfidf", "{\"version\": ", 400)]
    [InlineData("semantic_encoder", "{\"version\":\"ab-http-bad\",\"share\":0.5}", 400)]
    [InlineData("career_classifier", "{\"version\":\"ab-http-bad\",\"share\":0.5}", 400)]
    [InlineData("baseline_tfidf", "{\"version\":\"nope\",\"share\":0.5}", 404)]
    public async Task PutAbTest_BadRequest_ReturnsProblem(string model, string body, int status)
    {
        using var admin = factory.CreateClient(ApiRoles.Admin);
        using var response = await admin.PutAsync($"/api/v1/models/{model}/ab-test", new StringContent(body, Encoding.UTF8, "application/json"));

        await AssertProblemAsync(response, (HttpStatusCode)status);
        using var none = await admin.GetAsync($"/api/v1/models/{model}/ab-test");
        Assert.Equal(HttpStatusCode.NotFound, none.StatusCode);
    }

    [Fact]
    public async Task PutAbTest_NotAdmin_IsForbidden()
    {
        using var reviewer = factory.CreateClient(ApiRoles.Reviewer);
        using var response = await reviewer.PutAsJsonAsync(Route, new { version = "x", share = 0.5 });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}
