using Microsoft.Extensions.DependencyInjection;
using System.Net;
using Microsoft.Playwright;
using TalentFlow.Silo.Security;

namespace TalentFlow.Silo.Tests;

/// <summary>
/// The dashboard of a running 2-silo cluster in Debian's headless Chromium: both silos with their roles, live numbers that
/// move with traffic, charts with content, a non-admin refused; the screenshot is kept as <c>artifacts/dashboard-cluster.png</c>.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class DashboardClusterBrowserTests(TwoSiloCluster cluster, HeadlessChromium chromium) : IClassFixture<TwoSiloCluster>
{
    private static async Task OpenWithKeyAsync(IPage page, string baseAddress, string key)
    {
        await page.GotoAsync(baseAddress + "/dashboard/talentflow");
        await page.WaitForSelectorAsync("#key", new PageWaitForSelectorOptions { State = WaitForSelectorState.Visible });
        await page.FillAsync("#key", key);
        await page.ClickAsync("#login button[type=submit]");
    }

    /// <summary>Each silo's name → its Calls cell, as the page shows it.</summary>
    private const string CallsByName = "() => Object.fromEntries([...document.querySelectorAll('#silos tbody tr')].map(r => [r.cells[1].textContent, Number(r.cells[5].textContent.replaceAll(',', ''))]))";

    [Fact]
    public async Task Dashboard_TwoSiloClusterWithTraffic_ListsBothSilosWithRolesLiveCallsAndCharts()
    {
        await using var context = await chromium.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1200, Height = 900 } });
        var page = await context.NewPageAsync();
        await OpenWithKeyAsync(page, cluster.B.BaseAddress, TestKeys.Admin);
        await page.WaitForFunctionAsync("() => document.querySelectorAll('#silos tbody tr').length === 2");

        var rows = await page.Locator("#silos tbody tr").AllInnerTextsAsync();
        Assert.Contains(rows, r => r.Contains("silo-a", StringComparison.Ordinal) && r.Contains("Active", StringComparison.Ordinal) && r.Contains("api", StringComparison.Ordinal));
        Assert.Contains(rows, r => r.Contains("silo-b", StringComparison.Ordinal) && r.Contains("Active", StringComparison.Ordinal) && r.Contains("trainer", StringComparison.Ordinal));

        // Live: after traffic through both silos, each silo's call count on the page goes up without a reload.
        var before = await page.EvaluateAsync<Dictionary<string, double>>(CallsByName);
        await cluster.GenerateTrafficAsync(60);
        await page.WaitForFunctionAsync(
            $"before => {{ const now = ({CallsByName})(); return now['silo-a'] > before['silo-a'] && now['silo-b'] > before['silo-b']; }}", before,
            new PageWaitForFunctionOptions { Timeout = 20_000 });

        // Charts: the calls/s line has several points that differ, the per-method bars have width.
        await page.WaitForFunctionAsync(
            "() => { const p = document.querySelector('#rate polyline'); if (!p) return false; const ys = p.getAttribute('points').trim().split(' ').map(x => +x.split(',')[1]); return ys.length >= 2 && Math.min(...ys) < Math.max(...ys); }",
            null, new PageWaitForFunctionOptions { Timeout = 20_000 });
        Assert.True(await page.EvaluateAsync<double>("() => document.querySelector('#rate polyline').getBBox().height") > 0);
        Assert.True(await page.EvaluateAsync<double>("() => Math.max(...[...document.querySelectorAll('#chart rect')].map(r => r.getBBox().width))") > 1);
        Assert.Contains("GetAsync", await page.InnerTextAsync("#methods"), StringComparison.Ordinal);
        Assert.Empty(await page.InnerTextAsync("#error"));

        string shot = Path.Combine(AppContext.BaseDirectory, "artifacts", "dashboard-cluster.png");
        Directory.CreateDirectory(Path.GetDirectoryName(shot)!);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = shot, FullPage = true });
        Assert.True(new FileInfo(shot).Length > 1000);
    }

    [Fact]
    public async Task Dashboard_SiloPicked_ShowsItsProcessCpuMemoryGcAndThreadPool()
    {
        await using var context = await chromium.NewContextAsync();
        var page = await context.NewPageAsync();
        await OpenWithKeyAsync(page, cluster.A.BaseAddress, TestKeys.Admin);
        await page.WaitForFunctionAsync("() => document.querySelectorAll('#silo-pick option').length === 2");

        await page.SelectOptionAsync("#silo-pick", new SelectOptionValue { Label = "silo-b" });
        await page.WaitForSelectorAsync("#detail tbody tr");

        var detail = (await page.Locator("#detail tbody tr").AllInnerTextsAsync()).Select(r => r.Split('\t')).ToDictionary(c => c[0], c => c[1]);
        Assert.Matches(@"^\d+(\.\d)? %$", detail["CPU"]);
        Assert.Matches(@"^[\d,.]+ MiB$", detail["Working set"]);
        Assert.True(double.Parse(detail["Working set"].Split(' ')[0].Replace(",", "", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture) > 1);
        Assert.Matches(@"^[\d,]+ / [\d,]+ / [\d,]+$", detail["GC collections (gen 0 / 1 / 2)"]);
        Assert.True(int.Parse(detail["Thread pool threads"], System.Globalization.CultureInfo.InvariantCulture) > 0);
        Assert.Equal("silo-b", await page.EvalOnSelectorAsync<string>("#silo-pick", "s => s.selectedOptions[0].textContent"));
    }

    [Fact]
    public async Task Dashboard_ReviewerKeyOnEitherSilo_IsRefusedWithNoData()
    {
        await using var context = await chromium.NewContextAsync();
        var page = await context.NewPageAsync();
        await OpenWithKeyAsync(page, cluster.A.BaseAddress, TestKeys.Reviewer);
        await page.WaitForFunctionAsync("() => document.getElementById('error').textContent.includes('403')");

        Assert.Equal(0, await page.Locator("#silos tbody tr").CountAsync());
        Assert.Equal(0, await page.Locator("#rate polyline").CountAsync());
        foreach (var silo in new[] { cluster.A, cluster.B })
        {
            using var client = new HttpClient { BaseAddress = new Uri(silo.BaseAddress) }.As(ApiRoles.Reviewer);
            using var overview = await client.GetAsync("/api/v1/dashboard/overview");
            Assert.Equal(HttpStatusCode.Forbidden, overview.StatusCode);
        }
    }

    [Fact]
    public async Task OrleansDashboard_BrowserSignsInOnceWithTheAdminKey_ShowsBothSilos()
    {
        // The browser's sign-in: Basic credentials (user any, password the admin key) that it then sends with every request.
        await using var context = await chromium.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 1200, Height = 900 },
            HttpCredentials = new HttpCredentials { Username = "admin", Password = TestKeys.Admin },
        });
        var page = await context.NewPageAsync();
        var silos = cluster.A.Services.GetRequiredService<TalentFlow.Hosting.Cluster.IClusterView>().Members().Select(m => m.Address.Split('@')[0]).ToArray();
        Assert.Equal(2, silos.Length);
        foreach (string baseAddress in new[] { cluster.A.BaseAddress, cluster.B.BaseAddress })
        {
            var response = await page.GotoAsync(baseAddress + "/dashboard/");
            Assert.Equal(200, response!.Status);
            // The overview counts both; the Silos page lists each by address.
            await page.WaitForFunctionAsync("() => /ACTIVE SILOS\\s*2\\b/i.test(document.body.innerText)", null, new PageWaitForFunctionOptions { Timeout = 30_000 });
            await page.GetByText("Silos", new PageGetByTextOptions { Exact = true }).First.ClickAsync();
            await page.WaitForFunctionAsync("silos => silos.every(s => document.body.innerText.includes(s))",
                silos, new PageWaitForFunctionOptions { Timeout = 30_000 });
        }
        string shot = Path.Combine(AppContext.BaseDirectory, "artifacts", "orleans-dashboard-cluster.png");
        Directory.CreateDirectory(Path.GetDirectoryName(shot)!);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = shot, FullPage = true });
        Assert.True(new FileInfo(shot).Length > 10_000);
    }
}
