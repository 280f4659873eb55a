using TalentFlow.ML.Encoders;
using TalentFlow.ML.Metrics;
using TalentFlow.ML.Tfidf;

namespace TalentFlow.ML.Screening;

/// <summary>A training procedure of the loop: the trainer's options and the reviewers' prototypes' options stacked on it.</summary>
/// <param name="Name">What it is called in the results.</param>
/// <param name="Trainer">The trainer's options (the parent is set by the simulation).</param>
/// <param name="Layer">The prototypes layer's options; null serves the model alone.</param>
public sealed record ScreeningLoopProcedure(string Name, ScreeningModelTrainer.Options Trainer, ReviewerPrototypes.Options? Layer);

/// <summary>One procedure in one run of <see cref="ScreeningServedLoop"/>.</summary>
/// <param name="Procedure">The procedure's name.</param>
/// <param name="OutOfFoldAuc">ROC-AUC of its out-of-fold predictions on every verdict.</param>
/// <param name="ProductionAuc">Production's ROC-AUC on the same verdicts.</param>
/// <param name="Gain">The paired bootstrap's AUC difference and its 95% interval (2,000 resamples, seed 0, as the gate).</param>
/// <param name="Promoted">Whether the gate promotes (lower end above 0).</param>
/// <param name="GainByCandidate">The same difference with the bootstrap drawing whole candidates (a candidate's verdicts for several jobs together).</param>
/// <param name="Served">The version refitted on every verdict, on the evaluation pairs at its threshold (what a promotion serves).</param>
/// <param name="After">What the evaluation pairs get after training: <paramref name="Served"/> when promoted, else production.</param>
public sealed record ScreeningServedRun(string Procedure, double OutOfFoldAuc, double ProductionAuc, (double Difference, double Lower, double Upper) Gain,
    bool Promoted, (double Difference, double Lower, double Upper) GainByCandidate, ScreeningMetrics Served, ScreeningMetrics After);

/// <summary>One run (plan seed) of <see cref="ScreeningServedLoop"/>.</summary>
/// <param name="Seed">The plan's and the folds' seed.</param>
/// <param name="Verdicts">Verdicts trained on.</param>
/// <param name="Before">Production on the evaluation pairs.</param>
/// <param name="Procedures">Each procedure's result.</param>
public sealed record ScreeningServedLoopRun(int Seed, int Verdicts, ScreeningMetrics Before, IReadOnlyList<ScreeningServedRun> Procedures);

/// <summary>
/// The loop as the trainer grain runs it and <c>bench loop-eval</c> measures it, offline and without a silo, so trainer
/// procedures can be compared over many seeds: the protocol's 24 one-paragraph jobs; per job, a seeded draw of
/// <c>evalPositives</c> resumes of its category and <c>evalNegatives</c> of others from the held-out resumes (measured), and
/// <c>verdictPositives</c> / <c>verdictNegatives</c> from the training side (the reviewers' verdicts) — the bench's plan; five folds
/// by a seeded hash of the candidate; per fold the procedure fitted on the other four (the prototypes on the same verdicts)
/// and its out-of-fold probabilities; the gate (paired bootstrap of the out-of-fold ROC-AUC against production's on the same
/// verdicts, promote when the 95% interval's lower end is above 0); the version served is the procedure refitted on every
/// verdict. With an encoder the features are the served ones (the model's encoder cosines), not its fallback's.
/// </summary>
public static class ScreeningServedLoop
{
    /// <summary>The procedure the trainer grain ran before this comparison (per-job offsets, prior 2; prototypes as first written: one global stack, both cosines weighed alike).</summary>
    public static ScreeningLoopProcedure Legacy { get; } = new("legacy: offsets (prior 2) + prototypes (global stack)",
        new ScreeningModelTrainer.Options { PerJobOffsets = true, JobL2 = 2 }, ReviewerPrototypes.Options.Legacy);

    /// <summary>The defaults of <see cref="ScreeningModelTrainer.Options"/> and <see cref="ReviewerPrototypes.Options"/>.</summary>
    public static ScreeningLoopProcedure Default { get; } = new("default", new ScreeningModelTrainer.Options(), new ReviewerPrototypes.Options());

    /// <summary>The procedures compared in the ML README (trainer comparison): the legacy one, the default, and variations of each part.</summary>
    public static IReadOnlyList<ScreeningLoopProcedure> Comparison { get; } =
    [
        Legacy,
        new("offsets (prior 2), model alone", new ScreeningModelTrainer.Options { PerJobOffsets = true, JobL2 = 2 }, null),
        new("offsets (prior 8) + prototypes (global)", new ScreeningModelTrainer.Options { PerJobOffsets = true, JobL2 = 8 }, ReviewerPrototypes.Options.Legacy),
        new("offsets (prior 2) + prototypes + per-job intercepts (prior 1)", new ScreeningModelTrainer.Options { PerJobOffsets = true, JobL2 = 2 }, new ReviewerPrototypes.Options { JobIntercepts = true, JobInterceptL2 = 1, TwoCosines = false }),
        new("no offsets + prototypes (global)", new ScreeningModelTrainer.Options { PerJobOffsets = false }, ReviewerPrototypes.Options.Legacy),
        new("no offsets + prototypes + per-job intercepts (prior 0.5)", new ScreeningModelTrainer.Options { PerJobOffsets = false }, new ReviewerPrototypes.Options { JobIntercepts = true, JobInterceptL2 = 0.5, TwoCosines = false }),
        new("no offsets + prototypes + per-job intercepts (prior 1)", new ScreeningModelTrainer.Options { PerJobOffsets = false }, new ReviewerPrototypes.Options { JobIntercepts = true, JobInterceptL2 = 1, TwoCosines = false }),
        new("no offsets + prototypes + per-job intercepts (prior 4)", new ScreeningModelTrainer.Options { PerJobOffsets = false }, new ReviewerPrototypes.Options { JobIntercepts = true, JobInterceptL2 = 4, TwoCosines = false }),
        new("parent's weights kept, no offsets + prototypes + per-job intercepts (prior 1)", new ScreeningModelTrainer.Options { PerJobOffsets = false, ParentL2 = 1e6 }, new ReviewerPrototypes.Options { JobIntercepts = true, JobInterceptL2 = 1, TwoCosines = false }),
        new("no offsets + prototypes (two cosines) + per-job intercepts (prior 1): the default", new ScreeningModelTrainer.Options(), new ReviewerPrototypes.Options()),
    ];

    /// <summary>Runs <paramref name="procedures"/> on the plans of seeds <paramref name="seeds"/>.</summary>
    public static async Task<IReadOnlyList<ScreeningServedLoopRun>> RunAsync(ScreeningModel parent, ScreeningCorpus corpus, IEncoder? encoder,
        IReadOnlyList<ScreeningLoopProcedure> procedures, IReadOnlyList<int> seeds, int evalPositives = 3, int evalNegatives = 3, int verdictPositives = 6,
        int verdictNegatives = 6, DateTimeOffset? asOf = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(parent);
        ArgumentNullException.ThrowIfNull(corpus);
        ArgumentNullException.ThrowIfNull(procedures);
        ArgumentNullException.ThrowIfNull(seeds);
        var features = parent.CreateFeatures(encoder, ScreeningOfflineTraining.Parser(asOf ?? new ScreeningOfflineOptions().AsOf));
        var production = parent.For(features) ?? throw new ArgumentException("The parent cannot score its own features.", nameof(parent));
        var jobs = corpus.ProtocolJobs;
        var jobSides = new Dictionary<string, ScreeningJobSide>(StringComparer.Ordinal);
        foreach (var job in jobs) jobSides[job.Code] = await features.PrepareJobAsync(job.Job, cancellationToken).ConfigureAwait(false);
        var resumeSides = new Dictionary<string, ScreeningResumeSide>(StringComparer.Ordinal);
        var runs = new List<ScreeningServedLoopRun>();
        foreach (int seed in seeds)
        {
            var (eval, verdictPlan) = Plan(jobs, corpus.TestResumes, corpus.TrainResumes, evalPositives, evalNegatives, verdictPositives, verdictNegatives, seed);
            foreach (var (_, resume, _) in eval.Concat(verdictPlan))
            {
                if (!resumeSides.ContainsKey(resume.Id)) resumeSides[resume.Id] = await features.PrepareResumeAsync(resume.Text, cancellationToken).ConfigureAwait(false);
            }
            ScreeningExample Example((CategorizedJob Job, CategorizedResume Resume, bool Match) p) =>
                new(p.Job.Code, p.Resume.Id, features.Combine(jobSides[p.Job.Code], resumeSides[p.Resume.Id]), p.Match, "loop-eval");
            var evaluation = eval.Select(Example).ToArray();
            var verdicts = verdictPlan.Select(Example).ToList();
            var vectors = resumeSides.ToDictionary(r => r.Key, r => r.Value.Text, StringComparer.Ordinal);
            bool[] evalLabels = [.. evaluation.Select(e => e.Shortlisted)];
            var before = ScreeningMetrics.Compute([.. evaluation.Select(e => production.Probability(e.Features, e.JobId))], evalLabels, production.Threshold);
            int Fold(string candidate) => (int)(ScreeningModelTrainer.Unit(candidate, "loop-fold", seed) * 5);

            var results = new List<ScreeningServedRun>();
            foreach (var procedure in procedures)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var trainer = new ScreeningModelTrainer(procedure.Trainer with { Seed = 0, Parent = parent });
                var oof = new List<(bool Label, double Candidate, double Production, string Group)>();
                for (int fold = 0; fold < 5; fold++)
                {
                    var foldTrain = verdicts.Where(v => Fold(v.CandidateId) != fold).ToList();
                    var foldTest = verdicts.Where(v => Fold(v.CandidateId) == fold).ToList();
                    if (foldTest.Count == 0) continue;
                    var fitted = Stack(trainer.Train(features, foldTrain, foldTest, cancellationToken).Model, foldTrain, procedure.Layer, vectors);
                    foreach (var e in foldTest) oof.Add((e.Shortlisted, fitted.Probability(e, vectors), production.Probability(e.Features, e.JobId), e.CandidateId));
                }
                bool[] labels = [.. oof.Select(o => o.Label)];
                double[] candidate = [.. oof.Select(o => o.Candidate)], prod = [.. oof.Select(o => o.Production)];
                var gain = PairedBootstrap.RocAucDifference(candidate, prod, labels, 2000, 0.95, seed: 0);
                var byCandidate = PairedBootstrap.RocAucDifference(candidate, prod, labels, [.. oof.Select(o => o.Group)], 2000, 0.95, seed: 0);
                var served = Stack(trainer.FitAll(features, verdicts, cancellationToken), verdicts, procedure.Layer, vectors);
                var servedMetrics = ScreeningMetrics.Compute([.. evaluation.Select(e => served.Probability(e, vectors))], evalLabels, served.Threshold);
                bool promoted = gain.Lower > 0;
                results.Add(new ScreeningServedRun(procedure.Name, ClassificationMetrics.RocAuc(candidate, labels), ClassificationMetrics.RocAuc(prod, labels), gain,
                    promoted, byCandidate, servedMetrics, promoted ? servedMetrics : before));
            }
            runs.Add(new ScreeningServedLoopRun(seed, verdicts.Count, before, results));
        }
        return runs;
    }

    private static Served Stack(ScreeningModel model, List<ScreeningExample> train, ReviewerPrototypes.Options? options, Dictionary<string, SparseVector> vectors) =>
        options is null
            ? new Served(model, null)
            : new Served(model, ReviewerPrototypes.Fit([.. train.Select(e => (e.JobId, vectors[e.CandidateId], model.Logit(e.Features, e.JobId), e.Shortlisted))], options));

    private sealed record Served(ScreeningModel Model, ReviewerPrototypes? Layer)
    {
        public double Threshold => Layer?.Threshold ?? Model.Threshold;

        public double Probability(ScreeningExample e, Dictionary<string, SparseVector> vectors) => Layer is null
            ? Model.Probability(e.Features, e.JobId)
            : Layer.Probability(Model.Logit(e.Features, e.JobId), Layer.Feature(e.JobId, vectors[e.CandidateId]), e.JobId);
    }

    /// <summary>The loop's plan, also <c>bench loop-eval</c>'s: per category a seeded shuffle; negatives from the other categories' pools.</summary>
    internal static (List<(CategorizedJob Job, CategorizedResume Resume, bool Match)> Eval, List<(CategorizedJob Job, CategorizedResume Resume, bool Match)> Verdicts) Plan(
        IReadOnlyList<CategorizedJob> jobs, IReadOnlyList<CategorizedResume> heldOut, IReadOnlyList<CategorizedResume> others,
        int evalPositives, int evalNegatives, int verdictPositives, int verdictNegatives, int seed)
    {
        var random = new Random(seed);
        var evalPool = Pool(heldOut, evalPositives, random);
        var verdictPool = Pool(others, verdictPositives, random);
        var eval = new List<(CategorizedJob, CategorizedResume, bool)>();
        var verdicts = new List<(CategorizedJob, CategorizedResume, bool)>();
        foreach (var job in jobs)
        {
            foreach (var r in evalPool[job.Category]) eval.Add((job, r, true));
            foreach (var r in Others(evalPool, job.Category, evalNegatives, random)) eval.Add((job, r, false));
            foreach (var r in verdictPool[job.Category]) verdicts.Add((job, r, true));
            foreach (var r in Others(verdictPool, job.Category, verdictNegatives, random)) verdicts.Add((job, r, false));
        }
        return (eval, verdicts);

        static Dictionary<string, List<CategorizedResume>> Pool(IReadOnlyList<CategorizedResume> resumes, int perCategory, Random random)
        {
            var pool = new Dictionary<string, List<CategorizedResume>>(StringComparer.Ordinal);
            foreach (var group in resumes.GroupBy(r => r.Category, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                var shuffled = group.OrderBy(r => r.Id, StringComparer.Ordinal).ToArray();
                random.Shuffle(shuffled);
                if (shuffled.Length < perCategory) throw new ArgumentException($"Category {group.Key} has {shuffled.Length} resumes; {perCategory} are needed.");
                pool[group.Key] = [.. shuffled[..perCategory]];
            }
            return pool;
        }

        static IEnumerable<CategorizedResume> Others(Dictionary<string, List<CategorizedResume>> pool, string category, int count, Random random)
        {
            var others = pool.Where(p => p.Key != category).SelectMany(p => p.Value).ToArray();
            random.Shuffle(others);
            return others.Take(count);
        }
    }
}
