using System.Globalization;
using TalentFlow.ML.Metrics;
using TalentFlow.ML.Requirements;
using TalentFlow.ML.Screening;

namespace TalentFlow.Grains;

/// <summary>
/// Training <c>screening_model</c> on the reviewers' verdicts: every gated label (adjudicated, or uncontested at the job's
/// overlap: <c>JobGrain.GetLabelledResultsAsync</c>) becomes a labelled pair whose features are computed from the stored job
/// (posting, requirements) and resume in production's feature space; candidates are split 80/20 (a candidate's verdicts stay
/// on one side); <see cref="ScreeningModelTrainer"/> fits a global logistic plus per-job offsets, warm-started from (and shrunk
/// towards) production; the gate compares both on the same held-out verdicts. Data it cannot learn from or measure on fails
/// the job with the trainer's message, and nothing is registered.
/// </summary>
public abstract partial class TrainerGrainBase
{
    private async Task<TrainingOutcome> TrainScreeningAsync(ITrainingCoordinatorGrain coordinator, List<LabelledResult> labelled)
    {
        string? node = silo.Address?.ToString();
        if (screening.Current is not ScreeningModelScorer production)
        {
            return Failed($"The production screening model {screening.Current.Version} has no feature space to train in.", node);
        }
        var features = production.Features;
        var jobSides = new Dictionary<string, ScreeningJobSide?>(StringComparer.Ordinal);
        var resumeSides = new Dictionary<string, ScreeningResumeSide?>(StringComparer.Ordinal);
        var examples = new List<(ScreeningExample Example, bool HeldOut)>(labelled.Count);
        var lineage = new List<LineageItem>(labelled.Count);
        foreach (var result in labelled)
        {
            int bar = result.ResultId.IndexOf('|', StringComparison.Ordinal);
            string jobId = result.ResultId[..bar], candidateId = result.ResultId[(bar + 1)..];
            if (!jobSides.TryGetValue(jobId, out var jobSide))
            {
                var job = await ScreeningJobAsync(jobId).ConfigureAwait(true);
                jobSides[jobId] = jobSide = job is null ? null : await features.PrepareJobAsync(job).ConfigureAwait(true);
            }
            if (!resumeSides.TryGetValue(candidateId, out var resumeSide))
            {
                var resume = await ReadAsync(() => GrainFactory.GetGrain<ICandidateFeaturesGrain>(candidateId).GetTextAsync()).ConfigureAwait(true);
                resumeSides[candidateId] = resumeSide = resume is null ? null : await features.PrepareResumeAsync(resume).ConfigureAwait(true);
            }
            // A job or a candidate deleted since its verdict: nothing to compute features from.
            if (jobSide is null || resumeSide is null) continue;
            bool heldOut = Bucket(candidateId) == 0;
            examples.Add((new ScreeningExample(jobId, candidateId, features.Combine(jobSide, resumeSide), result.Positive, result.Reviewer), heldOut));
            lineage.Add(new LineageItem(result.ResultId, jobId, candidateId, result.Reviewer, result.Positive ? "shortlist" : "reject", heldOut));
        }
        var train = examples.Where(e => !e.HeldOut).Select(e => e.Example).ToList();
        var test = examples.Where(e => e.HeldOut).Select(e => e.Example).ToList();
        string counts = $"{train.Count} training and {test.Count} held-out verdicts ({train.Count(e => e.Shortlisted)} and {test.Count(e => e.Shortlisted)} shortlisted)";

        await CheckpointAsync(coordinator, 0.4, $"Fitting {ScreeningModels.ModelName} on {counts}.").ConfigureAwait(true);
        ScreeningTrainingResult trained;
        try
        {
            var trainer = new ScreeningModelTrainer(new ScreeningModelTrainer.Options { Seed = 0, Parent = production.Model });
            // CPU work off the grain's turn scheduler.
            trained = await Task.Run(() => trainer.Train(features, train, test)).ConfigureAwait(true);
        }
        catch (ScreeningTrainingException ex)
        {
            return Failed($"Cannot train {ScreeningModels.ModelName} on {counts}: {ex.Message}", node);
        }

        await CheckpointAsync(coordinator, 0.6, $"Evaluating on {test.Count} held-out verdicts against production {production.Version}.").ConfigureAwait(true);
        var candidate = trained.Model;
        bool[] labels = [.. test.Select(e => e.Shortlisted)];
        double[] candidateScores = [.. test.Select(e => candidate.Probability(e.Features, e.JobId))];
        double[] productionScores = [.. test.Select(e => production.Model.Probability(e.Features, e.JobId))];
        var (difference, lower, upper, aucCandidate, aucProduction, promote) = await GateAsync(candidateScores, productionScores, labels).ConfigureAwait(true);
        var productionHeldOut = ScreeningMetrics.Compute(productionScores, labels, production.Model.Threshold);

        string version = candidate.Version;
        await CheckpointAsync(coordinator, 0.8, $"Storing the artifact of {version}.").ConfigureAwait(true);
        await GrainFactory.GetGrain<IModelArtifactGrain>(ModelArtifactGrain.Key(ScreeningModels.ModelName, version)).SaveAsync(candidate.ToJsonBytes()).ConfigureAwait(true);
        await GrainFactory.GetGrain<IModelLineageGrain>(ModelArtifactGrain.Key(ScreeningModels.ModelName, version)).SaveTrainingSetAsync(lineage).ConfigureAwait(true);
        var o = options.Value;
        var metrics = new Dictionary<string, double>
        {
            ["roc_auc"] = aucCandidate,
            ["production_roc_auc"] = aucProduction,
            ["auc_difference"] = difference,
            ["auc_difference_lower"] = lower,
            ["auc_difference_upper"] = upper,
            ["promotion_confidence"] = o.PromotionConfidence,
            ["f1"] = trained.HeldOut.F1,
            ["precision"] = trained.HeldOut.Precision,
            ["recall"] = trained.HeldOut.Recall,
            ["accuracy"] = trained.HeldOut.Accuracy,
            ["production_f1"] = productionHeldOut.F1,
            ["threshold"] = candidate.Threshold,
            ["train_samples"] = trained.TrainPairs,
            ["test_samples"] = trained.TestPairs,
        };
        var parameters = new Dictionary<string, string>
        {
            ["algorithm"] = "global logistic + per-job offsets (GLMix), Platt-calibrated, warm-started from production",
            ["parent"] = production.Version,
            ["features"] = string.Join(",", candidate.FeatureNames),
            ["seed"] = "0",
        };
        string interval = string.Format(CultureInfo.InvariantCulture, "{0:0.###} ({1:0.#%} interval [{2:0.###}, {3:0.###}])", difference, o.PromotionConfidence, lower, upper);
        return new TrainingOutcome(GrainKey, true,
            string.Format(CultureInfo.InvariantCulture,
                "Trained on {0} verdicts; held-out ROC-AUC {1:0.###} against production's {2:0.###} (F1 {3:0.###} against {4:0.###}): a difference of {5}.",
                trained.TrainPairs, aucCandidate, aucProduction, trained.HeldOut.F1, productionHeldOut.F1, interval),
            metrics, version, promote, node, parameters, candidate.DataFingerprint);
    }

    /// <summary>The job as the screening features see it, or null when it no longer exists.</summary>
    private async Task<ScreeningJob?> ScreeningJobAsync(string jobId)
    {
        var posting = await ReadAsync(() => GrainFactory.GetGrain<IJobGrain>(jobId).GetPostingAsync()).ConfigureAwait(true);
        if (posting is null) return null;
        var requirements = await ReadAsync(() => GrainFactory.GetGrain<IJobRequirementsGrain>(jobId).GetRequirementsAsync()).ConfigureAwait(true);
        return new ScreeningJob(posting.Title.Trim(), posting.Description,
            [.. requirements.Requirements.Select(r => new Requirement(r.Id, RequirementKinds.TryParse(r.Kind, out var kind) ? kind : RequirementKind.MustHave, r.Text, r.Weight))],
            posting.RequiredSkills is { Count: > 0 } skills ? skills : null);
    }

    private TrainingOutcome Failed(string message, string? node) =>
        new(GrainKey, false, message, new Dictionary<string, double>(), null, false, node);
}
