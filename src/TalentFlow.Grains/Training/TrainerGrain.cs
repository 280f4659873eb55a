using System.Globalization;
using System.Numerics.Tensors;
using Microsoft.Extensions.Options;
using Orleans;
using TalentFlow.Contracts.Training;
using TalentFlow.Contracts.Training.Registry;
using TalentFlow.Grains.Jobs;
using TalentFlow.Grains.Matching;
using TalentFlow.Hosting.Cluster;
using TalentFlow.Hosting.Placement;
using TalentFlow.ML.Encoders;
using TalentFlow.ML.Matching;
using TalentFlow.ML.Metrics;
using TalentFlow.ML.Semantic;

namespace TalentFlow.Grains.Training;

/// <summary>Runs one training job (key: the job id) on a silo with the <c>trainer</c> role.</summary>
[Alias("TalentFlow.Grains.ITrainerGrain")]
public interface ITrainerGrain : IGrainWithStringKey
{
    /// <summary>
    /// Starts the job in the background and returns the address of the silo it runs on; the trainer reports the outcome to the
    /// coordinator.
    /// </summary>
    [Alias("StartAsync")]
    Task<string?> StartAsync(string model, CancellationToken cancellationToken = default);
}

/// <summary>Runs one training job (key: the job id) on a trainer silo with an accelerator (<see cref="SiloCapabilities.AcceleratedTrainerRole"/>).</summary>
[Alias("TalentFlow.Grains.IAcceleratedTrainerGrain")]
public interface IAcceleratedTrainerGrain : IGrainWithStringKey
{
    /// <inheritdoc cref="ITrainerGrain.StartAsync" />
    [Alias("StartAsync")]
    Task<string?> StartAsync(string model, CancellationToken cancellationToken = default);
}

/// <summary>The trainer placed on any silo with the <c>trainer</c> role.</summary>
[GrainType("trainer")]
[RequiresRole(SiloCapabilities.TrainerRole)]
public sealed class TrainerGrain(MatchingModels models, ScreeningModels screening, IClusterView cluster, IOptions<TrainingOptions> options)
    : TrainerGrainBase(models, screening, cluster, options), ITrainerGrain;

/// <summary>The trainer placed only on trainer silos with an accelerator; the coordinator prefers it when one is Active.</summary>
[GrainType("accelerated-trainer")]
[RequiresRole(SiloCapabilities.AcceleratedTrainerRole)]
public sealed class AcceleratedTrainerGrain(MatchingModels models, ScreeningModels screening, IClusterView cluster, IOptions<TrainingOptions> options)
    : TrainerGrainBase(models, screening, cluster, options), IAcceleratedTrainerGrain;

/// <summary>
/// Retrains a model kind on the texts of every labelled screening result: a candidate-grouped 80/20 split, a new model
/// fitted on the training side only (the TF-IDF baseline, or the embedded semantic encoder), ROC-AUC of its score (the
/// baseline's raw score; the encoder's resume–job cosine) against the reviewers' verdicts on the held-out side, beside the
/// production version's on the same side, and a paired bootstrap interval of the difference, which decides promotion. The
/// artifact is stored, the outcome reported. Between phases it reports progress to the coordinator, and stops when the
/// coordinator answers that the job was cancelled (or is no longer this attempt's).
/// </summary>
public abstract partial class TrainerGrainBase(MatchingModels models, ScreeningModels screening, IClusterView cluster, IOptions<TrainingOptions> options) : Grain
{
    private IDisposable? _work;

    /// <inheritdoc cref="ITrainerGrain.StartAsync" />
    public Task<string?> StartAsync(string model, CancellationToken cancellationToken = default)
    {
        if (!MatchingModels.TrainableModels.Contains(model)) throw new ArgumentException($"Model '{model}' cannot be trained yet.");
        // A timer turn, so that the caller (the coordinator) is answered at once and the work runs as this grain's own turn.
        _work ??= this.RegisterGrainTimer(_ => RunAsync(model), TimeSpan.Zero, Timeout.InfiniteTimeSpan);
        return Task.FromResult<string?>(cluster.LocalAddress);
    }

    private async Task RunAsync(string model)
    {
        var coordinator = GrainFactory.GetGrain<ITrainingCoordinatorGrain>(ITrainingCoordinatorGrain.SingletonKey);
        TrainingOutcome outcome;
        try
        {
            outcome = await TrainAsync(coordinator, model).ConfigureAwait(true);
        }
        catch (JobCancelledException)
        {
            // The coordinator no longer wants this attempt: nothing to store, nothing to report.
            DeactivateOnIdle();
            return;
        }
        catch (Exception ex)
        {
            outcome = new TrainingOutcome(this.GetPrimaryKeyString(), false, $"Training failed: {ex.Message}", new Dictionary<string, double>(), null, false, cluster.LocalAddress);
        }
        await coordinator.ReportAsync(outcome).ConfigureAwait(true);
        DeactivateOnIdle();
    }

    /// <summary>Reports progress between phases; throws <see cref="JobCancelledException"/> when the coordinator says stop.</summary>
    private async Task CheckpointAsync(ITrainingCoordinatorGrain coordinator, double progress, string line)
    {
        if (!await ReadAsync(() => coordinator.ReportProgressAsync(this.GetPrimaryKeyString(), progress, line)).ConfigureAwait(true)) throw new JobCancelledException();
    }

    private async Task<TrainingOutcome> TrainAsync(ITrainingCoordinatorGrain coordinator, string model)
    {
        await CheckpointAsync(coordinator, 0.2, "Collecting labelled samples.").ConfigureAwait(true);
        // The coordinator names the jobs with verdicts; each job holds its own latest verdict per result.
        var labelled = new List<LabelledResult>();
        foreach (var jobId in await ReadAsync(() => coordinator.GetJobsWithVerdictsAsync()).ConfigureAwait(true))
        {
            labelled.AddRange(await ReadAsync(() => GrainFactory.GetGrain<IJobReviewGrain>(jobId).GetLabelledResultsAsync()).ConfigureAwait(true));
        }
        labelled.Sort(static (a, b) => string.CompareOrdinal(a.ResultId, b.ResultId));
        if (model == ScreeningModels.ModelName) return await TrainScreeningAsync(coordinator, labelled).ConfigureAwait(true);
        string fingerprint = Fingerprint(labelled);
        var samples = new List<(string Candidate, string Resume, string Job, bool Positive)>();
        var jobTexts = new Dictionary<string, string?>(StringComparer.Ordinal);
        // The feedback items the version is trained and evaluated on, for its lineage.
        var lineage = new List<LineageItem>();
        foreach (var result in labelled)
        {
            int bar = result.ResultId.IndexOf('|', StringComparison.Ordinal);
            string jobId = result.ResultId[..bar], candidateId = result.ResultId[(bar + 1)..];
            if (!jobTexts.TryGetValue(jobId, out var jobText))
            {
                var posting = await ReadAsync(() => GrainFactory.GetGrain<IJobGrain>(jobId).GetPostingAsync()).ConfigureAwait(true);
                jobTexts[jobId] = jobText = posting is null ? null : posting.Title + "\n" + posting.Description;
            }
            var resume = await ReadAsync(() => GrainFactory.GetGrain<ICandidateFeaturesGrain>(candidateId).GetTextAsync()).ConfigureAwait(true);
            if (jobText is null || resume is null) continue;
            samples.Add((candidateId, resume, jobText, result.Positive));
            lineage.Add(new LineageItem(result.ResultId, jobId, candidateId, result.Reviewer, result.Positive ? "shortlist" : "reject", Bucket(candidateId) == 0));
        }
        // Grouped by candidate, so no resume is on both sides.
        var test = samples.Where(s => Bucket(s.Candidate) == 0).ToList();
        var train = samples.Where(s => Bucket(s.Candidate) != 0).ToList();
        string? node = cluster.LocalAddress;
        if (train.Count < 2 || test.Count(s => s.Positive) == 0 || test.Count(s => !s.Positive) == 0)
        {
            return new TrainingOutcome(this.GetPrimaryKeyString(), false,
                $"Not enough labelled data to train and evaluate: {train.Count} training and {test.Count} held-out samples (both verdicts are needed on the held-out side).",
                new Dictionary<string, double>(), null, false, node);
        }

        // A silo serving all-MiniLM-L6-v2 fine-tunes it (TrainerGrain.Encoder.cs); the LSA fallback fits the embedded encoder below.
        if (model == MatchingModels.EncoderModelName && FineTunedEncoders.TunableBase(models) is { } minilm)
        {
            return await TrainFineTunedEncoderAsync(coordinator, minilm, train, test, lineage, fingerprint).ConfigureAwait(true);
        }

        await CheckpointAsync(coordinator, 0.4, $"Fitting {model} on {train.Count} samples ({test.Count} held out).").ConfigureAwait(true);
        string[] trainTexts = [.. train.Select(s => s.Resume).Concat(train.Select(s => s.Job)).Distinct(StringComparer.Ordinal)];
        bool[] labels = [.. test.Select(s => s.Positive)];
        double[] candidateScores, productionScores;
        string version;
        byte[] artifact;
        Dictionary<string, string> parameters;
        if (model == MatchingModels.EncoderModelName)
        {
            parameters = new() { ["algorithm"] = "embedded encoder", ["kind"] = EmbeddedEncoder.DefaultKind.ToString().ToLowerInvariant(), ["dimensions"] = "128", ["seed"] = "0" };
            var encoder = EmbeddedEncoder.Fit(trainTexts, EmbeddedEncoder.DefaultKind, seed: 0, dimensions: 128);
            await CheckpointAsync(coordinator, 0.6, $"Evaluating on {test.Count} held-out samples against production.").ConfigureAwait(true);
            candidateScores = await CosinesAsync(encoder, test).ConfigureAwait(true);
            // Without a production encoder every pair scores alike: chance.
            productionScores = models.Encoder is { } production ? await CosinesAsync(production.Encoder, test).ConfigureAwait(true) : new double[test.Count];
            // The encoder's own version id names the registry version: every silo that loads the bytes derives the same one.
            version = encoder.VersionId;
            using var stream = new MemoryStream();
            encoder.Save(stream);
            artifact = stream.ToArray();
        }
        else
        {
            parameters = new() { ["algorithm"] = "per-section TF-IDF (skills 0.4, experience 0.4, education 0.2)" };
            var candidate = BaselineMatcher.Fit(trainTexts);
            var production = models.Current.Matcher;
            await CheckpointAsync(coordinator, 0.6, $"Evaluating on {test.Count} held-out samples against production.").ConfigureAwait(true);
            candidateScores = [.. test.Select(s => candidate.Score(s.Resume, s.Job).RawScore)];
            productionScores = [.. test.Select(s => production.Score(s.Resume, s.Job).RawScore)];
            version = "baseline-" + this.GetPrimaryKeyString();
            using var stream = new MemoryStream();
            candidate.Save(stream);
            artifact = stream.ToArray();
        }
        // CPU work off the grain's turn scheduler; the turn awaits it.
        var gate = await GateAsync(candidateScores, productionScores, labels).ConfigureAwait(true);
        var (_, _, _, aucCandidate, aucProduction, promote) = gate;
        var (metrics, interval) = await StoreVersionAsync(coordinator, model, version, artifact, lineage, gate).ConfigureAwait(true);
        metrics["train_samples"] = train.Count;
        metrics["test_samples"] = test.Count;
        return new TrainingOutcome(this.GetPrimaryKeyString(), true,
            string.Format(CultureInfo.InvariantCulture, "Trained on {0} samples; held-out ROC-AUC {1:0.###} against production's {2:0.###}: a difference of {3}.",
                train.Count, aucCandidate, aucProduction, interval),
            metrics, version, promote, node, parameters, fingerprint);
    }

    /// <summary>
    /// Stores a trained version's artifact and training set (its lineage), and returns its metrics begun with the gate's
    /// figures, and the gate's interval in words for the outcome's message. Every kind of training ends with this.
    /// </summary>
    private async Task<(Dictionary<string, double> Metrics, string Interval)> StoreVersionAsync(
        ITrainingCoordinatorGrain coordinator, string model, string version, byte[] artifact, IReadOnlyList<LineageItem> lineage,
        (double Difference, double Lower, double Upper, double AucCandidate, double AucProduction, bool Promote) gate)
    {
        await CheckpointAsync(coordinator, 0.8, $"Storing the artifact of {version}.").ConfigureAwait(true);
        string key = ModelArtifactGrain.Key(model, version);
        await GrainFactory.GetGrain<IModelArtifactGrain>(key).SaveAsync(artifact).ConfigureAwait(true);
        await GrainFactory.GetGrain<IModelLineageGrain>(key).SaveTrainingSetAsync(lineage).ConfigureAwait(true);
        double confidence = options.Value.PromotionConfidence;
        var metrics = new Dictionary<string, double>
        {
            ["roc_auc"] = gate.AucCandidate,
            ["production_roc_auc"] = gate.AucProduction,
            ["auc_difference"] = gate.Difference,
            ["auc_difference_lower"] = gate.Lower,
            ["auc_difference_upper"] = gate.Upper,
            ["promotion_confidence"] = confidence,
        };
        string interval = string.Format(CultureInfo.InvariantCulture, "{0:0.###} ({1:0.#%} interval [{2:0.###}, {3:0.###}])",
            gate.Difference, confidence, gate.Lower, gate.Upper);
        return (metrics, interval);
    }

    /// <summary>
    /// The promotion gate: the paired bootstrap interval of the held-out ROC-AUC difference (new − production, on the same
    /// held-out verdicts); promote when its lower end is above 0 (or, without <see cref="TrainingOptions.RequireSignificantGain"/>,
    /// on any positive gain).
    /// </summary>
    private async Task<(double Difference, double Lower, double Upper, double AucCandidate, double AucProduction, bool Promote)> GateAsync(
        double[] candidateScores, double[] productionScores, bool[] labels)
    {
        var o = options.Value;
        // CPU work off the grain's turn scheduler; the turn awaits it.
        var (difference, lower, upper) = await Task.Run(() => PairedBootstrap.RocAucDifference(
            candidateScores, productionScores, labels, o.BootstrapResamples, o.PromotionConfidence, seed: 0)).ConfigureAwait(true);
        double aucCandidate = ClassificationMetrics.RocAuc(candidateScores, labels);
        double aucProduction = ClassificationMetrics.RocAuc(productionScores, labels);
        return (difference, lower, upper, aucCandidate, aucProduction, o.RequireSignificantGain ? lower > 0 : difference > 0);
    }

    /// <summary>SHA-256 (16 hex digits) of the labelled results' ids and verdicts, in ordinal order of the ids.</summary>
    private static string Fingerprint(List<LabelledResult> labelled)
    {
        using var hash = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        foreach (var result in labelled) hash.AppendData(System.Text.Encoding.UTF8.GetBytes(result.ResultId + (result.Positive ? "\t1\n" : "\t0\n")));
        return Convert.ToHexStringLower(hash.GetHashAndReset())[..16];
    }

    private static async Task<double[]> CosinesAsync(IEncoder encoder, List<(string Candidate, string Resume, string Job, bool Positive)> samples)
    {
        var resumes = await encoder.EmbedAsync([.. samples.Select(s => s.Resume)]).ConfigureAwait(true);
        var jobs = await encoder.EmbedAsync([.. samples.Select(s => s.Job)]).ConfigureAwait(true);
        var cosines = new double[samples.Count];
        for (int i = 0; i < cosines.Length; i++) cosines[i] = TensorPrimitives.Dot(resumes[i], jobs[i]);
        return cosines;
    }

    /// <summary>
    /// A read of the training data, tried again on a transient failure: while the cluster changes (a silo lost, grains moving)
    /// a call can meet a closing activation or a dead connection, and one such read must not fail a whole training job.
    /// </summary>
    private static async Task<T> ReadAsync<T>(Func<Task<T>> read)
    {
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                return await read().ConfigureAwait(true);
            }
            catch (Exception ex) when (attempt < 5 && ex is not (ArgumentException or KeyNotFoundException))
            {
                await Task.Delay(TimeSpan.FromMilliseconds(250 * attempt)).ConfigureAwait(true);
            }
        }
    }

    private static int Bucket(string candidateId) => CandidateShards.ShardOf(candidateId, 5);

    /// <summary>The coordinator answered a checkpoint with "stop".</summary>
    private sealed class JobCancelledException : Exception;
}
