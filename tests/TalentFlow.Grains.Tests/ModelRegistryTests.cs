using Microsoft.Extensions.DependencyInjection;
using TalentFlow.Contracts.Training;
using TalentFlow.Contracts.Training.Registry;
using TalentFlow.Grains.Matching;
using TalentFlow.Grains.Training;
using TalentFlow.Grains.Training.Registry;
using TalentFlow.ML.Matching;

namespace TalentFlow.Grains.Tests;

/// <summary>The registry's own operations: registration of outside models, promotion history, rollback, and their errors.</summary>
public sealed class ModelRegistryTests
{
    private const string Baseline = MatchingModels.BaselineModelName;

    private static async Task RegisterAsync(TestCluster cluster, ITrainingCoordinatorGrain coordinator, string version, params string[] corpus)
    {
        using var stream = new MemoryStream();
        BaselineMatcher.Fit(corpus).Save(stream);
        await cluster.GrainFactory.GetGrain<IModelArtifactGrain>(ModelArtifactGrain.Key(Baseline, version)).SaveAsync(stream.ToArray());
        await ModelRegistries.Of(cluster.GrainFactory, Baseline).RegisterAsync(version, null, TrainingTestCluster.Unnamed);
    }

    private static async Task<Dictionary<string, ModelVersionInfo>> VersionsAsync(TestCluster cluster) =>
        (await ModelRegistries.GetVersionsAsync(cluster.GrainFactory)).Where(v => v.Model == Baseline).ToDictionary(v => v.Version);

    [Fact]
    public async Task RollbackAsync_AfterTwoPromotions_ServesThePreviousVersionOnEverySilo()
    {
        await using var cluster = await TrainingTestCluster.StartAsync(2);
        var coordinator = TrainingTestCluster.Coordinator(cluster);
        await RegisterAsync(cluster, coordinator, "outside-1", "python developer", "nurse");
        await RegisterAsync(cluster, coordinator, "outside-2", "java engineer", "teacher");
        await ModelRegistries.Of(cluster.GrainFactory, Baseline).PromoteAsync("outside-1", TrainingTestCluster.Unnamed);
        await ModelRegistries.Of(cluster.GrainFactory, Baseline).PromoteAsync("outside-2", TrainingTestCluster.Unnamed);

        var now = await ModelRegistries.Of(cluster.GrainFactory, Baseline).RollbackAsync(new RollbackTarget(), TrainingTestCluster.Unnamed);

        Assert.Equal("outside-1", now.Version);
        var versions = await VersionsAsync(cluster);
        Assert.Equal("Production", versions["outside-1"].Stage);
        Assert.Equal("Archived", versions["outside-2"].Stage);
        Assert.Equal("outside-1", versions["outside-2"].Parent);
        Assert.NotNull(versions["outside-2"].PromotedAt);
        Assert.Equal("outside-1", await ModelRegistries.Of(cluster.GrainFactory, Baseline).GetProductionAsync());
        // The broadcast is awaited by the rollback, as by a promotion.
        Assert.All(cluster.Silos, s => Assert.Equal("outside-1", s.Host.Services.GetRequiredService<MatchingModels>().Current.Version));
    }

    [Fact]
    public async Task RollbackAsync_Twice_WalksBackThroughTheHistoryAndThenRefuses()
    {
        await using var cluster = await TrainingTestCluster.StartAsync(1);
        var coordinator = TrainingTestCluster.Coordinator(cluster);
        await RegisterAsync(cluster, coordinator, "v1", "python developer");
        await RegisterAsync(cluster, coordinator, "v2", "java engineer");
        await RegisterAsync(cluster, coordinator, "v3", "data scientist");
        await ModelRegistries.Of(cluster.GrainFactory, Baseline).PromoteAsync("v1", TrainingTestCluster.Unnamed);
        await ModelRegistries.Of(cluster.GrainFactory, Baseline).PromoteAsync("v2", TrainingTestCluster.Unnamed);
        await ModelRegistries.Of(cluster.GrainFactory, Baseline).PromoteAsync("v3", TrainingTestCluster.Unnamed);

        Assert.Equal("v2", (await ModelRegistries.Of(cluster.GrainFactory, Baseline).RollbackAsync(new RollbackTarget(), TrainingTestCluster.Unnamed)).Version);
        Assert.Equal("v1", (await ModelRegistries.Of(cluster.GrainFactory, Baseline).RollbackAsync(new RollbackTarget(), TrainingTestCluster.Unnamed)).Version);
        // v1 was the first production version: there is nothing before it, and the state is untouched by the refusal.
        await Assert.ThrowsAsync<ModelRegistryConflictException>(() => ModelRegistries.Of(cluster.GrainFactory, Baseline).RollbackAsync(new RollbackTarget(), TrainingTestCluster.Unnamed));
        Assert.Equal("v1", await ModelRegistries.Of(cluster.GrainFactory, Baseline).GetProductionAsync());

        // A rollback is not a new entry in the history: promoting v3 again and rolling back returns to v1, not to v2.
        await ModelRegistries.Of(cluster.GrainFactory, Baseline).PromoteAsync("v3", TrainingTestCluster.Unnamed);
        Assert.Equal("v1", (await ModelRegistries.Of(cluster.GrainFactory, Baseline).RollbackAsync(new RollbackTarget(), TrainingTestCluster.Unnamed)).Version);
    }

    [Fact]
    public async Task RollbackAsync_NoProductionVersion_ThrowsKeyNotFound()
    {
        await using var cluster = await TrainingTestCluster.StartAsync(1);
        var coordinator = TrainingTestCluster.Coordinator(cluster);

        await Assert.ThrowsAsync<KeyNotFoundException>(() => ModelRegistries.Of(cluster.GrainFactory, Baseline).RollbackAsync(new RollbackTarget(), TrainingTestCluster.Unnamed));
    }

    [Fact]
    public async Task RegisterAsync_SameVersionTwice_ThrowsConflictAndKeepsOneEntry()
    {
        await using var cluster = await TrainingTestCluster.StartAsync(1);
        var coordinator = TrainingTestCluster.Coordinator(cluster);
        await RegisterAsync(cluster, coordinator, "dup", "python developer");

        await Assert.ThrowsAsync<ModelRegistryConflictException>(() => ModelRegistries.Of(cluster.GrainFactory, Baseline).RegisterAsync("dup", null, TrainingTestCluster.Unnamed));

        Assert.Single(await ModelRegistries.GetVersionsAsync(cluster.GrainFactory), v => v.Version == "dup");
    }

    [Fact]
    public void Validate_NotABaselineArtifact_ThrowsArgumentException()
    {
        var ex = Assert.Throws<ArgumentException>(() => ModelArtifacts.Validate(Baseline, "v", "{\"format\":\"something-else\"}"u8.ToArray()));

        Assert.Contains("not a valid baseline_tfidf model", ex.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => ModelArtifacts.Validate("career_classifier", "v", [1, 2, 3]));
        Assert.Throws<ArgumentException>(() => ModelArtifacts.Validate(Baseline, "v", []));
    }
}
