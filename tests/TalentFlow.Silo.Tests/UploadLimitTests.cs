using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Options;
using TalentFlow.Silo.Security;

namespace TalentFlow.Silo.Tests;

/// <summary><c>Uploads:MaxBytes</c> sets the limit and is validated at start-up.</summary>
[Collection(SiloHostCollection.Name)]
public sealed class UploadLimitTests(SiloHostFactory factory)
{
    private static MultipartFormDataContent Form(byte[] file)
    {
        var form = new MultipartFormDataContent { { new StringContent("sample-job-1"), "job_id" } };
        var content = new ByteArrayContent(file);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
        form.Add(content, "file", "resume.txt");
        return form;
    }

    [Fact]
    public async Task UploadResume_FileOverAConfiguredLimit_Returns413NamingTheLimit()
    {
        await using var small = factory.WithWebHostBuilder(b => b.UseSetting("Uploads:MaxBytes", "2048"));
        using var client = small.CreateClient().As(ApiRoles.Recruiter);

        using var response = await client.PostAsync("/api/v1/screening/upload-resume", Form(Encoding.UTF8.GetBytes(new string('a', 3000))));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("2048 byte limit", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public void Start_MaxBytesZero_FailsWithAnOptionsValidationError()
    {
        using var broken = factory.WithWebHostBuilder(b => b.UseSetting("Uploads:MaxBytes", "0").UseSetting("SampleData:Load", "false"));

        var e = Assert.ThrowsAny<Exception>(() => broken.CreateClient());
        var validation = e as OptionsValidationException ?? Assert.IsType<OptionsValidationException>(e.GetBaseException());
        Assert.Contains("MaxBytes", validation.Message, StringComparison.Ordinal);
    }
}
