using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using TalentFlow.ML.Tests.Documents;
using TalentFlow.Silo.Security;
using Xunit.Abstractions;

namespace TalentFlow.Silo.Tests;

/// <summary>Runs alone: it measures this process's managed memory, which other tests' hosts would move.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class HostileUploadCollection
{
    public const string Name = "hostile uploads";
}

/// <summary>
/// Twenty hostile uploads at once against a silo on real sockets with its shipped limits: DOCX zip bombs, deeply nested
/// DOCX, PDFs that keep pdftotext busy for minutes and PDFs that take it to gigabytes. Every one is refused with a
/// 413/422 problem within seconds; afterwards the silo still screens and ranks, and its managed memory is back.
/// </summary>
[Collection(HostileUploadCollection.Name)]
public sealed class HostileUploadLoadTests(KestrelSiloHostFactory factory, ITestOutputHelper output) : IClassFixture<KestrelSiloHostFactory>
{
    private const string Route = "/api/v1/screening/upload-resume";
    private const string Job = "sample-job-1";
    private static readonly byte[] Resume = Encoding.UTF8.GetBytes(
        "Skills\nC#, SQL, Azure, Docker\nExperience\nSenior Software Engineer, Contoso, 2018 - 2024: built payment services in C# on Azure.");

    [Fact]
    public async Task UploadResume_TwentyHostileUploadsAtOnce_AllRefusedWithinSecondsAndTheSiloStillServes()
    {
        using var client = new HttpClient { BaseAddress = new Uri(factory.BaseAddress), Timeout = TimeSpan.FromMinutes(3) }.As(ApiRoles.Recruiter);
        await UploadResumeAsync(client); // warm: the first upload loads what every later one uses

        // 200 MiB of spaces (a 413: over the 64 MiB whole-DOCX limit), 200,000 nested runs (422), 25 million q/Q operators
        // (pdftotext needs ~25 s; 422 at the 10 s limit), 30 million zeros in one array (pdftotext past 256 MiB; 422).
        (string Kind, byte[] Bytes, string Name, int Status)[] kinds =
        [
            ("docx bomb", HostileDocuments.DocxBomb(200L * 1024 * 1024), "resume.docx", 413),
            ("nested docx", HostileDocuments.DocxNested(200_000), "resume.docx", 422),
            ("slow pdf", HostileDocuments.OperatorFlood(25_000_000), "resume.pdf", 422),
            ("pdf array bomb", HostileDocuments.ArrayBomb(30_000_000), "resume.pdf", 422),
        ];
        var uploads = Enumerable.Range(0, 20).Select(i => kinds[i % kinds.Length]).ToList();
        var managedBefore = ManagedAfterGc();
        var clock = Stopwatch.StartNew();

        var answers = await Task.WhenAll(uploads.Select(async u =>
        {
            var start = clock.Elapsed;
            using var response = await client.PostAsync(Route, Form(u.Bytes, u.Name));
            var elapsed = clock.Elapsed - start;
            var body = await response.Content.ReadAsStringAsync();
            return (u.Kind, u.Status, Actual: (int)response.StatusCode, Media: response.Content.Headers.ContentType?.MediaType, Body: body, Elapsed: elapsed);
        }));
        var all = clock.Elapsed;

        foreach (var a in answers.OrderBy(a => a.Kind))
        {
            output.WriteLine($"{a.Kind}: {a.Actual} in {a.Elapsed.TotalSeconds:0.0} s: {JsonDocument.Parse(a.Body).RootElement.GetProperty("detail").GetString()}");
        }

        output.WriteLine($"20 refusals in {all.TotalSeconds:0.0} s, slowest {answers.Max(a => a.Elapsed).TotalSeconds:0.0} s");
        Assert.All(answers, a =>
        {
            Assert.True(a.Status == a.Actual, $"{a.Kind}: {a.Actual} {a.Body}");
            Assert.Equal("application/problem+json", a.Media);
            Assert.True(a.Elapsed < TimeSpan.FromSeconds(45), $"{a.Kind} took {a.Elapsed}");
        });

        // Still serving: a normal upload is screened, and the job's ranking holds it, best first.
        var candidate = await UploadResumeAsync(client);
        var ranked = await client.GetFromJsonAsync<JsonElement>($"/api/v1/jobs/{Job}/candidates?top=1000");
        var scores = ranked.EnumerateArray().Select(r => r.GetProperty("score").GetDouble()).ToList();
        Assert.Equal(scores.OrderByDescending(s => s), scores);
        Assert.Contains(ranked.EnumerateArray(), r => r.GetProperty("candidate_id").GetString() == candidate);

        var managedAfter = ManagedAfterGc();
        using var self = Process.GetCurrentProcess();
        output.WriteLine($"managed memory after a full GC: {managedBefore / 1048576.0:0.0} MiB before, {managedAfter / 1048576.0:0.0} MiB after; process working set {self.WorkingSet64 / 1048576.0:0} MiB");
        Assert.True(managedAfter - managedBefore < 200L * 1024 * 1024, $"managed memory grew from {managedBefore:N0} to {managedAfter:N0} bytes");
        GC.KeepAlive(kinds);
    }

    private static MultipartFormDataContent Form(byte[] file, string fileName)
    {
        var form = new MultipartFormDataContent { { new StringContent(Job), "job_id" }, { new StringContent("Lou Load"), "candidate_name" } };
        var content = new ByteArrayContent(file);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(content, "file", fileName);
        return form;
    }

    private static async Task<string> UploadResumeAsync(HttpClient client)
    {
        using var response = await client.PostAsync(Route, Form(Resume, "resume.txt"));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("candidate_id").GetString()!;
    }

    private static long ManagedAfterGc()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        return GC.GetTotalMemory(forceFullCollection: true);
    }
}
