using Microsoft.Playwright;

namespace TalentFlow.Silo.Tests;

/// <summary>
/// Debian's headless Chromium (Playwright with <c>ExecutablePath</c>; no browser download), launched once for every browser
/// test. Each test opens its own context (own cookies and session storage, where the dashboard keeps its key) and disposes it.
/// </summary>
public sealed class HeadlessChromium : IAsyncLifetime
{
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    /// <summary>The shared browser.</summary>
    public IBrowser Browser => _browser ?? throw new InvalidOperationException("The browser has not been launched.");

    /// <summary>A fresh browser context: dispose it at the end of the test.</summary>
    public Task<IBrowserContext> NewContextAsync(BrowserNewContextOptions? options = null) => Browser.NewContextAsync(options);

    public async Task InitializeAsync()
    {
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        });
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null) await _browser.DisposeAsync();
        _playwright?.Dispose();
    }
}

/// <summary>The browser tests: one Chromium between them, and they run one after another (two cores).</summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<HeadlessChromium>
{
    public const string Name = "browser";
}
