using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace TalentFlow.Silo.Tests;

/// <summary>The host on a real Kestrel port, so a real browser can reach it.</summary>
public sealed class KestrelSiloHostFactory : WebApplicationFactory<Program>
{
    public KestrelSiloHostFactory() => UseKestrel(0);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("urls", "http://127.0.0.1:0");
        builder.UseSetting("Silo:Endpoint", "127.0.0.1:0");
        builder.UseSetting("Silo:SiloName", "browser-silo");
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
public sealed class DashboardBrowserTests : IClassFixture<KestrelSiloHostFactory>
{
    private readonly KestrelSiloHostFactory _factory;

    public DashboardBrowserTests(KestrelSiloHostFactory factory) => _factory = factory;

    [Fact]
    public async Task Dashboard_InHeadlessChromium_ShowsTheLiveSiloGrainCallsAndAChart()
    {
        string baseAddress = _factory.BaseAddress;
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        });
        var page = await browser.NewPageAsync();
        // Traffic first, so the merged method table has live numbers (sample data loading already made grain calls).
        using (var client = new HttpClient { BaseAddress = new Uri(baseAddress) })
        {
            (await client.GetAsync("/api/v1/jobs/sample-job-1/candidates/sample-candidate-1/score")).EnsureSuccessStatusCode();
        }

        await page.GotoAsync(baseAddress + "/dashboard");
        await page.WaitForSelectorAsync("#silos tbody tr");
        await page.WaitForSelectorAsync("#chart rect");

        string silos = await page.InnerTextAsync("#silos");
        Assert.Contains("browser-silo", silos, StringComparison.Ordinal);
        Assert.Contains("Active", silos, StringComparison.Ordinal);
        string methods = await page.InnerTextAsync("#methods");
        Assert.Contains("ScoreCandidateAsync", methods, StringComparison.Ordinal);
        Assert.Contains("builtin-1", await page.InnerTextAsync("#models"), StringComparison.Ordinal);
        Assert.Empty(await page.InnerTextAsync("#error"));
        string shot = Path.Combine(AppContext.BaseDirectory, "artifacts", "dashboard.png");
        Directory.CreateDirectory(Path.GetDirectoryName(shot)!);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = shot, FullPage = true });
        Assert.True(new FileInfo(shot).Length > 1000);
    }
}
