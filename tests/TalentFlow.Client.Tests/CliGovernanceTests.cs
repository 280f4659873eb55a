extern alias cli;

using System.Text.Json;
using CliApp = cli::TalentFlow.Cli.CliApp;

namespace TalentFlow.Client.Tests;

/// <summary><c>talentflow models alias|history|lineage</c> and <c>rollback --alias</c> against a real silo's HTTP API.</summary>
[Collection(SiloCollection.Name)]
public sealed class CliGovernanceTests(SiloFixture silo)
{
    private async Task<(int Code, string Stdout, string Stderr)> RunAsync(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        int code = await CliApp.RunAsync([.. args, "--url", silo.BaseAddress.ToString(), "--api-key", TestKeys.Admin, "--log-level", "none"], stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    private async Task<string> RegisterAsync(string prefix)
    {
        using var scope = silo.CreateClient(TestKeys.Admin);
        string version = prefix + "-" + Guid.NewGuid().ToString("N")[..8];
        using var artifact = RegistryRoundTripTests.BaselineArtifact("data engineer " + version);
        await scope.Client.RegisterModelAsync("baseline_tfidf", version, artifact);
        return version;
    }

    [Fact]
    public async Task ModelsAliasSetListRollbackHistoryDelete_Json_EachPrintsOneObject()
    {
        string a = await RegisterAsync("cli-a"), b = await RegisterAsync("cli-b");
        string alias = "cli-" + Guid.NewGuid().ToString("N")[..6];

        var setA = await RunAsync("models", "alias", "set", "baseline_tfidf", alias, a, "--reason", "first", "--json");
        var setB = await RunAsync("models", "alias", "set", "baseline_tfidf", alias, b, "--reason", "second", "--json");
        var rollback = await RunAsync("models", "rollback", "baseline_tfidf", "--alias", alias, "--steps", "1", "--reason", "b regressed", "--json");
        var list = await RunAsync("models", "alias", "list", "baseline_tfidf", "--json");
        var history = await RunAsync("models", "history", "baseline_tfidf", "--limit", "1000", "--json");
        var delete = await RunAsync("models", "alias", "delete", "baseline_tfidf", alias, "--reason", "done", "--json");

        foreach (var run in new[] { setA, setB, rollback, list, history, delete }) Assert.True(run.Code == 0, run.Stderr);
        Assert.Equal((b, "admin", "second"), (Prop(setB.Stdout, "version"), Prop(setB.Stdout, "set_by"), Prop(setB.Stdout, "reason")));
        Assert.Equal(a, Prop(rollback.Stdout, "version"));
        var aliases = JsonDocument.Parse(list.Stdout).RootElement.GetProperty("aliases").EnumerateArray().ToList();
        Assert.Equal(a, aliases.Single(x => x.GetProperty("alias").GetString() == alias).GetProperty("version").GetString());
        var moves = JsonDocument.Parse(history.Stdout).RootElement.GetProperty("events").EnumerateArray()
            .Where(e => e.GetProperty("alias").GetString() == alias).Select(e => (e.GetProperty("kind").GetString(), e.GetProperty("version").GetString(), e.GetProperty("reason").GetString())).ToList();
        Assert.Equal([("alias_moved", a, "first"), ("alias_moved", b, "second"), ("alias_moved", a, "b regressed")], moves);
        Assert.Equal(a, Prop(delete.Stdout, "version"));
    }

    [Fact]
    public async Task ModelsLineage_Json_PrintsTheVersionAndItsAliases()
    {
        string version = await RegisterAsync("cli-l");
        string alias = "cli-l-" + Guid.NewGuid().ToString("N")[..6];
        Assert.Equal(0, (await RunAsync("models", "alias", "set", "baseline_tfidf", alias, version, "--reason", "audit")).Code);

        var (code, stdout, stderr) = await RunAsync("models", "lineage", "baseline_tfidf", version, "--limit", "5", "--json");

        Assert.True(code == 0, stderr);
        var lineage = JsonDocument.Parse(stdout).RootElement;
        Assert.Equal(("None", version), (lineage.GetProperty("stage").GetString(), lineage.GetProperty("version").GetString()));
        Assert.Equal([alias], lineage.GetProperty("aliases").EnumerateArray().Select(x => x.GetString()));
        Assert.Equal(0, lineage.GetProperty("training_set_size").GetInt32());
        Assert.Equal(JsonValueKind.Array, lineage.GetProperty("decisions").ValueKind);
    }

    [Fact]
    public async Task ModelsRollback_AliasWithoutReason_ExitsOneWithOneLine()
    {
        var (code, stdout, stderr) = await RunAsync("models", "rollback", "baseline_tfidf", "--alias", "challenger");

        Assert.Equal(1, code);
        Assert.Empty(stdout);
        Assert.Contains("--reason is required", stderr, StringComparison.Ordinal);
        Assert.Single(stderr.Trim().Split('\n'));
    }

    [Fact]
    public async Task ModelsAliasSet_UnknownVersion_ExitsOneWithTheApisMessage()
    {
        var (code, _, stderr) = await RunAsync("models", "alias", "set", "baseline_tfidf", "challenger", "no-such-version", "--reason", "r");

        Assert.Equal(1, code);
        Assert.Contains("404", stderr, StringComparison.Ordinal);
        Assert.Contains("no-such-version", stderr, StringComparison.Ordinal);
    }

    private static string? Prop(string json, string name) => JsonDocument.Parse(json).RootElement.GetProperty(name).GetString();
}
