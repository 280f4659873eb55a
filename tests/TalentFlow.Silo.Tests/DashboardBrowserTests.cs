using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using TalentFlow.Silo.Security;

namespace TalentFlow.Silo.Tests;

/// <summary>The host on a real Kestrel port, so a real browser can reach it; keys as in <see cref="TestKeys"/>.</summary>
public sealed class KestrelSiloHostFactory : WebApplicationFactory<Program>
{
    public KestrelSiloHostFactory() => UseKestrel(0);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("urls", "http://127.0.0.1:0");
        builder.UseSetting("Silo:Endpoint", "127.0.0.1:0");
        builder.UseSetting("Silo:SiloName", "browser-silo");
        // A nightly training schedule, so the cluster holds a durable reminder for the dashboard to list.
        builder.UseSetting("Training:Schedule", "0 0 3 * * ?");
        builder.UseTestKeys();
        // The fast fallback encoder (the hosts of these tests start often); SiloProcessTests run the real host on the default, MiniLM.
        builder.UseSetting("Matching:Encoder", "lsa");
        builder.UseSetting("Silo:GatewayPort", "0");
    }

    public string BaseAddress
    {
        get
        {
            StartServer();
            return Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        }
    }
}

/// <summary>The dashboard in Debian's headless Chromium (Playwright with <c>ExecutablePath</c>; no browser download).</summary>
[Collection(BrowserCollection.Name)]
public sealed class DashboardBrowserTests : IClassFixture<KestrelSiloHostFactory>
{
    private readonly KestrelSiloHostFactory _factory;
    private readonly HeadlessChromium _chromium;

    public DashboardBrowserTests(KestrelSiloHostFactory factory, HeadlessChromium chromium) => (_factory, _chromium) = (factory, chromium);

    /// <summary>Opens the page, which asks for a key, and enters <paramref name="key"/>.</summary>
    private async Task<IPage> OpenWithKeyAsync(IPage page, string key)
    {
        await page.GotoAsync(_factory.BaseAddress + "/dashboard/talentflow");
        await page.WaitForSelectorAsync("#key", new PageWaitForSelectorOptions { State = WaitForSelectorState.Visible });
        Assert.Contains("Enter the admin API key", await page.InnerTextAsync("#error"), StringComparison.Ordinal);
        await page.FillAsync("#key", key);
        await page.ClickAsync("#login button[type=submit]");
        return page;
    }

    [Fact]
    public async Task Dashboard_BrowserSignedInWithBasic_ShowsEveryPanelWithoutAskingForTheKey()
    {
        // The browser's own sign-in (what /dashboard asks for): it answers the Basic challenge of the panels' data routes,
        // which live below the page's path, so the same credentials serve both dashboards.
        await using var context = await _chromium.NewContextAsync(new BrowserNewContextOptions
        {
            HttpCredentials = new HttpCredentials { Username = "admin", Password = TestKeys.Admin },
        });
        var page = await context.NewPageAsync();
        var orleans = await page.GotoAsync(_factory.BaseAddress + "/dashboard/");
        Assert.Equal((int)HttpStatusCode.OK, orleans!.Status);

        await page.GotoAsync(_factory.BaseAddress + "/dashboard/talentflow");
        await page.WaitForSelectorAsync("#silos tbody tr");
        await page.WaitForFunctionAsync("() => document.querySelectorAll('#registry-events tbody tr').length > 0");

        Assert.True(await page.IsHiddenAsync("#login"));
        Assert.Null(await page.EvaluateAsync<string?>("() => sessionStorage.getItem('talentflow.apiKey')"));
        Assert.Contains("browser-silo", await page.InnerTextAsync("#silos"), StringComparison.Ordinal);
        Assert.Empty(await page.InnerTextAsync("#error"));
    }

    [Fact]
    public async Task PanelData_UnderThePagePath_AsksForBasicAndAcceptsTheKeyAsPassword()
    {
        using var anonymous = new HttpClient { BaseAddress = new Uri(_factory.BaseAddress) };
        using var refused = await anonymous.GetAsync(new Uri("/dashboard/talentflow/api/overview", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Contains(refused.Headers.WwwAuthenticate, h => h.Scheme == "Basic");

        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/dashboard/talentflow/api/overview", UriKind.Relative));
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("admin:" + TestKeys.Admin)));
        using var accepted = await anonymous.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        using var unknownJob = await anonymous.SendAsync(new HttpRequestMessage(HttpMethod.Get, new Uri("/dashboard/talentflow/api/jobs/no-such-job/score-histogram", UriKind.Relative))
        {
            Headers = { Authorization = request.Headers.Authorization },
        });
        Assert.Equal(HttpStatusCode.NotFound, unknownJob.StatusCode);
        Assert.Equal("application/problem+json", unknownJob.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Dashboard_AfterATrainingJob_ListsItWithItsProgressCurve()
    {
        string baseAddress = _factory.BaseAddress;
        string jobId;
        System.Text.Json.JsonElement job;
        using (var client = new HttpClient { BaseAddress = new Uri(baseAddress) }.As(ApiRoles.Admin))
        {
            var started = await client.PostAsJsonAsync("/api/v1/feedback/trigger-training", new { force = true });
            started.EnsureSuccessStatusCode();
            jobId = (await started.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("job_id").GetString()!;
            job = await client.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/v1/training/jobs/{jobId}");
        }
        await using var context = await _chromium.NewContextAsync();
        var page = await context.NewPageAsync();

        await OpenWithKeyAsync(page, TestKeys.Admin);
        await page.WaitForSelectorAsync($"#jobs tbody tr:has-text('{jobId}')");

        string row = await page.InnerTextAsync($"#jobs tbody tr:has-text('{jobId}')");
        Assert.Contains("baseline_tfidf", row, StringComparison.Ordinal);
        Assert.Contains("manual", row, StringComparison.Ordinal);
        // Every job logs at least its start, so it has a curve: a polyline tagged with its id.
        Assert.True(job.GetProperty("log").GetArrayLength() > 0);
        await page.WaitForSelectorAsync($"#curves polyline[data-job='{jobId}']", new PageWaitForSelectorOptions { State = WaitForSelectorState.Attached });
    }

    [Fact]
    public async Task Dashboard_AdminKeyEntered_ShowsTheLiveSiloGrainCallsAndAChart()
    {
        string baseAddress = _factory.BaseAddress;
        await using var context = await _chromium.NewContextAsync();
        // Traffic first, so the merged method table has live numbers (sample data loading already made grain calls).
        using (var client = new HttpClient { BaseAddress = new Uri(baseAddress) }.As(ApiRoles.Recruiter))
        {
            (await client.GetAsync("/api/v1/jobs/sample-job-1/candidates/sample-candidate-1/score")).EnsureSuccessStatusCode();
        }

        var page = await context.NewPageAsync();
        var consoleErrors = new List<string>();
        page.Console += (_, message) => { if (message.Type == "error") consoleErrors.Add(message.Text); };
        await OpenWithKeyAsync(page, TestKeys.Admin);
        await page.WaitForSelectorAsync("#silos tbody tr");
        await page.WaitForSelectorAsync("#chart rect");

        string silos = await page.InnerTextAsync("#silos");
        Assert.Contains("browser-silo", silos, StringComparison.Ordinal);
        Assert.Contains("Active", silos, StringComparison.Ordinal);
        string methods = await page.InnerTextAsync("#methods");
        Assert.Contains("ScoreCandidateAsync", methods, StringComparison.Ordinal);
        Assert.Contains("builtin-1", await page.InnerTextAsync("#models"), StringComparison.Ordinal);
        // Grain types per silo: the sample data activated job grains on this silo.
        Assert.Contains("browser-silo\tjob\t", await page.InnerTextAsync("#types"), StringComparison.Ordinal);
        await page.WaitForSelectorAsync("#reminders tbody tr");
        Assert.Contains("training-coordinator/singleton", await page.InnerTextAsync("#reminders"), StringComparison.Ordinal);
        Assert.Empty(await page.InnerTextAsync("#error"));
        Assert.True(await page.IsHiddenAsync("#login"));
        string shot = Path.Combine(AppContext.BaseDirectory, "artifacts", "dashboard.png");
        Directory.CreateDirectory(Path.GetDirectoryName(shot)!);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = shot, FullPage = true });
        Assert.True(new FileInfo(shot).Length > 1000);

        // The key lives in the tab's sessionStorage: a reload shows the data without asking again.
        await page.ReloadAsync();
        await page.WaitForSelectorAsync("#silos tbody tr");
        Assert.True(await page.IsHiddenAsync("#login"));
        // The page runs under its Content-Security-Policy without violations (Chromium reports them as console errors; the
        // other errors are the expected 401 of the first, keyless poll and of the favicon).
        Assert.DoesNotContain(consoleErrors, e => e.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Dashboard_RecruiterKeyEntered_ShowsTheRefusalAndNoData()
    {
        await using var context = await _chromium.NewContextAsync();

        var page = await OpenWithKeyAsync(await context.NewPageAsync(), TestKeys.Recruiter);
        await page.WaitForFunctionAsync("() => document.getElementById('error').textContent.includes('403')");

        Assert.Contains("not an admin key", await page.InnerTextAsync("#error"), StringComparison.Ordinal);
        Assert.Equal(0, await page.Locator("#silos tbody tr").CountAsync());
        Assert.Equal(0, await page.Locator("#registry tbody tr").CountAsync());
        Assert.True(await page.IsVisibleAsync("#key"));
        Assert.Null(await page.EvaluateAsync<string?>("() => sessionStorage.getItem('talentflow.apiKey')"));
        using var client = new HttpClient { BaseAddress = new Uri(_factory.BaseAddress) }.As(ApiRoles.Recruiter);
        using var overview = await client.GetAsync("/api/v1/dashboard/overview");
        Assert.Equal(HttpStatusCode.Forbidden, overview.StatusCode);
        Assert.Equal("application/problem+json", overview.Content.Headers.ContentType?.MediaType);
    }
}
