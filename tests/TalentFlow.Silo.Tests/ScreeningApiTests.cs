using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using TalentFlow.Silo.Security;

namespace TalentFlow.Silo.Tests;

[Collection(SiloHostCollection.Name)]
public sealed class ScreeningApiTests(SiloHostFactory factory)
{
    private const string Resume = "Skills\nPython, pandas, scikit-learn, machine learning, SQL\nExperience\nData Scientist, Contoso, 2019 - 2024\nEducation\nMaster of Science in Statistics";

    private static MultipartFormDataContent Form(string? jobId, byte[]? file, string fileName = "resume.txt", string? name = "Pat Example")
    {
        var form = new MultipartFormDataContent();
        if (jobId is not null) form.Add(new StringContent(jobId), "job_id");
        if (name is not null) form.Add(new StringContent(name), "candidate_name");
        if (file is not null)
        {
            var content = new ByteArrayContent(file);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            form.Add(content, "file", fileName);
        }
        return form;
    }

    private static async Task<int> ProblemStatusAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return doc.RootElement.GetProperty("status").GetInt32();
    }

    [Fact]
    public async Task UploadResume_TextFileForASampleJob_Returns201ResultThenListsIt()
    {
        using var client = factory.CreateClient(ApiRoles.Recruiter);
        using var response = await client.PostAsync("/api/v1/screening/upload-resume", Form("sample-job-2", Encoding.UTF8.GetBytes(Resume)));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var result = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("sample-job-2", result.GetProperty("job_id").GetString());
        Assert.Equal("Pat Example", result.GetProperty("candidate_name").GetString());
        Assert.False(result.GetProperty("human_reviewed").GetBoolean());
        Assert.Contains(result.GetProperty("decision").GetString(), new[] { "SHORTLIST", "REJECT" });
        Assert.Contains("Python", result.GetProperty("matched_skills").EnumerateArray().Select(s => s.GetString()));
        string id = result.GetProperty("id").GetString()!;
        Assert.StartsWith("sample-job-2|", id, StringComparison.Ordinal);

        var listed = await client.GetFromJsonAsync<JsonElement>("/api/v1/screening/results/sample-job-2");
        Assert.Contains(id, listed.EnumerateArray().Select(r => r.GetProperty("id").GetString()));
    }

    [Fact]
    public async Task UploadResume_UnknownFormat_Returns415Problem()
    {
        using var client = factory.CreateClient(ApiRoles.Recruiter);
        using var response = await client.PostAsync("/api/v1/screening/upload-resume", Form("sample-job-1", [0x4D, 0x5A, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00], "tool.exe"));

        Assert.Equal(415, await ProblemStatusAsync(response));
    }

    [Fact]
    public async Task UploadResume_OverTheSizeLimit_Returns413Problem()
    {
        using var client = factory.CreateClient(ApiRoles.Recruiter);
        using var response = await client.PostAsync("/api/v1/screening/upload-resume", Form("sample-job-1", new byte[11 * 1024 * 1024]));

        Assert.Equal(413, await ProblemStatusAsync(response));
    }

    [Theory]
    [InlineData(null, true, 400)]
    [InlineData("sample-job-1", false, 400)]
    [InlineData("no-such-job", true, 404)]
    public async Task UploadResume_MissingFieldOrUnknownJob_ReturnsProblem(string? jobId, bool withFile, int status)
    {
        using var client = factory.CreateClient(ApiRoles.Recruiter);
        using var response = await client.PostAsync("/api/v1/screening/upload-resume", Form(jobId, withFile ? Encoding.UTF8.GetBytes(Resume) : null));

        Assert.Equal(status, await ProblemStatusAsync(response));
    }

    [Fact]
    public async Task UploadResume_JsonBody_Returns415Problem()
    {
        using var client = factory.CreateClient(ApiRoles.Recruiter);
        using var response = await client.PostAsJsonAsync("/api/v1/screening/upload-resume", new { job_id = "sample-job-1" });

        Assert.Equal(415, await ProblemStatusAsync(response));
    }

    [Fact]
    public async Task Results_UnknownJob_Returns404Problem()
    {
        using var client = factory.CreateClient(ApiRoles.Recruiter);
        using var response = await client.GetAsync("/api/v1/screening/results/no-such-job");

        Assert.Equal(404, await ProblemStatusAsync(response));
    }
}
