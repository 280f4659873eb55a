using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Runtime;
using Orleans.Storage;
using TalentFlow.Contracts.Training;
using TalentFlow.Contracts.Training.Registry;
using TalentFlow.Grains.Matching;
using TalentFlow.Grains.Samples;
using TalentFlow.Grains.Training;
using TalentFlow.Grains.Training.Registry;
using TalentFlow.Hosting.Records;
using TalentFlow.ML.Matching;
using TalentFlow.ML.Screening;
using TalentFlow.TestKit;

namespace TalentFlow.Grains.Tests;

/// <summary>
/// The registry as a grain per model kind: kinds do not see each other's versions, aliases or events; the screening kind's
/// built-in version is always there to roll back to; and the registry an earlier coordinator kept in its state moves over once.
/// </summary>
public sealed class ModelRegistryGrainTests
{
    private const string Baseline = MatchingModels.BaselineModelName;
    private const string ConvFm = TalentFlow.Grains.Recommendations.RecommendationModels.ConvFmModelName;
    private static readonly RegistryChange Alice = new("alice", "try it");

    private static async Task SaveBaselineAsync(TestCluster cluster, string version)
    {
        using var stream = new MemoryStream();
        BaselineMatcher.Fit(["python developer " + version, "nurse " + version]).Save(stream);
        await cluster.GrainFactory.GetGrain<IModelArtifactGrain>(ModelArtifactGrain.Key(Baseline, version)).SaveAsync(stream.ToArray());
    }

    [Fact]
    public async Task RegisterAsync_TwoKinds_EachRegistryHoldsOnlyItsOwnVersionsAliasesAndHistory()
    {
        await using var cluster = await TrainingTestCluster.StartAsync(1);
        var baseline = ModelRegistries.Of(cluster.GrainFactory, Baseline);
        var convFm = ModelRegistries.Of(cluster.GrainFactory, ConvFm);
        await SaveBaselineAsync(cluster, "b1");
        await baseline.RegisterAsync("b1", null, Alice);
        await TestArtifacts.RegisterAsync(cluster, ConvFm, "fm1", TestArtifacts.ConvFm(11));
        await baseline.SetAliasAsync("candidate", "b1", Alice);

        Assert.Equal(["b1"], (await baseline.GetVersionsAsync()).Select(v => v.Version));
        Assert.Equal(["fm1"], (await convFm.GetVersionsAsync()).Select(v => v.Version));
        Assert.All(await convFm.GetVersionsAsync(), v => Assert.Equal(ConvFm, v.Model));
        Assert.Equal("candidate", Assert.Single(await baseline.GetAliasesAsync()).Alias);
        Assert.Empty(await convFm.GetAliasesAsync());
        // Each kind numbers its own history from 1, and an alias of one kind cannot name another kind's version.
        Assert.Equal([1L, 2L], (await baseline.GetHistoryAsync(100)).Select(e => e.Sequence));
        Assert.Equal([1L], (await convFm.GetHistoryAsync(100)).Select(e => e.Sequence));
        await Assert.ThrowsAsync<KeyNotFoundException>(() => convFm.SetAliasAsync("candidate", "b1", Alice));
        await Assert.ThrowsAsync<KeyNotFoundException>(() => baseline.PromoteAsync("fm1", Alice));
        // The cross-kind queries see both, newest first.
        var events = await ModelRegistries.GetEventsAsync(cluster.GrainFactory, 100);
        Assert.Contains(events, e => e.Model == ConvFm && e.Version == "fm1");
        Assert.Equal(events.OrderByDescending(e => e.At).Select(e => e.At), events.Select(e => e.At));
        var all = await ModelRegistries.GetVersionsAsync(cluster.GrainFactory);
        Assert.Contains(all, v => v.Model == Baseline && v.Version == "b1");
        Assert.Contains(all, v => v.Model == ConvFm && v.Version == "fm1");
    }

    [Fact]
    public async Task RollbackAsync_ScreeningModelAfterAPromotion_TheBuiltInIsAlwaysThereToGoBackTo()
    {
        await using var cluster = await TrainingTestCluster.StartAsync(2);
        var registry = ModelRegistries.Of(cluster.GrainFactory, ScreeningModels.ModelName);
        var builtIn = cluster.Silos[0].Host.Services.GetRequiredService<ScreeningModels>().BuiltIn;

        // Registered by the kind's own registry at its activation, with nobody having touched the coordinator.
        var first = Assert.Single(await registry.GetVersionsAsync());
        Assert.Equal((builtIn.Version, "Production"), (first.Version, first.Stage));
        Assert.Equal(ModelRegistryGrain.SystemActor, Assert.Single(await registry.GetAliasesAsync()).SetBy);
        string weak = await PromoteUninformedModelAsync(cluster);
        Assert.Equal(weak, await registry.GetProductionAsync());

        var back = await registry.RollbackAsync(new RollbackTarget(), Alice);

        Assert.Equal(builtIn.Version, back.Version);
        Assert.Equal(builtIn.Version, await registry.GetProductionAsync());
        Assert.All(cluster.Silos, s => Assert.Equal(builtIn.Version, s.Host.Services.GetRequiredService<ScreeningModels>().Current.Version));
        // Back at the first version: nothing earlier.
        await Assert.ThrowsAsync<ModelRegistryConflictException>(() => registry.RollbackAsync(new RollbackTarget(), Alice));
    }

    [Fact]
    public async Task OnActivateAsync_RegistryInTheCoordinatorsOldState_MovesToEachKindOnceAndSurvivesRestarts()
    {
        await using var cluster = await TrainingTestCluster.StartAsync(1);
        await MovesOldStateOnceAsync(cluster);
    }

    [Fact]
    public async Task OnActivateAsync_RegistryInTheCoordinatorsOldStateOnPostgres_MovesToEachKindOnceAndSurvivesRestarts()
    {
        var postgres = new PostgresServer();
        await postgres.InitializeAsync();
        try
        {
            await using var cluster = await TrainingTestCluster.StartAsync(1, connectionString: await postgres.CreateDatabaseAsync("registry"));
            await MovesOldStateOnceAsync(cluster);
        }
        finally
        {
            await postgres.DisposeAsync();
        }
    }

    /// <summary>Writes the registry as an earlier coordinator kept it, then lets silos of this version take over.</summary>
    private static async Task MovesOldStateOnceAsync(TestCluster cluster)
    {
        foreach (var version in new[] { "old-1", "old-2", "old-3" }) await SaveBaselineAsync(cluster, version);
        await cluster.GrainFactory.GetGrain<IModelArtifactGrain>(ModelArtifactGrain.Key(ConvFm, "fm-old")).SaveAsync(TestArtifacts.ConvFm(11));
        // Every registry is active (the silo's catch-up activates them too) before their storage is rewritten below.
        await ModelRegistries.GetVersionsAsync(cluster.GrainFactory);
        var services = cluster.Silos[0].Host.Services;
        var storage = services.GetRequiredKeyedService<IGrainStorage>("Default");
        var records = services.GetRequiredService<IGrainRecordStorage>();
        var json = services.GetRequiredService<IOptions<GrainRecordsOptions>>().Value.SerializerOptions;
        var coordinatorId = GrainId.Create("training-coordinator", ITrainingCoordinatorGrain.SingletonKey);

        // The state an earlier coordinator wrote: its registry in its own row, its events in its own records.
        var t0 = DateTimeOffset.Parse("2026-11-01T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture);
        var old = new GrainState<TrainingCoordinatorState>();
        await storage.ReadStateAsync("coordinator", coordinatorId, old);
        old.State ??= new TrainingCoordinatorState();
        var metrics = new Dictionary<string, double> { ["roc_auc"] = 0.7 };
        old.State.Versions =
        [
            new ModelVersionInfo(Baseline, "old-1", "Archived", metrics, t0, PromotedAt: t0.AddMinutes(1)),
            new ModelVersionInfo(ConvFm, "fm-old", "None", metrics, t0.AddMinutes(2)),
            new ModelVersionInfo(Baseline, "old-2", "Production", metrics, t0.AddMinutes(3), Parent: "old-1", PromotedAt: t0.AddMinutes(4)),
            new ModelVersionInfo(Baseline, "old-3", "Staging", metrics, t0.AddMinutes(5), Parent: "old-2"),
        ];
        old.State.ProductionHistory[Baseline] = ["old-1", "old-2"];
        old.State.Aliases[Baseline] = new() { ["candidate"] = new ModelAlias(Baseline, "candidate", "old-3", t0.AddMinutes(6), "bob", "looks good") };
        old.State.AbTest = new ModelAbTest(Baseline, "old-3", 0.2, "old-2", t0.AddMinutes(7));
        RegistryEvent Event(long sequence, string model, string kind, string version, string? stage, string? alias = null) =>
            new("e" + sequence, sequence, model, kind, version, null, alias, stage, "bob", null, t0.AddMinutes(sequence));
        var committed = new[]
        {
            Event(1, Baseline, RegistryEventKinds.Registered, "old-1", "None"),
            Event(2, ConvFm, RegistryEventKinds.Registered, "fm-old", "None"),
            Event(3, Baseline, RegistryEventKinds.Promoted, "old-1", "Production"),
            Event(4, Baseline, RegistryEventKinds.Registered, "old-2", "Staging"),
            Event(5, Baseline, RegistryEventKinds.Promoted, "old-2", "Production"),
        };
        foreach (var e in committed)
        {
            await records.WriteAsync(coordinatorId, "registry-events", e.Sequence.ToString("D12", System.Globalization.CultureInfo.InvariantCulture),
                JsonSerializer.SerializeToUtf8Bytes(e, json), 0, default);
        }
        old.State.PendingEvents = [Event(6, Baseline, RegistryEventKinds.AliasMoved, "old-3", null, "candidate")];
        old.State.EventSequence = 6;
        await storage.WriteStateAsync("coordinator", coordinatorId, old);
        // ...and no registry grain has ever run.
        foreach (var kind in new[] { Baseline, ConvFm })
        {
            var fresh = new GrainState<ModelRegistryState>();
            var id = GrainId.Create("model-registry", kind);
            await storage.ReadStateAsync("registry", id, fresh);
            await storage.ClearStateAsync("registry", id, fresh);
        }

        // A silo of this version takes over: every grain activates again from storage.
        await SwapSilosAsync(cluster);
        var baseline = ModelRegistries.Of(cluster.GrainFactory, Baseline);
        var convFm = ModelRegistries.Of(cluster.GrainFactory, ConvFm);

        Assert.Equal(["old-1", "old-2", "old-3"], (await baseline.GetVersionsAsync()).Select(v => v.Version));
        Assert.Equal("old-2", await baseline.GetProductionAsync());
        Assert.Equal([("candidate", "old-3"), (ModelAliases.Champion, "old-2")], (await baseline.GetAliasesAsync()).Select(a => (a.Alias, a.Version)));
        var test = await baseline.GetAbTestAsync();
        Assert.Equal(("old-3", 0.2), (test?.ChallengerVersion, test?.Share));
        var history = await baseline.GetHistoryAsync(100);
        Assert.Equal(["e1", "e3", "e4", "e5", "e6"], history.Select(e => e.Id));
        Assert.Equal([1L, 2L, 3L, 4L, 5L], history.Select(e => e.Sequence));
        Assert.Equal(["fm-old"], (await convFm.GetVersionsAsync()).Select(v => v.Version));
        Assert.Equal(["e2"], (await convFm.GetHistoryAsync(100)).Select(e => e.Id));

        // The coordinator forgets its copy once every kind took its part over (read through a silo that still runs).
        storage = cluster.Silos[0].Host.Services.GetRequiredKeyedService<IGrainStorage>("Default");
        records = cluster.Silos[0].Host.Services.GetRequiredService<IGrainRecordStorage>();
        await WaitUntilAsync(async () =>
        {
            var now = new GrainState<TrainingCoordinatorState>();
            await storage.ReadStateAsync("coordinator", coordinatorId, now);
            var rows = await records.ReadAllAsync(coordinatorId, "registry-events", default);
            return now.State is { Versions.Count: 0, ProductionHistory.Count: 0, Aliases.Count: 0, AbTest: null, PendingEvents.Count: 0 } && rows.All(r => r.Data is null);
        });

        // Once: activated again, nothing is taken over twice; and the moved history still drives a rollback.
        await SwapSilosAsync(cluster);
        Assert.Equal(3, (await baseline.GetVersionsAsync()).Count);
        Assert.Equal(5, (await baseline.GetHistoryAsync(100)).Count);
        Assert.Equal("old-1", (await baseline.RollbackAsync(new RollbackTarget(), Alice)).Version);
        // New events continue the moved history's numbering.
        var rolledBack = (await baseline.GetHistoryAsync(100)).Single(e => e.Kind == RegistryEventKinds.RolledBack);
        Assert.Equal(("old-1", 7L), (rolledBack.Version, rolledBack.Sequence));
    }

    /// <summary>A new silo joins and the old ones leave, so every grain's next call activates it from storage.</summary>
    private static async Task SwapSilosAsync(TestCluster cluster)
    {
        var old = cluster.Silos.ToList();
        await cluster.StartSiloAsync(o => o.Roles = ["trainer"]);
        foreach (var silo in old) await cluster.StopSiloAsync(silo);
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> done)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (!await done()) await Task.Delay(50, timeout.Token);
    }

    /// <summary>Trains a screening model on shuffled labels and promotes it (as <c>ScreeningTrainingTests</c> does).</summary>
    private static async Task<string> PromoteUninformedModelAsync(TestCluster cluster)
    {
        var builtIn = (ScreeningModelScorer)cluster.Silos[0].Host.Services.GetRequiredService<ScreeningModels>().BuiltIn;
        var features = builtIn.Features;
        var random = new Random(5);
        var examples = new List<ScreeningExample>();
        foreach (var person in SampleCorpus.Candidates(30, seed: 99))
        {
            var resume = await features.PrepareResumeAsync(person.Resume.Text);
            foreach (var job in SampleCorpus.Jobs().Take(2))
            {
                var side = await features.PrepareJobAsync(new ScreeningJob(job.Posting.Title, job.Posting.Description));
                examples.Add(new ScreeningExample(job.Id, person.Id, features.Combine(side, resume), random.Next(2) == 1));
            }
        }
        var weak = new ScreeningModelTrainer(new ScreeningModelTrainer.Options { PerJobOffsets = false }).Train(features, examples).Model;
        await cluster.GrainFactory.GetGrain<IModelArtifactGrain>(ModelArtifactGrain.Key(ScreeningModels.ModelName, weak.Version)).SaveAsync(weak.ToJsonBytes());
        var registry = ModelRegistries.Of(cluster.GrainFactory, ScreeningModels.ModelName);
        await registry.RegisterAsync(weak.Version, weak.Metrics, Alice);
        await registry.PromoteAsync(weak.Version, Alice);
        return weak.Version;
    }
}
