using Microsoft.Extensions.DependencyInjection;
using TalentFlow.Grains.Matching;
using TalentFlow.Grains.Training;
using TalentFlow.Grains.Training.Registry;
using TalentFlow.ML.Matching;

namespace TalentFlow.Grains.Tests;

/// <summary>A new version is promoted only when a paired bootstrap interval of its held-out AUC gain excludes 0.</summary>
public sealed class PromotionGateTests(Xunit.Abstractions.ITestOutputHelper output)
{
    /// <summary>
    /// A baseline fitted on words no resume or posting uses: every pair scores 0, chance. Registered and promoted by hand, as a
    /// model made outside the loop would be.
    /// </summary>
    private static async Task PromoteChanceBaselineAsync(TestCluster cluster, ITrainingCoordinatorGrain coordinator)
    {
        var chance = BaselineMatcher.Fit(["lorem ipsum", "dolor sit amet"]);
        using var stream = new MemoryStream();
        chance.Save(stream);
        await cluster.GrainFactory.GetGrain<IModelArtifactGrain>(ModelArtifactGrain.Key(MatchingModels.BaselineModelName, "baseline-chance")).SaveAsync(stream.ToArray());
        await ModelRegistries.Of(cluster.GrainFactory, MatchingModels.BaselineModelName).RegisterAsync("baseline-chance", null, TrainingTestCluster.Unnamed);
        await ModelRegistries.Of(cluster.GrainFactory, MatchingModels.BaselineModelName).PromoteAsync("baseline-chance", TrainingTestCluster.Unnamed);
    }

    [Fact]
    public async Task Report_ClearlyBetterThanProduction_IsPromotedAutomaticallyAndServedEverywhere()
    {
        await using var cluster = await TrainingTestCluster.StartAsync(2);
        await TrainingTestCluster.LabelAsync(cluster, 40);
        var coordinator = TrainingTestCluster.Coordinator(cluster);
        await PromoteChanceBaselineAsync(cluster, coordinator);

        var job = await TrainingTestCluster.TrainAsync(coordinator, MatchingModels.BaselineModelName);
        output.WriteLine(job.Message);

        Assert.True(job.Status == "succeeded", job.Message);
        Assert.True(job.Metrics["auc_difference_lower"] > 0, job.Message);
        Assert.InRange(job.Metrics["auc_difference"], job.Metrics["auc_difference_lower"], job.Metrics["auc_difference_upper"]);
        Assert.Equal(job.Metrics["roc_auc"] - job.Metrics["production_roc_auc"], job.Metrics["auc_difference"], 12);
        var stages = (await ModelRegistries.GetVersionsAsync(cluster.GrainFactory)).ToDictionary(v => v.Version, v => v.Stage);
        Assert.Equal("Production", stages[job.Version!]);
        Assert.Equal("Archived", stages["baseline-chance"]);
        Assert.Equal(job.Version, await ModelRegistries.Of(cluster.GrainFactory, MatchingModels.BaselineModelName).GetProductionAsync());
        Assert.All(cluster.Silos, s => Assert.Equal(job.Version, s.Host.Services.GetRequiredService<MatchingModels>().Current.Version));
        Assert.Contains("Promoted to Production", job.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Report_SameDataAsProduction_StaysInStaging()
    {
        await using var cluster = await TrainingTestCluster.StartAsync(2, o => o.RequireSignificantGain = false);
        await TrainingTestCluster.LabelAsync(cluster, 24);
        var coordinator = TrainingTestCluster.Coordinator(cluster);
        var first = await TrainingTestCluster.TrainAsync(coordinator, MatchingModels.BaselineModelName);
        await ModelRegistries.Of(cluster.GrainFactory, MatchingModels.BaselineModelName).PromoteAsync(first.Version!, TrainingTestCluster.Unnamed);

        // The same verdicts fit the same model: no gain, not even a positive one.
        var second = await TrainingTestCluster.TrainAsync(coordinator, MatchingModels.BaselineModelName);
        output.WriteLine(second.Message);

        Assert.True(second.Status == "succeeded", second.Message);
        Assert.Equal(0, second.Metrics["auc_difference"], 12);
        Assert.Equal(0, second.Metrics["auc_difference_lower"], 12);
        Assert.Equal(0, second.Metrics["auc_difference_upper"], 12);
        var versions = await ModelRegistries.GetVersionsAsync(cluster.GrainFactory);
        Assert.Equal("Staging", versions.Single(v => v.Version == second.Version).Stage);
        Assert.Equal(first.Version, await ModelRegistries.Of(cluster.GrainFactory, MatchingModels.BaselineModelName).GetProductionAsync());
        Assert.Contains("Kept in Staging", second.Message, StringComparison.Ordinal);
        // The registry records how each was trained and on what: the same verdicts give the same data fingerprint.
        var a = versions.Single(v => v.Version == first.Version);
        var b = versions.Single(v => v.Version == second.Version);
        Assert.Matches("^[0-9a-f]{16}$", a.DataFingerprint!);
        Assert.Equal(a.DataFingerprint, b.DataFingerprint);
        Assert.Equal(first.Version, b.Parent);
        Assert.StartsWith("per-section TF-IDF", b.Parameters!["algorithm"], StringComparison.Ordinal);
    }
}
