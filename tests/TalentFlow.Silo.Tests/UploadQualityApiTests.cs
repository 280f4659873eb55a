using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using TalentFlow.ML.Tests.Documents;
using TalentFlow.Silo.Security;

namespace TalentFlow.Silo.Tests;

/// <summary>
/// Parse quality over real sockets: a scanned, empty or garbled PDF made in the test is a 422 saying what was detected and
/// creates no candidate; a typed or two-column resume is stored with a confidence per field.
/// </summary>
public sealed class UploadQualityApiTests(KestrelSiloHostFactory factory) : IClassFixture<KestrelSiloHostFactory>
{
    private const string Route = "/api/v1/screening/upload-resume";

    private HttpClient Client(string role) => new HttpClient { BaseAddress = new Uri(factory.BaseAddress) }.As(role);

    private static MultipartFormDataContent Form(string jobId, byte[] pdf)
    {
        var form = new MultipartFormDataContent { { new StringContent(jobId), "job_id" }, { new StringContent("Pat Quality"), "candidate_name" } };
        var content = new ByteArrayContent(pdf);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        form.Add(content, "file", "resume.pdf");
        return form;
    }

    private async Task<string> NewJobAsync(HttpClient client)
    {
        using var response = await client.PostAsJsonAsync("/api/v1/jobs", new { title = "Backend engineer", description = "C#, SQL and Azure; 3 years." });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    private async Task<JsonElement> UnprocessableAsync(byte[] pdf)
    {
        using var client = Client(ApiRoles.Recruiter);
        var job = await NewJobAsync(client);
        using var response = await client.PostAsync(Route, Form(job, pdf));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = (await response.Content.ReadFromJsonAsync<JsonElement>()).Clone();
        // Nothing was stored: the job has no screening result, so no candidate was created for the file.
        Assert.Equal(0, (await client.GetFromJsonAsync<JsonElement>($"/api/v1/screening/results/{job}")).GetArrayLength());
        return problem;
    }

    [Fact]
    public async Task UploadResume_ScannedPdf_Returns422WithTheDetectedCounts()
    {
        var problem = await UnprocessableAsync(PdfBuilder.Scanned(pages: 2));

        Assert.Equal("urn:talentflow:problem:document-no-text", problem.GetProperty("type").GetString());
        Assert.Equal(422, problem.GetProperty("status").GetInt32());
        Assert.Equal("no_text", problem.GetProperty("kind").GetString());
        Assert.Contains("scanned", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var detected = problem.GetProperty("detected");
        Assert.Equal(2, detected.GetProperty("pages").GetInt32());
        Assert.Equal(0, detected.GetProperty("characters").GetInt32());
        Assert.Equal(2, detected.GetProperty("images").GetInt32());
    }

    [Fact]
    public async Task UploadResume_PdfWithoutText_Returns422Empty()
    {
        var problem = await UnprocessableAsync(PdfBuilder.Make([[]]));
        Assert.Equal("urn:talentflow:problem:document-empty", problem.GetProperty("type").GetString());
        Assert.Equal(0, problem.GetProperty("detected").GetProperty("images").GetInt32());
    }

    [Fact]
    public async Task UploadResume_PdfOfSymbols_Returns422GarbledWithItsShare()
    {
        var problem = await UnprocessableAsync(PdfBuilder.Lines("#%& +=<> ~^$ &&#% <<>= ^~~", "$$%& =+<> ~#^ %%&$ >=<+ ~^~#"));
        Assert.Equal("urn:talentflow:problem:document-garbled", problem.GetProperty("type").GetString());
        Assert.Equal(1.0, problem.GetProperty("detected").GetProperty("garbled_share").GetDouble());
    }

    [Fact]
    public async Task UploadResume_TypedResume_Returns201AndTheProfileHasAConfidencePerField()
    {
        using var client = Client(ApiRoles.Recruiter);
        var job = await NewJobAsync(client);
        var pdf = PdfBuilder.Lines("Jane Doe", "jane@example.com +44 20 7946 0958", "Skills", "C#, SQL, Azure, Docker, Kubernetes",
            "Experience", "Senior Software Engineer at Contoso, 2019 - 2024", "Built payment services in C# and SQL",
            "Education", "BSc in Computer Science, University of Leeds");
        using var response = await client.PostAsync(Route, Form(job, pdf));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var candidate = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("candidate_id").GetString();

        var profile = await client.GetFromJsonAsync<JsonElement>($"/api/v1/candidates/{candidate}");
        var confidence = profile.GetProperty("field_confidence");
        foreach (var field in new[] { "sections", "skills", "experience", "experience_years", "education", "contact" })
        {
            Assert.InRange(confidence.GetProperty(field).GetDouble(), 0.5, 1.0);
        }
        Assert.Equal(1.0, confidence.GetProperty("contact").GetDouble());
        Assert.True(profile.GetProperty("skills").GetArrayLength() > 0); // existing fields are still there
    }

    [Fact]
    public async Task UploadResume_TwoColumnResumeReadAcross_Returns201WithItsSectionsInOrder()
    {
        using var client = Client(ApiRoles.Recruiter);
        var job = await NewJobAsync(client);
        using var response = await client.PostAsync(Route, Form(job, PdfBuilder.TwoColumnResume()));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var candidate = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("candidate_id").GetString();

        var profile = await client.GetFromJsonAsync<JsonElement>($"/api/v1/candidates/{candidate}");
        var education = Assert.Single(profile.GetProperty("education").EnumerateArray());
        Assert.Equal("BSc", education.GetProperty("degree").GetString());
        Assert.Equal("Computer Science", education.GetProperty("field_of_study").GetString());
        Assert.Equal(2, profile.GetProperty("experience").GetArrayLength());
        Assert.Contains("kubernetes", profile.GetProperty("skills").EnumerateArray().Select(s => s.GetString()!.ToLowerInvariant()));
        // Experience, skills and education headings (0.9), times 0.9 because the columns had to be reordered.
        Assert.Equal(0.81, profile.GetProperty("field_confidence").GetProperty("sections").GetDouble(), 2);
    }
}
