using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Orleans;
using TalentFlow.Contracts.Training.Registry;
using TalentFlow.Grains.Matching;
using TalentFlow.Grains.Samples;
using TalentFlow.Grains.Training;
using TalentFlow.ML.Matching;
using TalentFlow.Silo.Security;

namespace TalentFlow.Silo.Tests;

/// <summary>
/// The dashboard's registry panels in headless Chromium, on a host of their own (the test promotes a version, which the other
/// browser tests' host must not see): the metric-over-versions chart and the registry events.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class RegistryDashboardBrowserTests(KestrelSiloHostFactory factory, HeadlessChromium chromium) : IClassFixture<KestrelSiloHostFactory>
{
    private const string Model = MatchingModels.BaselineModelName;

    [Fact]
    public async Task Dashboard_VersionsWithMetricsAndAPromotion_ChartsOnePointPerVersionAndListsThePromotion()
    {
        string baseAddress = factory.BaseAddress;
        var grains = factory.Services.GetRequiredService<IGrainFactory>();
        var expected = new Dictionary<string, double> { ["dash-v1"] = 0.61, ["dash-v2"] = 0.74, ["dash-v3"] = 0.68 };
        foreach (var (version, auc) in expected)
        {
            using var artifact = new MemoryStream();
            BaselineMatcher.Fit([.. SampleCorpus.Texts().Take(20)]).Save(artifact);
            await grains.GetGrain<IModelArtifactGrain>(ModelArtifactGrain.Key(Model, version)).SaveAsync(artifact.ToArray());
            await grains.GetGrain<IModelRegistryGrain>(Model)
                .RegisterAsync(version, new Dictionary<string, double> { ["roc_auc"] = auc, ["train_samples"] = 40 }, new RegistryChange(RegistryChange.UnnamedActor, null));
        }
        JsonElement[] models;
        using (var admin = new HttpClient { BaseAddress = new Uri(baseAddress) }.As(ApiRoles.Admin))
        {
            (await admin.PostAsJsonAsync($"/api/v1/models/{Model}/versions/dash-v2/promote", new { reason = "best held-out AUC" })).EnsureSuccessStatusCode();
            models = (await admin.GetFromJsonAsync<JsonElement[]>("/api/v1/models"))!;
        }
        int withMetric = models.Single(m => m.GetProperty("name").GetString() == Model).GetProperty("versions").EnumerateArray()
            .Count(v => v.GetProperty("metrics").TryGetProperty("roc_auc", out _));

        await using var context = await chromium.NewContextAsync();
        var page = await context.NewPageAsync();
        var consoleErrors = new List<string>();
        page.Console += (_, message) => { if (message.Type == "error") consoleErrors.Add(message.Text); };
        await page.GotoAsync(baseAddress + "/dashboard/talentflow");
        await page.FillAsync("#key", TestKeys.Admin);
        await page.ClickAsync("#login button[type=submit]");
        string chart = $"#version-metrics svg[data-model='{Model}']";
        await page.WaitForSelectorAsync($"{chart} circle[data-version='dash-v3']", new PageWaitForSelectorOptions { State = WaitForSelectorState.Attached });
        string promotion = "#registry-events tbody tr[data-kind='promoted'][data-version='dash-v2']";
        await page.WaitForSelectorAsync(promotion);

        Assert.Equal("roc_auc", await page.GetAttributeAsync(chart, "data-metric"));
        var circles = page.Locator($"{chart} circle");
        Assert.Equal(withMetric, await circles.CountAsync());
        foreach (var (version, auc) in expected)
        {
            var point = page.Locator($"{chart} circle[data-version='{version}']");
            Assert.Equal(1, await point.CountAsync());
            Assert.Equal(auc, double.Parse((await point.GetAttributeAsync("data-value"))!, CultureInfo.InvariantCulture));
            Assert.Equal(version == "dash-v2" ? "Production" : "None", await point.GetAttributeAsync("data-stage"));
        }
        // Points run left to right in registration order, and higher values sit higher.
        var at = new Dictionary<string, (double X, double Y)>();
        foreach (var version in expected.Keys)
        {
            var point = page.Locator($"{chart} circle[data-version='{version}']");
            at[version] = (double.Parse((await point.GetAttributeAsync("cx"))!, CultureInfo.InvariantCulture), double.Parse((await point.GetAttributeAsync("cy"))!, CultureInfo.InvariantCulture));
        }
        Assert.True(at["dash-v1"].X < at["dash-v2"].X && at["dash-v2"].X < at["dash-v3"].X);
        Assert.True(at["dash-v2"].Y < at["dash-v3"].Y && at["dash-v3"].Y < at["dash-v1"].Y);
        string row = await page.InnerTextAsync(promotion);
        Assert.Contains(Model, row, StringComparison.Ordinal);
        Assert.Contains("admin", row, StringComparison.Ordinal);
        Assert.Contains("best held-out AUC", row, StringComparison.Ordinal);
        Assert.DoesNotContain(consoleErrors, e => e.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase));
    }
}
