using System.Globalization;
using Microsoft.Extensions.Logging;
using TalentFlow.Contracts.Training;
using TalentFlow.Contracts.Training.Registry;
using TalentFlow.Grains.Matching;
using TalentFlow.ML.Onnx;
using TalentFlow.ML.Onnx.FineTuning;

namespace TalentFlow.Grains.Training.Procedures;

/// <summary>
/// Training <c>semantic_encoder</c> on a silo that serves all-MiniLM-L6-v2 (<see cref="EncoderFineTuning"/>): the top layer is
/// fine-tuned on the training verdicts, the tuned encoder's held-out cosine ROC-AUC goes through the same paired-bootstrap gate
/// against production's encoder, and the version is stored as an <see cref="EncoderDelta"/> (a few MB) that every silo applies
/// to its own base model when it is promoted. Before the first tuned version is reported, the base model itself is registered
/// (and made production when the kind has none), so promoting a tuned version always leaves a rollback target. Silos on the
/// LSA fallback keep training the embedded encoder (<see cref="EmbeddedEncoderTraining"/>).
/// </summary>
internal sealed class FineTunedEncoderTraining(
    OnnxSentenceEncoder baseEncoder, MatchingModels models, IEncoderFineTuner tuner, EncoderTrainingOptions settings, ILogger logger) : ITrainingProcedure
{
    private const string Model = MatchingModels.EncoderModelName;

    /// <inheritdoc />
    public async Task<TrainingOutcome> TrainAsync(TrainingRun run, IReadOnlyList<LabelledResult> labelled)
    {
        var texts = await VerdictTexts.ReadAsync(run, labelled).ConfigureAwait(true);
        if (texts.Shortage is { } shortage) return run.Failed(shortage);
        var (train, test) = (texts.Train, texts.Test);
        var production = models.Encoder ?? new SemanticModel(baseEncoder);
        await run.CheckpointAsync(0.4,
            $"Fine-tuning the top {settings.TrainLayers} layer(s) of {baseEncoder.Name} ({tuner.Name}) on {train.Count} verdicts ({test.Count} held out).").ConfigureAwait(true);
        EncoderFineTuningResult result;
        try
        {
            result = await new EncoderFineTuning(tuner, settings, logger).RunAsync(baseEncoder, production.Encoder, train, test, CancellationToken.None).ConfigureAwait(true);
        }
        catch (FineTuneException ex)
        {
            return run.Failed($"Cannot fine-tune {baseEncoder.Name} on {train.Count} verdicts: {ex.Message}");
        }

        await run.CheckpointAsync(0.6, $"Evaluated {result.Delta.ServedVersion} on {test.Count} held-out verdicts against production {production.Version}.").ConfigureAwait(true);
        bool[] labels = [.. test.Select(s => s.Positive)];
        var gate = await run.Gate.JudgeAsync(result.CandidateScores, result.ProductionScores, labels, [.. test.Select(s => s.Candidate)]).ConfigureAwait(true);
        await EnsureBaseEncoderRegisteredAsync(run).ConfigureAwait(true);
        string version = result.Delta.ServedVersion;
        byte[] artifact = result.Delta.ToArray();
        await run.StoreVersionAsync(Model, version, artifact, texts.Lineage).ConfigureAwait(true);
        var tuning = result.Tuning;
        var metrics = run.Gate.Metrics(gate);
        metrics["train_samples"] = train.Count;
        metrics["test_samples"] = test.Count;
        metrics["fine_tune_auc_before"] = tuning.Before.RocAuc;
        metrics["fine_tune_auc_after"] = tuning.After.RocAuc;
        metrics["fine_tune_spearman_before"] = tuning.Before.Spearman;
        metrics["fine_tune_spearman_after"] = tuning.After.Spearman;
        metrics["fine_tune_pairs_per_second"] = tuning.PairsPerSecond;
        metrics["fine_tune_steps"] = tuning.Steps;
        metrics["artifact_bytes"] = artifact.Length;
        return run.Succeeded(
            string.Format(CultureInfo.InvariantCulture,
                "Fine-tuned {0} on {1} verdicts ({2:0.#} pairs/s); held-out ROC-AUC {3:0.###} against production's {4:0.###}: a difference of {5}.",
                baseEncoder.Name, train.Count, tuning.PairsPerSecond, gate.AucCandidate, gate.AucProduction, run.Gate.Interval(gate)),
            metrics, version, gate.Promote, Parameters(train.Count, result), texts.Fingerprint);
    }

    /// <summary>How the version was trained, for the registry.</summary>
    private Dictionary<string, string> Parameters(int trainCount, EncoderFineTuningResult result)
    {
        var options = settings.ToFineTuneOptions(trainCount);
        return new Dictionary<string, string>
        {
            ["algorithm"] = $"fine-tuned top {options.TrainLayers} layer(s) of {baseEncoder.Name}, stored as a delta from the base model",
            ["trainer"] = tuner.Name,
            ["device"] = result.Tuning.Device,
            ["base_model"] = baseEncoder.VersionId,
            ["started_from"] = result.StartedFrom ?? baseEncoder.VersionId,
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
    }

    /// <summary>
    /// Registers the silo's base model as a version of <c>semantic_encoder</c> (a delta with no tensors) when the registry
    /// lacks it, and makes it production when the kind has none: the built-in of the kind, so that a rollback from the first
    /// tuned version has a target. Idempotent; a concurrent registration of the same version is fine.
    /// </summary>
    private async Task EnsureBaseEncoderRegisteredAsync(TrainingRun run)
    {
        string version = baseEncoder.VersionId;
        var registry = run.Grains.GetGrain<IModelRegistryGrain>(Model);
        var change = new RegistryChange(RegistryChange.TrainerActor,
            $"The base {baseEncoder.Name} the silos serve, registered as a version of {Model} before its first fine-tuned version, so a rollback always has a target.");
        var versions = await TrainingRun.ReadAsync(() => registry.GetVersionsAsync()).ConfigureAwait(true);
        if (!versions.Any(v => v.Version == version))
        {
            await run.Grains.GetGrain<IModelArtifactGrain>(ModelArtifactGrain.Key(Model, version)).SaveAsync(EncoderDelta.ForBase(baseEncoder).ToArray()).ConfigureAwait(true);
            try
            {
                await registry.RegisterAsync(version, new Dictionary<string, double>(), change).ConfigureAwait(true);
            }
            catch (ModelRegistryConflictException)
            {
                // Registered meanwhile by another trainer: the same version, the same artifact.
            }
        }
        if (await TrainingRun.ReadAsync(() => registry.GetProductionAsync()).ConfigureAwait(true) is null)
        {
            await registry.PromoteAsync(version, change).ConfigureAwait(true);
        }
    }
}
