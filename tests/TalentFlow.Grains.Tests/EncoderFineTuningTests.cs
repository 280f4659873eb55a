using System.Buffers.Binary;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using TalentFlow.Contracts.Training;
using TalentFlow.Contracts.Training.Registry;
using TalentFlow.Grains;
using TalentFlow.Grains.Candidates;
using TalentFlow.Grains.Jobs;
using TalentFlow.Grains.Matching;
using TalentFlow.Grains.Samples;
using TalentFlow.Grains.Training;
using TalentFlow.Grains.Training.ModelKinds;
using TalentFlow.Grains.Training.Registry;
using TalentFlow.ML.Matching;
using TalentFlow.ML.Onnx;
using TalentFlow.ML.Onnx.FineTuning;
using TalentFlow.ML.Semantic;

namespace TalentFlow.Grains.Tests;

/// <summary>
/// The learning loop on silos serving all-MiniLM-L6-v2 (the default, not the tests' usual LSA): training <c>semantic_encoder</c>
/// fine-tunes MiniLM's top layer on the reviewers' verdicts and registers a delta; promotion serves it and re-embeds on every
/// silo; rollback returns to the base model, which is itself a registered version.
/// </summary>
public sealed class EncoderFineTuningTests
{
    private const string Model = MatchingModels.EncoderModelName;
    private static readonly string BaseVersion = $"{MiniLmModel.Name}:{MiniLmModel.ModelSha256[..16]}";

    private static async Task<TestCluster> StartMiniLmClusterAsync(int silos, string quantization = "none")
    {
        var options = GrainsClusterFixture.CreateOptions(silos);
        options.ConfigureSilo = o => o.Roles = ["trainer"];
        options.ConfigureSiloBuilder = silo =>
        {
            silo.AddTalentFlowGrains(o => o.Encoder = "minilm");
            silo.Services.Configure<TrainingOptions>(o => o.AutoTrigger = false);
            silo.Services.Configure<OnnxRuntimeOptions>(o => o.Quantization = quantization);
            // A smaller run than the defaults (3 epochs of 128 tokens), so the test takes seconds; the path is the same.
            silo.Services.Configure<EncoderTrainingOptions>(o =>
            {
                o.Epochs = 2;
                o.BatchSize = 8;
                o.MaxSequenceLength = 64;
                o.Threads = 1;
            });
        };
        return await TestCluster.StartAsync(options);
    }

    private static async Task<TrainingJobInfo> TrainAsync(ITrainingCoordinatorGrain coordinator)
    {
        var started = await coordinator.TriggerAsync(Model, force: true);
        Assert.True(started.Success, started.Message);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        while (true)
        {
            var job = await coordinator.GetJobAsync(started.JobId!);
            if (job is { IsFinished: true }) return job;
            await Task.Delay(200, timeout.Token);
        }
    }

    private static async Task AssertEverySiloServesAndHasReEmbeddedAsync(TestCluster cluster, string version)
    {
        foreach (var silo in cluster.Silos)
        {
            var models = silo.Host.Services.GetRequiredService<MatchingModels>();
            Assert.Equal(version, models.Encoder!.Version);
            await silo.Host.Services.GetRequiredService<EncoderMigration>().Running;
        }
        for (int shard = 0; shard < new MatchingOptions().CandidateShards; shard++)
        {
            Assert.Empty(await cluster.GrainFactory.GetGrain<ICandidateShardGrain>(CandidateShards.Key(shard)).PendingAsync(version, 100));
        }
    }

    [Fact]
    public async Task Train_MiniLmSilos_RegistersATunedDeltaThatEverySiloServesAndReEmbedsAndRollbackReturnsToTheBase()
    {
        await using var cluster = await StartMiniLmClusterAsync(2);
        await TrainingTestCluster.LabelAsync(cluster, 20);
        var coordinator = TrainingTestCluster.Coordinator(cluster);
        var firstJob = cluster.GrainFactory.GetGrain<IJobGrain>(SampleCorpus.Jobs()[0].Id);

        var job = await TrainAsync(coordinator);

        Assert.True(job.Status == "succeeded", job.Message);
        Assert.StartsWith($"{MiniLmModel.Name}-ft:", job.Version, StringComparison.Ordinal);
        Assert.InRange(job.Metrics["roc_auc"], 0, 1);
        Assert.InRange(job.Metrics["artifact_bytes"], 1_000_000, 8_000_000); // the top layer's tensors, not the 87 MB model
        var registry = ModelRegistries.Of(cluster.GrainFactory, Model);
        var versions = (await registry.GetVersionsAsync()).ToDictionary(v => v.Version);
        // The base model was registered first and made production, so the tuned version has a rollback target.
        Assert.Equal("Production", versions[BaseVersion].Stage);
        Assert.Equal(job.Version, versions[job.Version!].Version);
        Assert.Equal(MiniLmModel.ModelSha256, versions[job.Version!].Parameters!["base_sha256"]);

        // Promotion (by the gate, or by hand as here when the few verdicts did not clear it) fans the delta out.
        if (versions[job.Version!].Stage != "Production") await registry.PromoteAsync(job.Version!, TrainingTestCluster.Unnamed);
        await AssertEverySiloServesAndHasReEmbeddedAsync(cluster, job.Version!);
        foreach (var silo in cluster.Silos)
        {
            var served = Assert.IsType<OnnxSentenceEncoder>(silo.Host.Services.GetRequiredService<MatchingModels>().Encoder!.Encoder);
            Assert.Equal(versions[job.Version!].Parameters!["model_sha256"], served.ModelSha256);
        }
        var tunedMatch = await firstJob.ScoreCandidateAsync(SampleCorpus.Candidates(20, seed: 11)[0].Id);
        Assert.Equal(job.Version, tunedMatch.ModelVersions[Model]);
        Assert.Equal(20, (await firstJob.RankCandidatesAsync(100)).Count);

        var back = await registry.RollbackAsync(new RollbackTarget(), TrainingTestCluster.Unnamed);

        Assert.Equal(BaseVersion, back.Version);
        await AssertEverySiloServesAndHasReEmbeddedAsync(cluster, BaseVersion);
        Assert.Equal(BaseVersion, (await firstJob.ScoreCandidateAsync(SampleCorpus.Candidates(20, seed: 11)[0].Id)).ModelVersions[Model]);
    }

    [Fact]
    public async Task Publish_DeltaOfAnotherBaseOrOnTheLsaFallback_IsRefusedAndTheSiloKeepsItsEncoder()
    {
        await using var cluster = await StartMiniLmClusterAsync(1);
        await TrainingTestCluster.LabelAsync(cluster, 10);
        var coordinator = TrainingTestCluster.Coordinator(cluster);
        var job = await TrainAsync(coordinator);
        Assert.True(job.Status == "succeeded", job.Message);
        var artifact = (await cluster.GrainFactory.GetGrain<IModelArtifactGrain>(ModelArtifactGrain.Key(Model, job.Version!)).GetAsync())!;
        var kind = ModelKindRegistry.Get(Model);
        var services = cluster.Silos[0].Host.Services;
        string serving = services.GetRequiredService<MatchingModels>().Encoder!.Version;

        // The same delta, as if tuned from a model whose SHA-256 differs from this silo's all-MiniLM-L6-v2.
        var otherBase = kind.Load(job.Version!, WithBaseSha256(artifact, new string('a', 64)));
        var refused = Assert.Throws<OnnxModelException>(() => kind.Publish(services, otherBase));
        // A silo on the LSA fallback has no MiniLM to apply it to.
        using var lsa = new ServiceCollection().AddSingleton(new MatchingModels(new BaselineModel("b", BaselineMatcher.Fit(SampleCorpus.Texts())),
            new SemanticModel(EmbeddedEncoder.Fit(SampleCorpus.Texts(), EmbeddedEncoder.DefaultKind, seed: 0, dimensions: 16)))).BuildServiceProvider();
        var onLsa = Assert.Throws<InvalidOperationException>(() => kind.Publish(lsa, kind.Load(job.Version!, artifact)));

        Assert.Equal(OnnxModelErrorKind.BaseModelMismatch, refused.Kind);
        Assert.Contains(new string('a', 64), refused.Message, StringComparison.Ordinal);
        Assert.Contains(MiniLmModel.ModelSha256, refused.Message, StringComparison.Ordinal);
        Assert.Equal(serving, services.GetRequiredService<MatchingModels>().Encoder!.Version);
        Assert.Contains("Matching:Encoder=minilm", onLsa.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => kind.Load("another-version", artifact));
    }

    [Fact]
    public async Task Train_ShuffledVerdicts_IsNotPromoted()
    {
        await using var cluster = await StartMiniLmClusterAsync(1);
        await TrainingTestCluster.LabelAsync(cluster, 20, new Random(7));
        var coordinator = TrainingTestCluster.Coordinator(cluster);

        var job = await TrainAsync(coordinator);

        Assert.True(job.Status == "succeeded", job.Message);
        var registry = ModelRegistries.Of(cluster.GrainFactory, Model);
        var version = Assert.Single(await registry.GetVersionsAsync(), v => v.Version == job.Version);
        Assert.NotEqual("Production", version.Stage);
        Assert.Equal(BaseVersion, await registry.GetProductionAsync());
        Assert.Equal(BaseVersion, cluster.Silos[0].Host.Services.GetRequiredService<MatchingModels>().Encoder!.Version);
    }

    [Fact]
    public async Task Train_Int8Silo_ServesInt8OfTheTunedGraphUnderAVersionOfItsOwnCheckedAgainstTheFloat32Base()
    {
        await using var cluster = await StartMiniLmClusterAsync(1, quantization: "int8");
        await TrainingTestCluster.LabelAsync(cluster, 20);
        var coordinator = TrainingTestCluster.Coordinator(cluster);
        var models = cluster.Silos[0].Host.Services.GetRequiredService<MatchingModels>();
        string int8Base = BaseVersion + ":int8";
        Assert.Equal(int8Base, models.Encoder!.Version);

        var job = await TrainAsync(coordinator);

        Assert.True(job.Status == "succeeded", job.Message);
        // Its own version: the tuned model's id plus the silo's int8, so neither the int8 base's nor the float32 tuned one's.
        Assert.StartsWith($"{MiniLmModel.Name}-ft:", job.Version, StringComparison.Ordinal);
        Assert.EndsWith(":int8", job.Version, StringComparison.Ordinal);
        var registry = ModelRegistries.Of(cluster.GrainFactory, Model);
        var version = Assert.Single(await registry.GetVersionsAsync(), v => v.Version == job.Version);
        // The delta stays relative to the float32 file on disk, the one every silo checks before applying it.
        Assert.Equal(MiniLmModel.ModelSha256, version.Parameters!["base_sha256"]);
        var artifact = (await cluster.GrainFactory.GetGrain<IModelArtifactGrain>(ModelArtifactGrain.Key(Model, job.Version!)).GetAsync())!;
        var delta = EncoderDelta.Read(artifact);
        Assert.Equal(MiniLmModel.ModelSha256, delta.BaseSha256);
        Assert.Equal(delta.ModelVersion + ":int8", job.Version);

        if (version.Stage != "Production") await registry.PromoteAsync(job.Version!, TrainingTestCluster.Unnamed);
        await AssertEverySiloServesAndHasReEmbeddedAsync(cluster, job.Version!);
        var served = Assert.IsType<OnnxSentenceEncoder>(models.Encoder!.Encoder);
        Assert.Equal(OnnxQuantization.Int8, served.Quantization);
        Assert.Equal(delta.ModelSha256, served.ModelSha256);
        var baseEncoder = (OnnxSentenceEncoder)models.BaseEncoder!.Encoder;
        // The same delta where float32 is served: the float32 tuned model, for comparison.
        using var float32Base = MiniLmModel.Load(new MiniLmOptions { IntraOpThreads = 1 });
        using var float32Tuned = delta.ServedBy(float32Base).Apply(float32Base);
        string text = SampleCorpus.Jobs()[0].Posting.Description;
        var int8Tuned = (await served.EmbedAsync([text]))[0];
        var float32 = (await float32Tuned.EmbedAsync([text]))[0];
        var int8Untuned = (await baseEncoder.EmbedAsync([text]))[0];
        Assert.InRange(System.Numerics.Tensors.TensorPrimitives.CosineSimilarity(int8Tuned, float32), 0.99f, 0.99999f);
        Assert.NotEqual(float32Tuned.VersionId, served.VersionId);
        Assert.NotEqual(int8Untuned, int8Tuned);

        var back = await registry.RollbackAsync(new RollbackTarget(), TrainingTestCluster.Unnamed);

        Assert.Equal(int8Base, back.Version);
        await AssertEverySiloServesAndHasReEmbeddedAsync(cluster, int8Base);
    }

    [Fact]
    public async Task Train_TwiceInARow_TheSecondRunStartsFromProductionsTunedWeightsAndRollbackWalksBack()
    {
        await using var cluster = await StartMiniLmClusterAsync(1);
        await TrainingTestCluster.LabelAsync(cluster, 20);
        var coordinator = TrainingTestCluster.Coordinator(cluster);
        var registry = ModelRegistries.Of(cluster.GrainFactory, Model);
        var first = await TrainAsync(coordinator);
        Assert.True(first.Status == "succeeded", first.Message);
        if (await registry.GetProductionAsync() != first.Version) await registry.PromoteAsync(first.Version!, TrainingTestCluster.Unnamed);
        await AssertEverySiloServesAndHasReEmbeddedAsync(cluster, first.Version!);

        var second = await TrainAsync(coordinator);

        Assert.True(second.Status == "succeeded", second.Message);
        Assert.NotEqual(first.Version, second.Version);
        // Same verdicts, same held-out split: the second run's starting point scores exactly what the first run ended with.
        Assert.Equal(first.Metrics["fine_tune_auc_after"], second.Metrics["fine_tune_auc_before"], 9);
        Assert.Equal(first.Metrics["fine_tune_spearman_after"], second.Metrics["fine_tune_spearman_before"], 9);
        var artifact = (await cluster.GrainFactory.GetGrain<IModelArtifactGrain>(ModelArtifactGrain.Key(Model, second.Version!)).GetAsync())!;
        var delta = EncoderDelta.Read(artifact);
        Assert.Equal(first.Version, delta.Metadata[FineTunedModel.StartedFromKey]);
        Assert.Equal(MiniLmModel.ModelSha256, delta.BaseSha256); // still a delta of the float32 base, applicable alone
        var versions = (await registry.GetVersionsAsync()).ToDictionary(v => v.Version);
        Assert.Equal(first.Version, versions[second.Version!].Parent); // the gate compared it with production

        if (versions[second.Version!].Stage != "Production") await registry.PromoteAsync(second.Version!, TrainingTestCluster.Unnamed);
        await AssertEverySiloServesAndHasReEmbeddedAsync(cluster, second.Version!);
        var back = await registry.RollbackAsync(new RollbackTarget(), TrainingTestCluster.Unnamed);
        Assert.Equal(first.Version, back.Version);
        await AssertEverySiloServesAndHasReEmbeddedAsync(cluster, first.Version!);
        var toBase = await registry.RollbackAsync(new RollbackTarget(BaseVersion),
            new RegistryChange(RegistryChange.UnnamedActor, "Back to the untuned base after the two tuned versions."));
        Assert.Equal(BaseVersion, toBase.Version);
        await AssertEverySiloServesAndHasReEmbeddedAsync(cluster, BaseVersion);
    }

    /// <summary>The artifact with its header's base SHA-256 replaced (layout: 8-byte magic, format, header length, JSON header, tensors).</summary>
    private static byte[] WithBaseSha256(byte[] artifact, string sha)
    {
        int length = BinaryPrimitives.ReadInt32LittleEndian(artifact.AsSpan(12));
        var header = JsonNode.Parse(artifact.AsSpan(16, length))!;
        header["baseSha256"] = sha;
        var json = JsonSerializer.SerializeToUtf8Bytes(header);
        var result = new byte[16 + json.Length + artifact.Length - 16 - length];
        artifact.AsSpan(0, 12).CopyTo(result);
        BinaryPrimitives.WriteInt32LittleEndian(result.AsSpan(12), json.Length);
        json.CopyTo(result, 16);
        artifact.AsSpan(16 + length).CopyTo(result.AsSpan(16 + json.Length));
        return result;
    }
}
