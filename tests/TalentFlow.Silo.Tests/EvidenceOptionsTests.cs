using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Options;
using TalentFlow.Silo.Security;

namespace TalentFlow.Silo.Tests;

/// <summary>The requirement-evidence thresholds come from <c>Evidence:*</c>; a bad one stops start-up naming its key.</summary>
[Collection(SiloHostCollection.Name)]
public sealed class EvidenceOptionsTests(SiloHostFactory factory)
{
    [Fact]
    public async Task UploadResume_ConfiguredEvidenceThreshold_DecidesTheRequirementsStatus()
    {
        // The resume names one of the requirement's four content words: under the default 0.6 share that is not proof.
        var byDefault = await StatusAsync(factory);
        await using var lenient = factory.WithWebHostBuilder(b => b.UseSetting("Evidence:EvidenceThreshold", "0.1").UseSetting("Evidence:RelatedThreshold", "0.05"));
        var configured = await StatusAsync(lenient);

        Assert.NotEqual("met", byDefault);
        Assert.Equal("met", configured);
    }

    [Theory]
    [InlineData("Evidence:EvidenceThreshold", "2", "Evidence:EvidenceThreshold must be between")]
    [InlineData("Evidence:MaxEvidence", "0", "Evidence:MaxEvidence must be between")]
    [InlineData("Evidence:RelatedThreshold", "0.9", "Evidence:RelatedThreshold (0.9) must be below Evidence:EvidenceThreshold (0.6)")]
    public void Start_EvidenceOptionOutOfRange_FailsNamingTheKey(string key, string value, string message)
    {
        using var broken = factory.WithWebHostBuilder(b => b.UseSetting(key, value).UseSetting("SampleData:Load", "false"));

        var e = Assert.ThrowsAny<Exception>(() => broken.CreateClient());
        var validation = e as OptionsValidationException ?? Assert.IsType<OptionsValidationException>(e.GetBaseException());
        Assert.Contains(message, validation.Message, StringComparison.Ordinal);
    }

    private static async Task<string> StatusAsync(WebApplicationFactory<Program> host)
    {
        using var client = host.CreateClient().As(ApiRoles.Recruiter);
        using var job = await client.PostAsJsonAsync("/api/v1/jobs", new { title = "Data engineer", description = "Streaming pipelines with Kafka at scale, C# and SQL." });
        Assert.Equal(HttpStatusCode.Created, job.StatusCode);
        var jobId = (await job.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        using var put = await client.PutAsJsonAsync($"/api/v1/jobs/{jobId}/requirements",
            new { requirements = new[] { new { kind = "must_have", text = "Kafka streaming pipelines at scale" } } });
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);

        var form = new MultipartFormDataContent { { new StringContent(jobId), "job_id" }, { new StringContent("Eva Evidence"), "candidate_name" } };
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes("Experience\nSoftware Engineer, Contoso, 2018 - 2024.\nI once read about Kafka.\nSkills\nC#, SQL"));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
        form.Add(file, "file", "resume.txt");
        using var upload = await client.PostAsync("/api/v1/screening/upload-resume", form);
        Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
        var result = await upload.Content.ReadFromJsonAsync<JsonElement>();
        return result.GetProperty("requirements").GetProperty("items")[0].GetProperty("status").GetString()!;
    }
}
