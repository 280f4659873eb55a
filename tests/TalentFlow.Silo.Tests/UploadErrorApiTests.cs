using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Options;
using TalentFlow.ML.Tests.Documents;
using TalentFlow.Silo.Security;

namespace TalentFlow.Silo.Tests;

/// <summary>
/// One answer per case: an empty file is the 422 of a document without text (as README says), a chunked body over the limit
/// the same 413 as one with a Content-Length; the document limits come from <c>Uploads:*</c> and a bad one stops start-up.
/// </summary>
[Collection(SiloHostCollection.Name)]
public sealed class UploadErrorApiTests(SiloHostFactory factory)
{
    private const string Route = "/api/v1/screening/upload-resume";

    private static MultipartFormDataContent Form(byte[] file, string fileName)
    {
        var form = new MultipartFormDataContent { { new StringContent("sample-job-1"), "job_id" }, { new StringContent("Eve Errors"), "candidate_name" } };
        var content = new ByteArrayContent(file);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(content, "file", fileName);
        return form;
    }

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    [Fact]
    public async Task UploadResume_EmptyFile_Returns422DocumentEmpty()
    {
        using var client = factory.CreateClient(ApiRoles.Recruiter);

        using var response = await client.PostAsync(Route, Form([], "resume.txt"));

        var problem = await ProblemAsync(response);
        Assert.Equal(422, problem.GetProperty("status").GetInt32());
        Assert.Equal("urn:talentflow:problem:document-empty", problem.GetProperty("type").GetString());
        Assert.Contains("empty (0 bytes)", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, problem.GetProperty("detected").GetProperty("characters").GetInt32());
    }

    [Fact]
    public async Task UploadResume_ChunkedBodyOverTheLimit_Returns413TitledLikeTheOtherNamingTheLimit()
    {
        using var client = factory.CreateClient(ApiRoles.Recruiter);
        using var request = new HttpRequestMessage(HttpMethod.Post, Route) { Content = new UnknownLengthContent(Form(new byte[20 * 1024 * 1024], "resume.txt")) };
        request.Headers.TransferEncodingChunked = true;
        using var chunked = await client.SendAsync(request);
        using var sized = await client.PostAsync(Route, Form(new byte[20 * 1024 * 1024], "resume.txt"));

        var problem = await ProblemAsync(chunked);
        var other = await ProblemAsync(sized);
        Assert.Equal(413, problem.GetProperty("status").GetInt32());
        Assert.Equal(413, other.GetProperty("status").GetInt32());
        Assert.Equal(other.GetProperty("title").GetString(), problem.GetProperty("title").GetString());
        Assert.Equal("Too large", problem.GetProperty("title").GetString());
        Assert.Contains("limit of 10,485,760 bytes for the file (Uploads:MaxBytes)", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UploadResume_PdfOverAConfiguredPageLimit_Returns413NamingIt()
    {
        await using var host = factory.WithWebHostBuilder(b => b.UseSetting("Uploads:MaxPdfPages", "2"));
        using var client = host.CreateClient().As(ApiRoles.Recruiter);
        var pdf = PdfBuilder.Make([.. Enumerable.Range(1, 3).Select(i => (IReadOnlyList<PdfBuilder.Run>)[new PdfBuilder.Run(72, 700, $"Software engineer, page {i}")])]);

        using var response = await client.PostAsync(Route, Form(pdf, "resume.pdf"));

        var problem = await ProblemAsync(response);
        Assert.Equal(413, problem.GetProperty("status").GetInt32());
        Assert.Contains("more than 2 pages", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UploadResume_OperatorFloodPdf_Returns422UnsafeWithinAConfiguredTimeLimit()
    {
        await using var host = factory.WithWebHostBuilder(b => b.UseSetting("Uploads:Timeout", "00:00:01"));
        using var client = host.CreateClient().As(ApiRoles.Recruiter);
        var clock = System.Diagnostics.Stopwatch.StartNew();

        using var response = await client.PostAsync(Route, Form(HostileDocuments.OperatorFlood(25_000_000), "resume.pdf"));

        var problem = await ProblemAsync(response);
        Assert.Equal(422, problem.GetProperty("status").GetInt32());
        Assert.Equal("Unsafe document", problem.GetProperty("title").GetString());
        Assert.Contains("longer than the 1 s limit", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), $"took {clock.Elapsed}");
    }

    [Theory]
    [InlineData("Uploads:MaxPdfPages", "0")]
    [InlineData("Uploads:Timeout", "00:00:00")]
    [InlineData("Uploads:MaxPdfExtractorBytes", "1000")]
    [InlineData("Uploads:MaxDocxEntries", "1")]
    public void Start_DocumentLimitOutOfRange_FailsNamingTheKey(string key, string value)
    {
        using var broken = factory.WithWebHostBuilder(b => b.UseSetting(key, value).UseSetting("SampleData:Load", "false"));

        var e = Assert.ThrowsAny<Exception>(() => broken.CreateClient());
        var validation = e as OptionsValidationException ?? Assert.IsType<OptionsValidationException>(e.GetBaseException());
        Assert.Contains(key + " must be", validation.Message, StringComparison.Ordinal);
    }
}
