using System.Net;
using System.Net.Http.Headers;
using System.Text;
using TalentFlow.Client.Http;
using TalentFlow.Contracts.Jobs;
using TalentFlow.Contracts.Matching;

namespace TalentFlow.Client.Tests;

/// <summary>A job's requirements and blind screening through the typed client and raw HTTP, against the real silo on Kestrel.</summary>
[Collection(SiloCollection.Name)]
public sealed class RequirementsRoundTripTests(SiloFixture silo)
{
    private const string Posting = "We run our platform on AWS.\nRequirements:\n- Terraform on AWS\n- Docker and Kubernetes clusters\nNice to have\n- Prometheus monitoring";

    private const string Resume = "DevOps engineer: Terraform on AWS, Docker and Kubernetes.\nBuilt Terraform modules on AWS for every team.\nRan Docker images on Kubernetes clusters.";

    private static string NewId(string prefix) => prefix + "-" + Guid.NewGuid().ToString("N")[..8];

    private HttpClient Raw(string key)
    {
        var http = new HttpClient { BaseAddress = silo.BaseAddress };
        http.DefaultRequestHeaders.Add("X-Api-Key", key);
        return http;
    }

    private static async Task<ScreeningResult> UploadAsync(TalentFlowHttpClient client, string jobId, string text, string name)
    {
        using var file = new MemoryStream(Encoding.UTF8.GetBytes(text));
        return await client.UploadResumeAsync(jobId, file, "resume.txt", name);
    }

    [Fact]
    public async Task SetRequirements_KnockoutTheResumeLacks_RoundTripsAndTheUploadIsRejectedWithTheReason()
    {
        using var scope = silo.CreateClient(TestKeys.Recruiter);
        var client = scope.Client;
        string jobId = NewId("job");
        // A threshold every score reaches: only the knockout can reject.
        await client.CreateJobAsync(new CreateJobRequest("Site Reliability Engineer", Posting, Id: jobId, ShortlistThreshold: 0.001));

        var proposed = await client.GetRequirementsAsync(jobId);
        var set = await client.SetRequirementsAsync(jobId,
            [.. proposed.Requirements.Select(r => new JobRequirementInput(r.Id, r.Kind, r.Text, r.Weight)), new JobRequirementInput(null, "knockout", "Must hold an active CKA certification")]);
        var read = await client.GetRequirementsAsync(jobId);
        var lacking = await UploadAsync(client, jobId, Resume, "Sam Lacking");
        var holding = await UploadAsync(client, jobId, Resume + "\nHolds an active CKA certification.", "Sam Holding");

        Assert.Equal(["must_have", "must_have", "nice_to_have"], proposed.Requirements.Select(r => r.Kind));
        Assert.False(proposed.Edited);
        Assert.Equal(set.Requirements, read.Requirements);
        Assert.True(read.Edited);
        Assert.Equal(new JobRequirement("req-4", "knockout", "Must hold an active CKA certification", 1.0), read.Requirements[^1]);
        Assert.Equal("REJECT", lacking.Decision);
        Assert.Equal(["req-4"], lacking.Requirements!.FailedKnockouts);
        Assert.StartsWith("knockout: ", lacking.DecisionReason, StringComparison.Ordinal);
        Assert.Contains("req-4", lacking.DecisionReason, StringComparison.Ordinal);
        Assert.Contains("not found", lacking.DecisionReason, StringComparison.Ordinal);
        Assert.Equal("SHORTLIST", holding.Decision);
        Assert.Equal(0.001, holding.ShortlistThreshold);
        Assert.StartsWith("probability ", holding.DecisionReason, StringComparison.Ordinal);
        Assert.Equal(["met", "met", "missing", "met"], holding.Requirements!.Items.Select(i => i.Status));
        Assert.Equal(1.0, holding.Requirements.MustHaveCoverage);
        Assert.Equal(0.0, holding.Requirements.NiceToHaveCoverage);
        Assert.Contains(holding.Requirements.Items[^1].Evidence, e => e.Sentence == "Holds an active CKA certification." && e.Similarity >= 0.6);
    }

    [Theory]
    [InlineData("""{"requirements": [{"kind": "required", "text": "SQL"}]}""")]
    [InlineData("""{"requirements": [{"kind": "must_have", "text": ""}]}""")]
    [InlineData("""{"requirements": [{"kind": "must_have", "text": "SQL", "weight": 0}]}""")]
    [InlineData("""{"requirements": [{"kind": "must_have", "text": "SQL", "weight": 2}]}""")]
    [InlineData("""{"requirements": [{"id": "a", "kind": "must_have", "text": "SQL"}, {"id": "a", "kind": "knockout", "text": "C#"}]}""")]
    [InlineData("""{"items": []}""")]
    [InlineData("""not json""")]
    public async Task PutRequirements_BadBody_Returns400Problem(string body)
    {
        using var scope = silo.CreateClient(TestKeys.Recruiter);
        string jobId = NewId("job");
        await scope.Client.CreateJobAsync(new CreateJobRequest("Analyst", "Requirements:\n- SQL", Id: jobId));
        using var http = Raw(TestKeys.Recruiter);

        using var response = await http.PutAsync($"api/v1/jobs/{jobId}/requirements", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(["SQL"], (await scope.Client.GetRequirementsAsync(jobId)).Requirements.Select(r => r.Text));
    }

    [Fact]
    public async Task SetRequirements_TooMany_ThrowsValidationException()
    {
        using var scope = silo.CreateClient(TestKeys.Recruiter);
        string jobId = NewId("job");
        await scope.Client.CreateJobAsync(new CreateJobRequest("Analyst", "SQL reporting.", Id: jobId));

        var ex = await Assert.ThrowsAsync<TalentFlowValidationException>(() =>
            scope.Client.SetRequirementsAsync(jobId, [.. Enumerable.Range(0, 51).Select(i => new JobRequirementInput(null, "must_have", $"Skill {i}"))]));

        Assert.Equal(HttpStatusCode.BadRequest, ex.StatusCode);
    }

    [Theory]
    [InlineData("GET", "requirements", null)]
    [InlineData("PUT", "requirements", """{"requirements": []}""")]
    [InlineData("GET", "settings", null)]
    [InlineData("PUT", "settings", """{"blind_screening": true}""")]
    public async Task RequirementsAndSettings_UnknownJob_Return404Problem(string method, string route, string? body)
    {
        using var http = Raw(TestKeys.Recruiter);
        using var request = new HttpRequestMessage(new HttpMethod(method), $"api/v1/jobs/{NewId("missing")}/{route}")
        {
            Content = body is null ? null : new StringContent(body, Encoding.UTF8, "application/json"),
        };

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task PutSettings_WithoutTheSetting_Returns400Problem()
    {
        using var scope = silo.CreateClient(TestKeys.Recruiter);
        string jobId = NewId("job");
        await scope.Client.CreateJobAsync(new CreateJobRequest("Analyst", "SQL reporting.", Id: jobId));
        using var http = Raw(TestKeys.Recruiter);

        using var response = await http.PutAsync($"api/v1/jobs/{jobId}/settings", new StringContent("{}", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task BlindJob_UploadAndReads_NameNothingTheMaskHides()
    {
        using var scope = silo.CreateClient(TestKeys.Recruiter);
        var client = scope.Client;
        string blind = NewId("job"), open = NewId("job");
        await client.CreateJobAsync(new CreateJobRequest("Site Reliability Engineer", Posting, Id: blind, BlindScreening: true));
        await client.CreateJobAsync(new CreateJobRequest("Site Reliability Engineer", Posting, Id: open));
        const string resume = "Quinn Marlowe-Tate\nquinn.tate@example.org | (512) 555-0199 | https://quinntate.dev\nDate of birth: 12/03/1990 (age 35)\n"
            + "Address: 48 Birch Lane, Springfield\n![Photo of Quinn smiling](quinn.jpg)\n" + Resume + "\nQuinn led the Terraform migration on AWS.";
        string[] secrets = ["Quinn", "Marlowe", "Tate", "quinn.tate@", "555-0199", "quinntate.dev", "12/03/1990", "age 35", "Birch Lane", "smiling"];

        var settings = await client.GetJobSettingsAsync(blind);
        string uploadBody;
        using (var http = Raw(TestKeys.Recruiter))
        using (var form = new MultipartFormDataContent())
        {
            form.Add(new StringContent(blind), "job_id");
            form.Add(new StringContent("Quinn Marlowe-Tate"), "candidate_name");
            var file = new ByteArrayContent(Encoding.UTF8.GetBytes(resume));
            file.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
            form.Add(file, "file", "resume.txt");
            using var response = await http.PostAsync("api/v1/screening/upload-resume", form);
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            uploadBody = await response.Content.ReadAsStringAsync();
        }
        var results = await client.GetScreeningResultsAsync(blind);
        string candidateId = Assert.Single(results).CandidateId;
        using var reader = Raw(TestKeys.Reviewer);
        string resultsBody = await reader.GetStringAsync($"api/v1/screening/results/{blind}");
        string scoreBody = await reader.GetStringAsync($"api/v1/jobs/{blind}/candidates/{candidateId}/score");
        var openResult = await UploadAsync(client, open, resume, "Quinn Marlowe-Tate");

        Assert.True(settings.BlindScreening);
        Assert.True(results[0].Blind);
        Assert.StartsWith("Candidate ", results[0].CandidateName, StringComparison.Ordinal);
        Assert.Contains(results[0].Requirements!.Items, i => i.Evidence.Any(e => e.Sentence.Contains("[NAME] led the Terraform migration", StringComparison.Ordinal)));
        foreach (string secret in secrets)
        {
            Assert.DoesNotContain(secret, uploadBody, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(secret, resultsBody, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(secret, scoreBody, StringComparison.OrdinalIgnoreCase);
        }
        // The same resume under a job that is not blind is seen as it is: the mask is per job.
        Assert.Equal("Quinn Marlowe-Tate", openResult.CandidateName);
    }
}
