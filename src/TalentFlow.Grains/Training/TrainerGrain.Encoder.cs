using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans;
using TalentFlow.Contracts.Training;
using TalentFlow.Contracts.Training.Registry;
using TalentFlow.Grains.Matching;
using TalentFlow.ML.Onnx;
using TalentFlow.ML.Onnx.FineTuning;

namespace TalentFlow.Grains.Training;

/// <summary>
/// Training <c>semantic_encoder</c> on a silo that serves all-MiniLM-L6-v2 (<see cref="EncoderFineTuning"/>): the top layer is
/// fine-tuned on the training verdicts, the tuned encoder's held-out cosine ROC-AUC goes through the same paired-bootstrap gate
/// against production's encoder, and the version is stored as an <see cref="EncoderDelta"/> (a few MB) that every silo applies
/// to its own base model when it is promoted. Before the first tuned version is reported, the base model itself is registered
/// (and made production when the kind has none), so promoting a tuned version always leaves a rollback target. Silos on the
/// LSA fallback keep training the embedded encoder.
/// </summary>
public abstract partial class TrainerGrainBase
{
    private async Task<TrainingOutcome> TrainFineTunedEncoderAsync(ITrainingCoordinatorGrain coordinator, OnnxSentenceEncoder baseEncoder,
        List<(string Candidate, string Resume, string Job, bool Positive)> train, List<(string Candidate, string Resume, string Job, bool Positive)> test,
        List<LineageItem> lineage, string fingerprint)
    {
        string model = MatchingModels.EncoderModelName;
        string? node = cluster.LocalAddress;
        var settings = ServiceProvider.GetService<IOptions<EncoderTrainingOptions>>()?.Value ?? new EncoderTrainingOptions();
        var logger = ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger<EncoderFineTuning>();
        var tuner = ServiceProvider.GetService<IEncoderFineTuner>() ?? new MiniLmTopFineTuner(logger);
        var production = models.Encoder ?? new SemanticModel(baseEncoder);
        await CheckpointAsync(coordinator, 0.4,
            $"Fine-tuning the top {settings.TrainLayers} layer(s) of {baseEncoder.Name} ({tuner.Name}) on {train.Count} verdicts ({test.Count} held out).").ConfigureAwait(true);
        EncoderFineTuningResult result;
        try
        {
            result = await new EncoderFineTuning(tuner, settings, logger).RunAsync(baseEncoder, production.Encoder,
                [.. train.Select(s => new VerdictPair(s.Candidate, s.Resume, s.Job, s.Positive))],
                [.. test.Select(s => new VerdictPair(s.Candidate, s.Resume, s.Job, s.Positive))], CancellationToken.None).ConfigureAwait(true);
        }
        catch (FineTuneException ex)
        {
            return Failed($"Cannot fine-tune {baseEncoder.Name} on {train.Count} verdicts: {ex.Message}", node);
        }

        await CheckpointAsync(coordinator, 0.6, $"Evaluated {result.Delta.ServedVersion} on {test.Count} held-out verdicts against production {production.Version}.").ConfigureAwait(true);
        bool[] labels = [.. test.Select(s => s.Positive)];
        var gate = await GateAsync(result.CandidateScores, result.ProductionScores, labels).ConfigureAwait(true);
        await EnsureBaseEncoderRegisteredAsync(baseEncoder).ConfigureAwait(true);
        string version = result.Delta.ServedVersion;
        byte[] artifact = result.Delta.ToArray();
        var (metrics, interval) = await StoreVersionAsync(coordinator, model, version, artifact, lineage, gate).ConfigureAwait(true);
        var tuning = result.Tuning;
        metrics["train_samples"] = train.Count;
        metrics["test_samples"] = test.Count;
        metrics["fine_tune_auc_before"] = tuning.Before.RocAuc;
        metrics["fine_tune_auc_after"] = tuning.After.RocAuc;
        metrics["fine_tune_spearman_before"] = tuning.Before.Spearman;
        metrics["fine_tune_spearman_after"] = tuning.After.Spearman;
        metrics["fine_tune_pairs_per_second"] = tuning.PairsPerSecond;
        metrics["fine_tune_steps"] = tuning.Steps;
        metrics["artifact_bytes"] = artifact.Length;
        var options = settings.ToFineTuneOptions(train.Count);
        var parameters = new Dictionary<string, string>
        {
            ["algorithm"] = $"fine-tuned top {options.TrainLayers} layer(s) of {baseEncoder.Name}, stored as a delta from the base model",
            ["trainer"] = tuner.Name,
            ["device"] = tuning.Device,
            ["base_model"] = baseEncoder.VersionId,
            ["base_sha256"] = result.Delta.BaseSha256,
            ["model_sha256"] = result.Delta.ModelSha256,
            ["loss"] = options.Loss == FineTuneLoss.CoSent ? "cosent" : "contrastive",
            ["train_layers"] = options.TrainLayers.ToString(CultureInfo.InvariantCulture),
            ["epochs"] = options.Epochs.ToString(CultureInfo.InvariantCulture),
            ["batch_size"] = options.BatchSize.ToString(CultureInfo.InvariantCulture),
            ["learning_rate"] = options.LearningRate.ToString("R", CultureInfo.InvariantCulture),
            ["warmup_steps"] = options.WarmupSteps.ToString(CultureInfo.InvariantCulture),
            ["max_seq_length"] = options.MaxSequenceLength.ToString(CultureInfo.InvariantCulture),
            ["seed"] = options.Seed.ToString(CultureInfo.InvariantCulture),
        };
        return new TrainingOutcome(this.GetPrimaryKeyString(), true,
            string.Format(CultureInfo.InvariantCulture,
                "Fine-tuned {0} on {1} verdicts ({2:0.#} pairs/s); held-out ROC-AUC {3:0.###} against production's {4:0.###}: a difference of {5}.",
                baseEncoder.Name, train.Count, tuning.PairsPerSecond, gate.AucCandidate, gate.AucProduction, interval),
            metrics, version, gate.Promote, node, parameters, fingerprint);
    }

    /// <summary>
    /// Registers the silo's base model as a version of <c>semantic_encoder</c> (a delta with no tensors) when the registry
    /// lacks it, and makes it production when the kind has none: the built-in of the kind, so that a rollback from the first
    /// tuned version has a target. Idempotent; a concurrent registration of the same version is fine.
    /// </summary>
    private async Task EnsureBaseEncoderRegisteredAsync(OnnxSentenceEncoder baseEncoder)
    {
        string model = MatchingModels.EncoderModelName, version = baseEncoder.VersionId;
        var registry = GrainFactory.GetGrain<IModelRegistryGrain>(model);
        var change = new RegistryChange(RegistryChange.TrainerActor,
            $"The base {baseEncoder.Name} the silos serve, registered as a version of {model} before its first fine-tuned version, so a rollback always has a target.");
        var versions = await ReadAsync(() => registry.GetVersionsAsync()).ConfigureAwait(true);
        if (!versions.Any(v => v.Version == version))
        {
            await GrainFactory.GetGrain<IModelArtifactGrain>(ModelArtifactGrain.Key(model, version)).SaveAsync(EncoderDelta.ForBase(baseEncoder).ToArray()).ConfigureAwait(true);
            try
            {
                await registry.RegisterAsync(version, new Dictionary<string, double>(), change).ConfigureAwait(true);
            }
            catch (ModelRegistryConflictException)
            {
                // Registered meanwhile by another trainer: the same version, the same artifact.
            }
        }
        if (await ReadAsync(() => registry.GetProductionAsync()).ConfigureAwait(true) is null)
        {
            await registry.PromoteAsync(version, change).ConfigureAwait(true);
        }
    }
}
