extern alias cli;

using System.Text.Json;
using TalentFlow.Client.Http;
using CliApp = cli::TalentFlow.Cli.CliApp;

namespace TalentFlow.Client.Tests;

/// <summary>A/B tests through the typed client and the <c>models ab-test</c> commands on a real silo.</summary>
[Collection(SiloCollection.Name)]
public sealed class AbTestRoundTripTests(SiloFixture silo)
{
    private const string Baseline = "baseline_tfidf";

    private async Task<(int Code, string Stdout, string Stderr)> RunAsync(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        int code = await CliApp.RunAsync([.. args, "--url", silo.BaseAddress.ToString(), "--api-key", TestKeys.Admin, "--log-level", "none"], stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public async Task StartAbTest_ThenMetricsAndEnd_RoundTripsAndTheEndedTestIsGone()
    {
        using var scope = silo.CreateClient(TestKeys.Admin);
        string version = "ab-sdk-" + Guid.NewGuid().ToString("N")[..8];
        using (var artifact = RegistryRoundTripTests.BaselineArtifact("python developer", "registered nurse")) await scope.Client.RegisterModelAsync(Baseline, version, artifact);

        var started = await scope.Client.StartAbTestAsync(Baseline, version, 0.25);
        try
        {
            Assert.Equal((Baseline, version, 0.25), (started.Model, started.ChallengerVersion, started.Share));
            Assert.Equal(started, await scope.Client.GetAbTestAsync(Baseline));
            var report = await scope.Client.GetAbTestMetricsAsync(Baseline);
            Assert.Equal(started, report.Test);
            Assert.Equal(("control", "challenger", version), (report.Control.Arm, report.Challenger.Arm, report.Challenger.Version));
        }
        finally
        {
            Assert.Equal(started, await scope.Client.EndAbTestAsync(Baseline));
        }
        await Assert.ThrowsAsync<TalentFlowNotFoundException>(() => scope.Client.GetAbTestAsync(Baseline));
        await Assert.ThrowsAsync<TalentFlowValidationException>(() => scope.Client.StartAbTestAsync(Baseline, version, 2));
    }

    [Fact]
    public async Task ModelsAbTest_SetShowClear_PrintsTheTestAndBothArms()
    {
        using var scope = silo.CreateClient(TestKeys.Admin);
        string version = "ab-cli-" + Guid.NewGuid().ToString("N")[..8];
        using (var artifact = RegistryRoundTripTests.BaselineArtifact("welder", "accountant")) await scope.Client.RegisterModelAsync(Baseline, version, artifact);

        var set = await RunAsync("models", "ab-test", "set", Baseline, version, "--share", "0.2", "--json");
        var show = await RunAsync("models", "ab-test", "show", Baseline, "--json");
        var clear = await RunAsync("models", "ab-test", "clear", Baseline, "--json");
        var again = await RunAsync("models", "ab-test", "show", Baseline);

        Assert.True(set.Code == 0, set.Stderr);
        Assert.Equal(0.2, JsonDocument.Parse(set.Stdout).RootElement.GetProperty("share").GetDouble());
        Assert.True(show.Code == 0, show.Stderr);
        using var shown = JsonDocument.Parse(show.Stdout);
        Assert.Equal(version, shown.RootElement.GetProperty("challenger").GetProperty("version").GetString());
        Assert.True(shown.RootElement.GetProperty("control").TryGetProperty("agreement", out _));
        Assert.True(clear.Code == 0, clear.Stderr);
        Assert.NotEqual(0, again.Code);
    }
}
