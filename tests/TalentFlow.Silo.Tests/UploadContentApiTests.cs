using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using TalentFlow.Silo.Security;

namespace TalentFlow.Silo.Tests;

/// <summary>The upload decides a file's type from its bytes, and every refusal is a 4xx problem, never a 500.</summary>
[Collection(SiloHostCollection.Name)]
public sealed class UploadContentApiTests(SiloHostFactory factory)
{
    private const string Route = "/api/v1/screening/upload-resume";
    private static readonly byte[] Resume = Encoding.UTF8.GetBytes("Skills\nC#, SQL, Azure\nExperience\nSoftware Engineer, Contoso, 2018 - 2024");
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 0x49, 0x48, 0x44, 0x52];
    private static readonly byte[] Exe = [0x4D, 0x5A, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00];

    private static MultipartFormDataContent Form(byte[] file, string fileName)
    {
        var form = new MultipartFormDataContent { { new StringContent("sample-job-1"), "job_id" }, { new StringContent("Sam Sniff"), "candidate_name" } };
        var content = new ByteArrayContent(file);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(content, "file", fileName);
        return form;
    }

    private static byte[] Zip(string entry)
    {
        using var ms = new MemoryStream();
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var writer = new StreamWriter(zip.CreateEntry(entry).Open());
            writer.Write("hello");
        }
        return ms.ToArray();
    }

    private static async Task<(int Status, string Detail)> ProblemAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return (doc.RootElement.GetProperty("status").GetInt32(), doc.RootElement.GetProperty("detail").GetString() ?? "");
    }

    public static TheoryData<string, byte[], string, string> Unsupported => new()
    {
        { "png named txt", Png, "resume.txt", "PNG image" },
        { "exe", Exe, "resume.exe", "Windows executable" },
        { "zip named docx", Zip("notes.txt"), "resume.docx", "ZIP archive without word/document.xml" },
        { "text named pdf", Resume, "resume.pdf", "plain text" },
        { "pdf named txt", "%PDF-1.4\n1 0 obj\n"u8.ToArray(), "resume.txt", "PDF document" },
        { "text with NULs", Encoding.UTF8.GetBytes("Skills\0C#\0SQL"), "resume.txt", "binary data" },
        { "latin-1 text", Encoding.Latin1.GetBytes("Comp\u00e9tences: C#, SQL, caf\u00e9"), "resume.txt", "not valid UTF-8" },
    };

    [Theory]
    [MemberData(nameof(Unsupported))]
    public async Task UploadResume_UnsupportedOrMismatchedContent_Returns415SayingWhatWasDetected(string _, byte[] file, string fileName, string detected)
    {
        using var client = factory.CreateClient(ApiRoles.Recruiter);
        using var response = await client.PostAsync(Route, Form(file, fileName));

        var (status, detail) = await ProblemAsync(response);
        Assert.Equal(415, status);
        Assert.Contains(detected, detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UploadResume_TextWithAnUnknownExtension_ContentDecidesAndReturns201()
    {
        using var client = factory.CreateClient(ApiRoles.Recruiter);
        using var response = await client.PostAsync(Route, Form(Resume, "resume.cv"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task UploadResume_DamagedDocx_Returns400()
    {
        using var client = factory.CreateClient(ApiRoles.Recruiter);
        using var response = await client.PostAsync(Route, Form(Zip("word/document.xml")[..40], "resume.docx"));

        Assert.Equal(400, (await ProblemAsync(response)).Status);
    }

    [Fact]
    public async Task UploadResume_MalformedMultipart_Returns400()
    {
        using var client = factory.CreateClient(ApiRoles.Recruiter);
        var body = new ByteArrayContent(Encoding.ASCII.GetBytes("--b\r\nContent-Disposition: form-data; name=\"job_id\"\r\n\r\nsample-job-1\r\n--b\r\nContent-Disposition: form-da"));
        body.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data; boundary=b");
        using var response = await client.PostAsync(Route, body);

        Assert.Equal(400, (await ProblemAsync(response)).Status);
    }

    [Fact]
    public async Task UploadResume_ChunkedBodyOverTheLimit_Returns413()
    {
        using var client = factory.CreateClient(ApiRoles.Recruiter);
        using var request = new HttpRequestMessage(HttpMethod.Post, Route) { Content = new UnknownLengthContent(Form(new byte[11 * 1024 * 1024], "resume.txt")) };
        request.Headers.TransferEncodingChunked = true;
        using var response = await client.SendAsync(request);

        Assert.Equal(413, (await ProblemAsync(response)).Status);
    }

    [Fact]
    public async Task UploadResume_ChunkedBodyUnderTheLimit_Returns201()
    {
        using var client = factory.CreateClient(ApiRoles.Recruiter);
        using var request = new HttpRequestMessage(HttpMethod.Post, Route) { Content = new UnknownLengthContent(Form(Resume, "resume.txt")) };
        request.Headers.TransferEncodingChunked = true;
        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }
}
