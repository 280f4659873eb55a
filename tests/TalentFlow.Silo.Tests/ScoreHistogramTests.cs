using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Playwright;
using TalentFlow.Silo.Security;

namespace TalentFlow.Silo.Tests;

/// <summary>A job's score histogram on the 2-silo cluster: over HTTP (admin only) and drawn by the dashboard in Chromium.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ScoreHistogramTests(TwoSiloCluster cluster, HeadlessChromium chromium) : IClassFixture<TwoSiloCluster>
{
    private static async Task UploadAsync(HttpClient client, string text)
    {
        using var form = new MultipartFormDataContent { { new StringContent("sample-job-2"), "job_id" }, { new StringContent("Histogram Candidate"), "candidate_name" } };
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(text));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
        form.Add(file, "file", "resume.txt");
        using var response = await client.PostAsync("/api/v1/screening/upload-resume", form);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    private async Task<int> ScreenSomeAsync()
    {
        using var recruiter = new HttpClient { BaseAddress = new Uri(cluster.A.BaseAddress) }.As(ApiRoles.Recruiter);
        await UploadAsync(recruiter, "Skills\nPython, pandas, scikit-learn, machine learning, SQL\nExperience\nData Scientist, 2019 - 2024");
        await UploadAsync(recruiter, "Skills\nWelding, forklift\nExperience\nWarehouse operator, 2015 - 2024");
        await UploadAsync(recruiter, "Skills\nPython, statistics\nEducation\nMaster of Science in Statistics");
        return 3;
    }

    [Fact]
    public async Task ScoreHistogram_AfterUploads_CountsEveryResultInTenBuckets()
    {
        int uploaded = await ScreenSomeAsync();
        using var admin = new HttpClient { BaseAddress = new Uri(cluster.B.BaseAddress) }.As(ApiRoles.Admin);

        var histogram = await admin.GetFromJsonAsync<JsonElement>("/api/v1/dashboard/jobs/sample-job-2/score-histogram");

        var buckets = histogram.GetProperty("buckets").EnumerateArray().Select(b => b.GetInt32()).ToList();
        Assert.Equal(10, buckets.Count);
        Assert.True(histogram.GetProperty("total").GetInt32() >= uploaded);
        Assert.Equal(histogram.GetProperty("total").GetInt32(), buckets.Sum());
    }

    [Theory]
    [InlineData(ApiRoles.Admin, "no-such-job", 404)]
    [InlineData(ApiRoles.Recruiter, "sample-job-2", 403)]
    public async Task ScoreHistogram_UnknownJobOrNonAdmin_ReturnsProblem(string role, string jobId, int status)
    {
        using var client = new HttpClient { BaseAddress = new Uri(cluster.A.BaseAddress) }.As(role);
        using var response = await client.GetAsync($"/api/v1/dashboard/jobs/{jobId}/score-histogram");

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Dashboard_JobIdEntered_DrawsTheScoreHistogram()
    {
        await ScreenSomeAsync();
        await using var context = await chromium.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(cluster.A.BaseAddress + "/dashboard/talentflow");
        await page.FillAsync("#key", TestKeys.Admin);
        await page.ClickAsync("#login button[type=submit]");
        await page.WaitForSelectorAsync("#silos tbody tr");

        await page.FillAsync("#hist-job", "sample-job-2");
        await page.ClickAsync("#hist-form button[type=submit]");
        await page.WaitForFunctionAsync("() => document.querySelectorAll('#histogram rect').length === 10");

        Assert.Matches(@"^\d+ screened, \d+ shortlisted, \d+ reviewed\.$", await page.InnerTextAsync("#hist-summary"));
        Assert.True(await page.EvaluateAsync<double>("() => [...document.querySelectorAll('#histogram rect')].reduce((a, r) => a + r.getBBox().height, 0)") > 0);
        string shot = Path.Combine(AppContext.BaseDirectory, "artifacts", "dashboard-histogram.png");
        Directory.CreateDirectory(Path.GetDirectoryName(shot)!);
        await page.Locator("#histogram").ScreenshotAsync(new LocatorScreenshotOptions { Path = shot });
    }
}
