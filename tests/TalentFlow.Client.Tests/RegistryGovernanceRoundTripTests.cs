using TalentFlow.Client.Http;
using TalentFlow.Contracts.Training.Registry;

namespace TalentFlow.Client.Tests;

/// <summary>The registry's governance through the typed client on a real silo: aliases, history, rollback, events, lineage.</summary>
[Collection(SiloCollection.Name)]
public sealed class RegistryGovernanceRoundTripTests(SiloFixture silo)
{
    private const string Baseline = "baseline_tfidf";

    private static async Task<string> RegisterAsync(TalentFlowHttpClient client, string prefix)
    {
        string version = prefix + "-" + Guid.NewGuid().ToString("N")[..8];
        using var artifact = RegistryRoundTripTests.BaselineArtifact("python developer " + version, "nurse");
        await client.RegisterModelAsync(Baseline, version, artifact);
        return version;
    }

    [Fact]
    public async Task Aliases_SetMoveRollBackDelete_RoundTripWithTheHistory()
    {
        using var scope = silo.CreateClient(TestKeys.Admin);
        var client = scope.Client;
        string a = await RegisterAsync(client, "sdk-a"), b = await RegisterAsync(client, "sdk-b");
        string alias = "sdk-" + Guid.NewGuid().ToString("N")[..6];

        await client.SetModelAliasAsync(Baseline, alias, a, "first pick");
        var moved = await client.SetModelAliasAsync(Baseline, alias, b, "second pick");
        var resolved = await client.GetModelAliasAsync(Baseline, alias);
        var back = await client.RollbackModelAsync(Baseline, new RollbackTarget(Alias: alias), "b was worse");
        var listed = await client.GetModelAliasesAsync(Baseline);
        var history = await client.GetModelHistoryAsync(Baseline, 1000);
        var removed = await client.DeleteModelAliasAsync(Baseline, alias, "cleanup");
        var latest = await client.GetRegistryEventsAsync(1);

        Assert.Equal((b, "admin", "second pick"), (moved.Version, moved.SetBy, moved.Reason));
        Assert.Equal(b, resolved.Version);
        Assert.Equal(a, back.Version);
        Assert.Equal(a, listed.Single(x => x.Alias == alias).Version);
        Assert.Equal([a, b, a], history.Where(e => e.Alias == alias && e.Kind == RegistryEventKinds.AliasMoved).Select(e => e.Version));
        Assert.Equal(["first pick", "second pick", "b was worse"], history.Where(e => e.Alias == alias && e.Kind == RegistryEventKinds.AliasMoved).Select(e => e.Reason));
        Assert.Equal(a, removed.Version);
        Assert.Equal((RegistryEventKinds.AliasDeleted, alias, "cleanup"), (latest[0].Kind, latest[0].Alias, latest[0].Reason));
        await Assert.ThrowsAsync<TalentFlowNotFoundException>(() => client.GetModelAliasAsync(Baseline, alias));
    }

    [Fact]
    public async Task PromoteWithReason_ThenRollbackToVersion_ChampionAndLineageFollow()
    {
        using var scope = silo.CreateClient(TestKeys.Admin);
        var client = scope.Client;
        string first = await RegisterAsync(client, "sdk-p"), second = await RegisterAsync(client, "sdk-p");

        await client.PromoteModelAsync(Baseline, first, "first to serve");
        await client.PromoteModelAsync(Baseline, second, "second to serve");
        var back = await client.RollbackModelAsync(Baseline, new RollbackTarget(ToVersion: first), "second misbehaves");
        var champion = await client.GetModelAliasAsync(Baseline, ModelAliases.Champion);
        var lineage = await client.GetModelLineageAsync(Baseline, first, 5);

        Assert.Equal((first, "Production"), (back.Version, back.Stage));
        Assert.Equal((first, "admin", "second misbehaves"), (champion.Version, champion.SetBy, champion.Reason));
        Assert.Equal((first, "Production"), (lineage.Version, lineage.Stage));
        Assert.Contains(ModelAliases.Champion, lineage.Aliases);
        Assert.Equal(0, lineage.TrainingSetSize);
    }

    [Fact]
    public async Task Governance_Errors_MapToTypedExceptions()
    {
        using var scope = silo.CreateClient(TestKeys.Admin);
        using var reviewer = silo.CreateClient(TestKeys.Reviewer);
        string version = await RegisterAsync(scope.Client, "sdk-e");

        await Assert.ThrowsAsync<TalentFlowValidationException>(() => scope.Client.SetModelAliasAsync(Baseline, "Bad Alias", version, "r"));
        await Assert.ThrowsAsync<TalentFlowValidationException>(() => scope.Client.SetModelAliasAsync(Baseline, "ok-alias", version, " "));
        await Assert.ThrowsAsync<TalentFlowNotFoundException>(() => scope.Client.SetModelAliasAsync(Baseline, "ok-alias", "no-such-version", "r"));
        await Assert.ThrowsAsync<TalentFlowConflictException>(() => scope.Client.DeleteModelAliasAsync(Baseline, ModelAliases.Champion, "r"));
        await Assert.ThrowsAsync<TalentFlowConflictException>(() => scope.Client.RollbackModelAsync(Baseline, new RollbackTarget(ToVersion: version), "never served"));
        await Assert.ThrowsAsync<TalentFlowForbiddenException>(() => reviewer.Client.SetModelAliasAsync(Baseline, "ok-alias", version, "r"));
        await Assert.ThrowsAsync<TalentFlowForbiddenException>(() => reviewer.Client.PromoteModelAsync(Baseline, version, "r"));
    }
}
