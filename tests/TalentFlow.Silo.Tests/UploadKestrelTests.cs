using System.Net.Http.Headers;
using System.Text.Json;
using TalentFlow.Silo.Security;

namespace TalentFlow.Silo.Tests;

/// <summary>The upload limits over real sockets (Kestrel), where the server's own body limit applies too.</summary>
public sealed class UploadKestrelTests(KestrelSiloHostFactory factory) : IClassFixture<KestrelSiloHostFactory>
{
    private static MultipartFormDataContent Form(byte[] file)
    {
        var form = new MultipartFormDataContent { { new StringContent("sample-job-1"), "job_id" } };
        var content = new ByteArrayContent(file);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
        form.Add(content, "file", "resume.txt");
        return form;
    }

    private async Task<int> PostAsync(HttpContent content, bool chunked)
    {
        using var client = new HttpClient { BaseAddress = new Uri(factory.BaseAddress) }.As(ApiRoles.Recruiter);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/screening/upload-resume") { Content = content };
        request.Headers.TransferEncodingChunked = chunked;
        using var response = await client.SendAsync(request);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return problem.RootElement.GetProperty("status").GetInt32();
    }

    [Fact]
    public async Task UploadResume_ContentLengthOverTheLimit_Returns413()
    {
        Assert.Equal(413, await PostAsync(Form(new byte[11 * 1024 * 1024]), chunked: false));
    }

    [Fact]
    public async Task UploadResume_ChunkedBodyOverTheLimit_Returns413()
    {
        Assert.Equal(413, await PostAsync(new UnknownLengthContent(Form(new byte[11 * 1024 * 1024])), chunked: true));
    }

    [Fact]
    public async Task UploadResume_PngNamedTxt_Returns415()
    {
        Assert.Equal(415, await PostAsync(Form([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0]), chunked: false));
    }
}
