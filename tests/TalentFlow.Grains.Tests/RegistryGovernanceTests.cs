using TalentFlow.Contracts.Training;
using TalentFlow.Contracts.Training.Registry;
using TalentFlow.Grains.Matching;
using TalentFlow.Grains.Training;
using TalentFlow.Grains.Training.Registry;
using TalentFlow.ML.Matching;

namespace TalentFlow.Grains.Tests;

/// <summary>Aliases beside the stages, the registry's history with who and why, and rollback to any earlier holder.</summary>
public sealed class RegistryGovernanceTests
{
    private const string Baseline = MatchingModels.BaselineModelName;
    private static readonly RegistryChange Alice = new("alice", "first look");
    private static readonly RegistryChange Bob = new("bob", "better on the new jobs");

    private static async Task<IModelRegistryGrain> StartWithVersionsAsync(TestCluster cluster, params string[] versions)
    {
        var registry = cluster.GrainFactory.GetGrain<IModelRegistryGrain>(Baseline);
        foreach (var version in versions)
        {
            using var stream = new MemoryStream();
            BaselineMatcher.Fit(["python developer " + version, "nurse " + version]).Save(stream);
            await cluster.GrainFactory.GetGrain<IModelArtifactGrain>(ModelArtifactGrain.Key(Baseline, version)).SaveAsync(stream.ToArray());
            await registry.RegisterAsync(version, null, new RegistryChange("registrar", null));
        }
        return registry;
    }

    [Fact]
    public async Task SetAliasAsync_MovedTwice_HistoryNamesEachHolderWhoMovedItAndWhy()
    {
        await using var cluster = await TrainingTestCluster.StartAsync(1);
        var registry = await StartWithVersionsAsync(cluster, "v1", "v2");

        await registry.SetAliasAsync("challenger", "v1", Alice);
        var moved = await registry.SetAliasAsync("challenger", "v2", Bob);

        Assert.Equal(("v2", "bob", "better on the new jobs"), (moved.Version, moved.SetBy, moved.Reason));
        Assert.Equal("v2", Assert.Single(await registry.GetAliasesAsync()).Version);
        var history = await registry.GetHistoryAsync(100);
        Assert.Equal([RegistryEventKinds.Registered, RegistryEventKinds.Registered, RegistryEventKinds.AliasMoved, RegistryEventKinds.AliasMoved], history.Select(e => e.Kind));
        // Consecutive, after the built-in screening model's registration at activation.
        long start = history[0].Sequence;
        Assert.Equal([start, start + 1, start + 2, start + 3], history.Select(e => e.Sequence));
        var (first, second) = (history[2], history[3]);
        Assert.Equal(("challenger", "v1", (string?)null, "alice", "first look"), (first.Alias, first.Version, first.PreviousVersion, first.Actor, first.Reason));
        Assert.Equal(("challenger", "v2", "v1", "bob", "better on the new jobs"), (second.Alias, second.Version, second.PreviousVersion, second.Actor, second.Reason));
        Assert.True(second.At >= first.At);
        // The newest-first feed of every model holds the same events (and the built-in screening model's).
        Assert.Equal(history.Reverse().Select(e => e.Id), (await ModelRegistries.GetEventsAsync(cluster.GrainFactory, 100)).Where(e => e.Model == Baseline).Select(e => e.Id));
    }

    [Fact]
    public async Task RollbackAsync_AliasStepsBackOrAtATime_MovesItToThatEarlierHolder()
    {
        await using var cluster = await TrainingTestCluster.StartAsync(1);
        var registry = await StartWithVersionsAsync(cluster, "v1", "v2", "v3");
        await registry.SetAliasAsync("candidate", "v1", Alice);
        await registry.SetAliasAsync("candidate", "v2", Alice);
        await registry.SetAliasAsync("candidate", "v3", Alice);
        var heldByV2 = (await registry.GetHistoryAsync(100)).Single(e => e.Kind == RegistryEventKinds.AliasMoved && e.Version == "v2");

        var twoBack = await registry.RollbackAsync(new RollbackTarget(Alias: "candidate", Steps: 2), Bob);
        Assert.Equal("v1", twoBack.Version);
        var atTime = await registry.RollbackAsync(new RollbackTarget(Alias: "candidate", At: heldByV2.At), Bob);
        Assert.Equal("v2", atTime.Version);
        // One back from v2: the holders were v1, v2, v3, v1, v2, so the one before the current is v1.
        var oneBack = await registry.RollbackAsync(new RollbackTarget(Alias: "candidate"), Bob);

        Assert.Equal("v1", oneBack.Version);
        Assert.Equal("v1", (await registry.GetAliasesAsync()).Single(a => a.Alias == "candidate").Version);
        var last = (await registry.GetHistoryAsync(1))[0];
        Assert.Equal((RegistryEventKinds.AliasMoved, "v1", "v2", "bob", "better on the new jobs"), (last.Kind, last.Version, last.PreviousVersion, last.Actor, last.Reason));
        await Assert.ThrowsAsync<ModelRegistryConflictException>(() => registry.RollbackAsync(new RollbackTarget(Alias: "candidate", Steps: 9), Bob));
    }

    [Fact]
    public async Task Champion_FollowsProductionThroughPromotionAliasAndRollback()
    {
        // Two silos: the registry's answers (aliases, events) cross the wire when the coordinator lives on the other one.
        await using var cluster = await TrainingTestCluster.StartAsync(2);
        var registry = await StartWithVersionsAsync(cluster, "v1", "v2", "v3");
        var coordinator = TrainingTestCluster.Coordinator(cluster);

        await registry.PromoteAsync("v1", Alice);
        await registry.PromoteAsync("v2", Bob);
        Assert.Equal("v2", (await registry.GetAliasesAsync()).Single(a => a.Alias == ModelAliases.Champion).Version);

        // Setting the champion alias promotes; rolling it back one step goes to the holder before.
        await registry.SetAliasAsync(ModelAliases.Champion, "v3", new RegistryChange("carol", "v3 wins the A/B test"));
        Assert.Equal("v3", await ModelRegistries.Of(cluster.GrainFactory, Baseline).GetProductionAsync());
        var back = await registry.RollbackAsync(new RollbackTarget(Alias: ModelAliases.Champion), new RegistryChange("dave", "v3 misbehaves"));

        Assert.Equal(("v2", "Production"), (back.Version, back.Stage));
        Assert.Equal("v2", await ModelRegistries.Of(cluster.GrainFactory, Baseline).GetProductionAsync());
        var champion = (await registry.GetAliasesAsync()).Single(a => a.Alias == ModelAliases.Champion);
        Assert.Equal(("v2", "dave", "v3 misbehaves"), (champion.Version, champion.SetBy, champion.Reason));
        var history = await registry.GetHistoryAsync(100);
        var rolledBack = history.Single(e => e.Kind == RegistryEventKinds.RolledBack);
        Assert.Equal(("v2", "v3", "Production", "dave"), (rolledBack.Version, rolledBack.PreviousVersion, rolledBack.Stage, rolledBack.Actor));
        Assert.Contains(history, e => e.Kind == RegistryEventKinds.StageChanged && e.Version == "v3" && e.Stage == "Archived" && e.Actor == "dave");
        Assert.Equal(["v1", "v2", "v3", "v2"], history.Where(e => e.Alias == ModelAliases.Champion).Select(e => e.Version!));
        await Assert.ThrowsAsync<ModelRegistryConflictException>(() => registry.DeleteAliasAsync(ModelAliases.Champion, Alice));
    }

    [Fact]
    public async Task RollbackAsync_ToVersion_OnlyToAFormerProductionVersion()
    {
        await using var cluster = await TrainingTestCluster.StartAsync(1);
        var registry = await StartWithVersionsAsync(cluster, "v1", "v2", "v3", "never");
        await registry.PromoteAsync("v1", Alice);
        await registry.PromoteAsync("v2", Alice);
        await registry.PromoteAsync("v3", Alice);

        var back = await registry.RollbackAsync(new RollbackTarget(ToVersion: "v1"), Bob);

        Assert.Equal(("v1", "Production"), (back.Version, back.Stage));
        await Assert.ThrowsAsync<ModelRegistryConflictException>(() => registry.RollbackAsync(new RollbackTarget(ToVersion: "never"), Bob));
        await Assert.ThrowsAsync<ModelRegistryConflictException>(() => registry.RollbackAsync(new RollbackTarget(ToVersion: "v1"), Bob));
        await Assert.ThrowsAsync<KeyNotFoundException>(() => registry.RollbackAsync(new RollbackTarget(ToVersion: "nope"), Bob));
        // A targeted rollback needs a reason; the plain one (the old route) does not, and still goes one production version back.
        await Assert.ThrowsAsync<ArgumentException>(() => registry.RollbackAsync(new RollbackTarget(ToVersion: "v2"), new RegistryChange("bob", null)));
        Assert.Equal("v1", await ModelRegistries.Of(cluster.GrainFactory, Baseline).GetProductionAsync());
    }

    [Theory]
    [InlineData("Challenger", "why")]
    [InlineData("production", "why")]
    [InlineData("has space", "why")]
    [InlineData("challenger", " ")]
    public async Task SetAliasAsync_BadNameOrNoReason_ThrowsAndRecordsNothing(string alias, string reason)
    {
        await using var cluster = await TrainingTestCluster.StartAsync(1);
        var registry = await StartWithVersionsAsync(cluster, "v1");

        await Assert.ThrowsAsync<ArgumentException>(() => registry.SetAliasAsync(alias, "v1", new RegistryChange("alice", reason)));

        Assert.Empty(await registry.GetAliasesAsync());
        Assert.All(await registry.GetHistoryAsync(100), e => Assert.Equal(RegistryEventKinds.Registered, e.Kind));
    }

    [Fact]
    public async Task DeleteAliasAsync_ExistingAlias_RemovesItAndRecordsTheDeletion()
    {
        await using var cluster = await TrainingTestCluster.StartAsync(1);
        var registry = await StartWithVersionsAsync(cluster, "v1");
        await registry.SetAliasAsync("shadow", "v1", Alice);

        var removed = await registry.DeleteAliasAsync("shadow", Bob);

        Assert.Equal("v1", removed.Version);
        Assert.Empty(await registry.GetAliasesAsync());
        var last = (await registry.GetHistoryAsync(1))[0];
        Assert.Equal((RegistryEventKinds.AliasDeleted, (string?)null, "v1", "shadow", "bob"), (last.Kind, last.Version, last.PreviousVersion, last.Alias, last.Actor));
        await Assert.ThrowsAsync<KeyNotFoundException>(() => registry.DeleteAliasAsync("shadow", Bob));
        await Assert.ThrowsAsync<KeyNotFoundException>(() => registry.SetAliasAsync("shadow", "v9", Bob));
    }
}
