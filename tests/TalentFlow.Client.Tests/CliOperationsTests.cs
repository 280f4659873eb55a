extern alias cli;

using System.Text.Json;
using CliApp = cli::TalentFlow.Cli.CliApp;

namespace TalentFlow.Client.Tests;

/// <summary>The <c>talentflow training</c> and <c>models</c> commands against a real silo's HTTP API.</summary>
[Collection(SiloCollection.Name)]
public sealed class CliOperationsTests(SiloFixture silo)
{
    private async Task<(int Code, string Stdout, string Stderr)> RunAsync(string key, params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        int code = await CliApp.RunAsync([.. args, "--url", silo.BaseAddress.ToString(), "--api-key", key, "--log-level", "none"], stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public async Task TrainingStatus_Json_PrintsTheCountsAndThreshold()
    {
        var (code, stdout, stderr) = await RunAsync(TestKeys.Admin, "training", "status", "--json");

        Assert.True(code == 0, stderr);
        using var json = JsonDocument.Parse(stdout);
        Assert.Equal("baseline_tfidf", json.RootElement.GetProperty("model").GetString());
        Assert.True(json.RootElement.GetProperty("threshold").GetInt32() > 0);
        Assert.True(json.RootElement.GetProperty("total_samples").GetInt32() >= 0);
    }

    [Fact]
    public async Task TrainingTrigger_DryRun_StartsNothing()
    {
        var (code, stdout, stderr) = await RunAsync(TestKeys.Admin, "training", "trigger", "--dry-run", "--force", "--json");

        Assert.True(code == 0, stderr);
        using var json = JsonDocument.Parse(stdout);
        Assert.False(json.RootElement.GetProperty("triggered").GetBoolean());
        Assert.StartsWith("would train: forced", json.RootElement.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.False(json.RootElement.TryGetProperty("job_id", out _));
    }

    [Fact]
    public async Task TrainingTrigger_MinSamplesAboveTheCount_DoesNotTrain()
    {
        var (code, stdout, stderr) = await RunAsync(TestKeys.Admin, "training", "trigger", "--min-samples", "1000000", "--json");

        Assert.True(code == 0, stderr);
        using var json = JsonDocument.Parse(stdout);
        Assert.False(json.RootElement.GetProperty("triggered").GetBoolean());
        Assert.StartsWith("would not train", json.RootElement.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ModelsRegisterThenRollback_ArtifactFile_RegistersPromotesAndGoesBack()
    {
        string directory = Directory.CreateTempSubdirectory("talentflow-cli-").FullName;
        try
        {
            string first = "cli-" + Guid.NewGuid().ToString("N")[..8], second = "cli-" + Guid.NewGuid().ToString("N")[..8];
            foreach (var (version, words) in new[] { (first, "python developer"), (second, "java engineer") })
            {
                string path = Path.Combine(directory, version + ".json");
                using (var artifact = RegistryRoundTripTests.BaselineArtifact(words))
                {
                    await File.WriteAllBytesAsync(path, artifact.ToArray());
                }
                var (code, stdout, stderr) = await RunAsync(TestKeys.Admin, "models", "register", "--model-path", path, "--version", version, "--activate", "--json");
                Assert.True(code == 0, stderr);
                Assert.Equal("Production", JsonDocument.Parse(stdout).RootElement.GetProperty("stage").GetString());
            }

            var rollback = await RunAsync(TestKeys.Admin, "models", "rollback", "baseline_tfidf", "--json");
            var list = await RunAsync(TestKeys.Admin, "models", "list", "--model", "baseline_tfidf", "--json");

            Assert.True(rollback.Code == 0, rollback.Stderr);
            Assert.Equal(first, JsonDocument.Parse(rollback.Stdout).RootElement.GetProperty("version").GetString());
            Assert.True(list.Code == 0, list.Stderr);
            var versions = JsonDocument.Parse(list.Stdout).RootElement.GetProperty("models")[0].GetProperty("versions").EnumerateArray()
                .ToDictionary(v => v.GetProperty("version").GetString()!, v => v.GetProperty("stage").GetString());
            Assert.Equal("Production", versions[first]);
            Assert.Equal("Archived", versions[second]);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task ModelsRegister_MissingFile_ExitsOneWithOneLine()
    {
        var (code, stdout, stderr) = await RunAsync(TestKeys.Admin, "models", "register", "--model-path", "no/such/artifact.json", "--version", "x");

        Assert.Equal(CliApp.Failed, code);
        Assert.Empty(stdout);
        Assert.Equal("error: --model-path: no such file 'no/such/artifact.json'", stderr.Trim());
    }

    [Fact]
    public async Task ModelsPromote_UnknownVersion_ExitsOneWithTheApisReason()
    {
        var (code, _, stderr) = await RunAsync(TestKeys.Admin, "models", "promote", "baseline_tfidf", "no-such-version");

        Assert.Equal(CliApp.Failed, code);
        Assert.StartsWith("error: the API answered 404", stderr.Trim(), StringComparison.Ordinal);
        Assert.Single(stderr.Trim().Split('\n'));
    }

    [Fact]
    public async Task ModelsList_WrongKey_ExitsOneAndSaysHowToAuthenticate()
    {
        var (code, _, stderr) = await RunAsync("not-a-real-key-0123456789abcdef", "models", "list");

        Assert.Equal(CliApp.Failed, code);
        Assert.Contains("401", stderr, StringComparison.Ordinal);
        Assert.Contains("--api-key", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ModelsList_NothingListening_ExitsOneWithCannotReach()
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        // Port 9 (discard) on loopback: nothing listens there in a test run.
        int code = await CliApp.RunAsync(["models", "list", "--url", "http://127.0.0.1:9", "--api-key", TestKeys.Admin, "--log-level", "none"], stdout, stderr);

        Assert.Equal(CliApp.Failed, code);
        Assert.StartsWith("error: cannot reach the TalentFlow API at http://127.0.0.1:9/", stderr.ToString().Trim(), StringComparison.Ordinal);
    }
}
