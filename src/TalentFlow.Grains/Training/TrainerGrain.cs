using System.Numerics.Tensors;
using TalentFlow.ML.Encoders;
using TalentFlow.ML.Matching;
using TalentFlow.ML.Metrics;
using TalentFlow.ML.Semantic;
using TalentFlow.Runtime;

namespace TalentFlow.Grains;

/// <summary>Runs one training job (key: the job id) on a silo with the <c>trainer</c> role.</summary>
public interface ITrainerGrain : IGrain
{
    /// <summary>
    /// Starts the job in the background and returns the address of the silo it runs on; the trainer reports the outcome to the
    /// coordinator.
    /// </summary>
    Task<string?> StartAsync(string model, CancellationToken cancellationToken = default);
}

/// <summary>
/// Retrains a model kind on the texts of every labelled screening result: a candidate-grouped 80/20 split, a new model
/// fitted on the training side only (the TF-IDF baseline, or the embedded semantic encoder), ROC-AUC of its score (the
/// baseline's raw score; the encoder's resume–job cosine) against the reviewers' verdicts on the held-out side, beside the
/// production version's on the same side. The artifact is stored, the outcome reported.
/// </summary>
[GrainType("trainer")]
[PlacementRole("trainer")]
public sealed class TrainerGrain(MatchingModels models, Runtime.Hosting.Silo silo) : Grain, ITrainerGrain
{
    private IDisposable? _work;

    /// <inheritdoc />
    public Task<string?> StartAsync(string model, CancellationToken cancellationToken = default)
    {
        if (!MatchingModels.TrainableModels.Contains(model)) throw new ArgumentException($"Model '{model}' cannot be trained yet.");
        // A timer turn, so that the caller (the coordinator) is answered at once and the work runs as this grain's own turn.
        _work ??= RegisterTimer(_ => RunAsync(model), TimeSpan.Zero, Timeout.InfiniteTimeSpan);
        return Task.FromResult(silo.Address?.ToString());
    }

    private async Task RunAsync(string model)
    {
        var coordinator = GrainFactory.GetGrain<ITrainingCoordinatorGrain>(ITrainingCoordinatorGrain.SingletonKey);
        TrainingOutcome outcome;
        try
        {
            outcome = await TrainAsync(coordinator, model).ConfigureAwait(true);
        }
        catch (Exception ex)
        {
            outcome = new TrainingOutcome(GrainKey, false, $"Training failed: {ex.Message}", new Dictionary<string, double>(), null, false, silo.Address?.ToString());
        }
        await coordinator.ReportAsync(outcome).ConfigureAwait(true);
        DeactivateOnIdle();
    }

    private async Task<TrainingOutcome> TrainAsync(ITrainingCoordinatorGrain coordinator, string model)
    {
        var labelled = await ReadAsync(() => coordinator.GetLabelledResultsAsync(model)).ConfigureAwait(true);
        var samples = new List<(string Candidate, string Resume, string Job, bool Positive)>();
        var jobTexts = new Dictionary<string, string?>(StringComparer.Ordinal);
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
            if (jobText is not null && resume is not null) samples.Add((candidateId, resume, jobText, result.Positive));
        }
        // Grouped by candidate, so no resume is on both sides.
        var test = samples.Where(s => Bucket(s.Candidate) == 0).ToList();
        var train = samples.Where(s => Bucket(s.Candidate) != 0).ToList();
        string? node = silo.Address?.ToString();
        if (train.Count < 2 || test.Count(s => s.Positive) == 0 || test.Count(s => !s.Positive) == 0)
        {
            return new TrainingOutcome(GrainKey, false,
                $"Not enough labelled data to train and evaluate: {train.Count} training and {test.Count} held-out samples (both verdicts are needed on the held-out side).",
                new Dictionary<string, double>(), null, false, node);
        }

        string[] trainTexts = [.. train.Select(s => s.Resume).Concat(train.Select(s => s.Job)).Distinct(StringComparer.Ordinal)];
        bool[] labels = [.. test.Select(s => s.Positive)];
        double aucCandidate, aucProduction;
        string version;
        byte[] artifact;
        if (model == MatchingModels.EncoderModelName)
        {
            var encoder = EmbeddedEncoder.Fit(trainTexts, EmbeddedEncoder.DefaultKind, seed: 0, dimensions: 128);
            aucCandidate = ClassificationMetrics.RocAuc(await CosinesAsync(encoder, test).ConfigureAwait(true), labels);
            aucProduction = models.Encoder is { } production
                ? ClassificationMetrics.RocAuc(await CosinesAsync(production.Encoder, test).ConfigureAwait(true), labels)
                : 0.5;
            // The encoder's own version id names the registry version: every silo that loads the bytes derives the same one.
            version = encoder.VersionId;
            using var stream = new MemoryStream();
            encoder.Save(stream);
            artifact = stream.ToArray();
        }
        else
        {
            var candidate = BaselineMatcher.Fit(trainTexts);
            var production = models.Current.Matcher;
            aucCandidate = ClassificationMetrics.RocAuc([.. test.Select(s => candidate.Score(s.Resume, s.Job).RawScore)], labels);
            aucProduction = ClassificationMetrics.RocAuc([.. test.Select(s => production.Score(s.Resume, s.Job).RawScore)], labels);
            version = "baseline-" + GrainKey;
            using var stream = new MemoryStream();
            candidate.Save(stream);
            artifact = stream.ToArray();
        }
        await GrainFactory.GetGrain<IModelArtifactGrain>(ModelArtifactGrain.Key(model, version)).SaveAsync(artifact).ConfigureAwait(true);
        var metrics = new Dictionary<string, double>
        {
            ["roc_auc"] = aucCandidate,
            ["production_roc_auc"] = aucProduction,
            ["train_samples"] = train.Count,
            ["test_samples"] = test.Count,
        };
        return new TrainingOutcome(GrainKey, true,
            $"Trained on {train.Count} samples; held-out ROC-AUC {aucCandidate:0.###} against production's {aucProduction:0.###}.",
            metrics, version, aucCandidate > aucProduction, node);
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
}
