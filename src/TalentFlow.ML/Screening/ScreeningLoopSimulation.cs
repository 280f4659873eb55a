namespace TalentFlow.ML.Screening;

/// <summary>One trainer variant's result in <see cref="ScreeningLoopSimulation"/>.</summary>
/// <param name="Name">The variant.</param>
/// <param name="After">Its metrics on the evaluation resumes after training on the verdicts.</param>
/// <param name="TrainerHeldOut">The trainer's own held-out metrics (verdicts of held-out candidates).</param>
public sealed record ScreeningVariantResult(string Name, ScreeningMetrics After, ScreeningMetrics TrainerHeldOut);

/// <summary>The loop offline: the same jobs before any feedback, and after one training run on reviewers' verdicts.</summary>
/// <param name="Before">The parent model on the evaluation pairs.</param>
/// <param name="Variants">Each trainer variant after training.</param>
/// <param name="Verdicts">Verdicts trained on.</param>
/// <param name="EvaluationPairs">Pairs measured (other resumes than the verdicts').</param>
public sealed record ScreeningLoopResult(ScreeningMetrics Before, IReadOnlyList<ScreeningVariantResult> Variants, int Verdicts, int EvaluationPairs);

/// <summary>
/// Simulates the learning loop on a <see cref="ScreeningCorpus"/> to choose the trainer by held-out measurement: the protocol's
/// jobs (one held-out occupation per category); the held-out resumes split in two by a seeded hash — reviewers give
/// <c>verdictsPerJob</c> verdicts per job (half shortlists, half rejections, from the ground truth) on one half, and the other
/// half measures (every resume of the job's category and as many others). Variants: the global model only, shrunk towards the
/// parent; with per-job offsets (GLMix); with per-job offsets and coefficients; and from scratch; then
/// the served pipeline (the global model shrunk to the parent, the reviewers' prototypes with per-job intercepts stacked on it) fitted as the trainer grain
/// serves it today — the fit with a fifth of the candidates held out — and refitted on every verdict.
/// </summary>
public static class ScreeningLoopSimulation
{
    /// <summary>Runs the simulation with <paramref name="parent"/> as the model before feedback.</summary>
    public static async Task<ScreeningLoopResult> RunAsync(ScreeningModel parent, ScreeningCorpus corpus, int verdictsPerJob = 12, int seed = 0,
        DateTimeOffset? asOf = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(parent);
        ArgumentNullException.ThrowIfNull(corpus);
        ArgumentOutOfRangeException.ThrowIfLessThan(verdictsPerJob, 4);
        var features = parent.CreateFeatures(null, ScreeningOfflineTraining.Parser(asOf ?? new ScreeningOfflineOptions().AsOf));
        var pairs = await ScreeningOfflineTraining.PairsAsync(features, corpus.ProtocolJobs, corpus.TestResumes, cancellationToken).ConfigureAwait(false);
        bool Reviewed(string candidate) => ScreeningModelTrainer.Unit(candidate, "verdict-pool", seed) < 0.5;
        var verdicts = new List<ScreeningExample>();
        foreach (var job in pairs.Where(p => Reviewed(p.CandidateId)).GroupBy(p => p.JobId, StringComparer.Ordinal))
        {
            var ordered = job.OrderBy(p => ScreeningModelTrainer.Unit(p.JobId + "|" + p.CandidateId, "verdict", seed)).ToArray();
            verdicts.AddRange(ordered.Where(p => p.Shortlisted).Take(verdictsPerJob / 2));
            verdicts.AddRange(ordered.Where(p => !p.Shortlisted).Take(verdictsPerJob - verdictsPerJob / 2));
        }
        var evaluation = ScreeningOfflineTraining.Balance([.. pairs.Where(p => !Reviewed(p.CandidateId))], 1, seed);
        var labels = evaluation.Select(p => p.Shortlisted).ToArray();
        ScreeningMetrics Measure(ScreeningModel m) => ScreeningMetrics.Compute([.. evaluation.Select(p => m.Probability(p.Features, p.JobId))], labels, m.Threshold);

        var common = new ScreeningModelTrainer.Options { Seed = seed, MinSamples = 20, PerJobOffsets = true };
        var variants = new (string Name, ScreeningModelTrainer.Options Options)[]
        {
            ("global, shrunk to the parent", common with { Parent = parent, PerJobOffsets = false, PerJobCoefficients = false }),
            ("global + per-job offsets, shrunk to the parent", common with { Parent = parent }),
            ("global + per-job offsets and coefficients, shrunk to the parent", common with { Parent = parent, PerJobCoefficients = true }),
            ("global + per-job offsets, from scratch", common),
            ("global only, from scratch", common with { PerJobOffsets = false, PerJobCoefficients = false }),
        };
        var results = new List<ScreeningVariantResult>();
        foreach (var (name, options) in variants)
        {
            var trained = new ScreeningModelTrainer(options).Train(features, verdicts, cancellationToken);
            results.Add(new ScreeningVariantResult(name, Measure(trained.Model), trained.HeldOut));
        }

        // The served pipeline: base model + reviewers' prototypes (TF-IDF centroids of each job's shortlisted and rejected resumes).
        var vectors = corpus.TestResumes.ToDictionary(r => r.Id, r => features.Vocabulary.Vectorize(r.Text), StringComparer.Ordinal);
        var trainer = new ScreeningModelTrainer(new ScreeningModelTrainer.Options { Seed = seed, MinSamples = 20, Parent = parent });
        bool FoldZero(string candidate) => (int)(ScreeningModelTrainer.Unit(candidate, "served-fold", seed) * 5) == 0;
        var foldTrain = verdicts.Where(v => !FoldZero(v.CandidateId)).ToList();
        var foldTest = verdicts.Where(v => FoldZero(v.CandidateId)).ToList();
        var foldFit = trainer.Train(features, foldTrain, foldTest, cancellationToken);
        var served = WithPrototypes(foldFit.Model, foldTrain);
        results.Add(new ScreeningVariantResult("served: global + prototypes (two cosines, per-job intercepts), fitted with a fifth held out", served.Measure(evaluation), served.Measure(foldTest)));
        var refit = WithPrototypes(trainer.FitAll(features, verdicts, cancellationToken), verdicts);
        results.Add(new ScreeningVariantResult("global + prototypes (two cosines, per-job intercepts), refitted on every verdict", refit.Measure(evaluation), served.Measure(foldTest)));
        return new ScreeningLoopResult(Measure(parent), results, verdicts.Count, evaluation.Count);

        Stacked WithPrototypes(ScreeningModel model, List<ScreeningExample> train) =>
            new(model, ReviewerPrototypes.Fit([.. train.Select(e => (e.JobId, vectors[e.CandidateId], model.Logit(e.Features, e.JobId), e.Shortlisted))]), vectors);
    }

    private sealed record Stacked(ScreeningModel Model, ReviewerPrototypes Layer, Dictionary<string, Tfidf.SparseVector> Vectors)
    {
        public ScreeningMetrics Measure(IReadOnlyList<ScreeningExample> pairs) => ScreeningMetrics.Compute(
            [.. pairs.Select(p => Layer.Probability(Model.Logit(p.Features, p.JobId), Layer.Feature(p.JobId, Vectors[p.CandidateId]), p.JobId))],
            [.. pairs.Select(p => p.Shortlisted)], Layer.Threshold);
    }
}
