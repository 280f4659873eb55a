using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Playwright;
using TalentFlow.Silo.Security;

namespace TalentFlow.Silo.Tests;

/// <summary>The dashboard's review panel in Debian's headless Chromium, fed by real verdicts over HTTP.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ReviewPanelBrowserTests(KestrelSiloHostFactory factory, HeadlessChromium chromium) : IClassFixture<KestrelSiloHostFactory>
{
    private static readonly string[] Resumes =
    [
        "Skills\nReact, TypeScript, CSS\nExperience\nFrontend Developer, Litware, 2020 - 2024",
        "Skills\nJava, Spring, SQL\nExperience\nBackend Engineer, Contoso, 2018 - 2024",
        "Skills\nPython, pandas, statistics\nExperience\nData Analyst, Fabrikam, 2019 - 2023",
    ];

    [Fact]
    public async Task ReviewPanel_TwoReviewers_ShowsKappaQueueAndPendingAdjudicationsOfTheJob()
    {
        const string JobId = "review-panel-job";
        using (var admin = new HttpClient { BaseAddress = new Uri(factory.BaseAddress) }.As(ApiRoles.Admin))
        {
            (await admin.PostAsJsonAsync("/api/v1/jobs", new { id = JobId, title = "Frontend Developer", description = "React, TypeScript and CSS." })).EnsureSuccessStatusCode();
            var ids = new List<string>();
            foreach (var text in Resumes)
            {
                using var form = new MultipartFormDataContent
                {
                    { new StringContent(JobId), "job_id" },
                    { new ByteArrayContent(Encoding.UTF8.GetBytes(text)), "file", "cv.txt" },
                };
                using var uploaded = await admin.PostAsync("/api/v1/screening/upload-resume", form);
                Assert.Equal(HttpStatusCode.Created, uploaded.StatusCode);
                ids.Add((await uploaded.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!);
            }
            (await admin.PutAsJsonAsync($"/api/v1/jobs/{JobId}/review-settings", new { overlap = 2 })).EnsureSuccessStatusCode();
            // ann S S R, bob S R R on the three results: κ = (⅔ − 4/9) / (1 − 4/9) = 0.4; the second result is disputed.
            string[] ann = ["shortlist", "shortlist", "reject"], bob = ["shortlist", "reject", "reject"];
            for (int i = 0; i < 3; i++)
            {
                (await admin.PostAsJsonAsync("/api/v1/feedback/submit", new { screening_result_id = ids[i], human_decision = ann[i], reviewer = "ann" })).EnsureSuccessStatusCode();
                (await admin.PostAsJsonAsync("/api/v1/feedback/submit", new { screening_result_id = ids[i], human_decision = bob[i], reviewer = "bob" })).EnsureSuccessStatusCode();
            }
        }
        await using var context = await chromium.NewContextAsync();
        var page = await context.NewPageAsync();
        var consoleErrors = new List<string>();
        page.Console += (_, message) => { if (message.Type == "error") consoleErrors.Add(message.Text); };

        await page.GotoAsync(factory.BaseAddress + "/dashboard/talentflow");
        await page.WaitForSelectorAsync("#key", new PageWaitForSelectorOptions { State = WaitForSelectorState.Visible });
        await page.FillAsync("#key", TestKeys.Admin);
        await page.ClickAsync("#login button[type=submit]");
        var row = page.Locator("#review-jobs tbody tr", new PageLocatorOptions { HasText = JobId });
        await row.WaitForAsync();

        var cells = await row.Locator("td").AllInnerTextsAsync();
        // Job, overlap, queue, pending adjudications, adjudicated, reviewers, method, value, reviewer vs model.
        Assert.Equal([JobId, "2", "0", "1", "0", "2", "Cohen's κ", "0.400"], cells.Take(8));
        var annCells = await page.Locator("#review-reviewers tbody tr", new PageLocatorOptions { HasText = "ann" }).Locator("td").AllInnerTextsAsync();
        Assert.Equal(["ann", "3", "66.7 %", "0.400"], annCells.Take(4));
        Assert.Contains("1 pending adjudications", await page.InnerTextAsync("#review-summary"), StringComparison.Ordinal);
        Assert.DoesNotContain(consoleErrors, e => e.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase));
    }
}
