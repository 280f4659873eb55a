using System.Collections.Concurrent;
using TalentFlow.ML.Encoders;
using TalentFlow.ML.Matching;
using TalentFlow.ML.Parsing;

namespace TalentFlow.ML.Screening;

/// <summary>How the built-in screening model is trained offline.</summary>
public sealed record ScreeningOfflineOptions
{
    /// <summary>Seed of everything random. Default 0.</summary>
    public int Seed { get; init; }

    /// <summary>
    /// Also fit the vocabulary on the training resumes, not only on O*NET occupation texts (measured: held-out AUC 0.81 against
    /// 0.79). The artifact then holds the 8,000 most frequent stemmed words and word pairs of both — frequent words, no text. Default true.
    /// </summary>
    public bool VocabularyFromResumes { get; init; } = true;

    /// <summary>
    /// The date "present" means in resumes' date ranges, so that a rerun rebuilds the same model on another day.
    /// Default 2026-12-01.
    /// </summary>
    public DateTimeOffset AsOf { get; init; } = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// Rejected pairs kept per shortlisted pair of each training job (the rest of that job's other-category resumes are left
    /// out, chosen by a seeded hash): the calibration's prior. 1 calibrates for an applicant pool of half matches, as a job's
    /// applicants (self-selected) are nearer to than to a random draw of resumes; null keeps every pair. Default 1.
    /// </summary>
    public double? NegativesPerPositive { get; init; } = 1;

    /// <summary>The text space's options.</summary>
    public ScreeningVocabularyOptions Vocabulary { get; init; } = new();

    /// <summary>
    /// When a <see cref="ScreeningAdsCorpus"/> is given, also train on its training ads × training resumes (and fit the
    /// vocabulary on them), so the model sees a second wording of jobs; false measures on the ads only. Default true.
    /// </summary>
    public bool TrainOnAds { get; init; } = true;

    /// <summary>
    /// Per-job z-normalisation of the similarity features (<see cref="ScreeningBackground"/>): against no pool (raw features),
    /// the repository's synthetic resumes (shippable), or training resumes (measurement only: the artifact would carry their
    /// texts, so such a model is never shipped). Default <see cref="ScreeningBackgroundKind.None"/>.
    /// </summary>
    public ScreeningBackgroundKind Normalisation { get; init; }

    /// <summary>Resumes in the background pool. Default 48 (the sample corpus's count).</summary>
    public int BackgroundSize { get; init; } = 48;

    /// <summary>Features the pool normalises; null: <see cref="ScreeningBackground.SimilarityFeatures"/>.</summary>
    public IReadOnlyList<string>? BackgroundFeatures { get; init; }

    /// <summary>The pool's floor of a job's deviation (<see cref="ScreeningBackground.MinScale"/>); a large value centres only. Default 0.01.</summary>
    public double BackgroundMinScale { get; init; } = 0.01;

    /// <summary>
    /// The trainer's options. Default: no per-job effects (the built-in model meets only new jobs; offsets of training
    /// occupations would never be used) and the threshold that maximises out-of-fold F1.
    /// </summary>
    public ScreeningModelTrainer.Options Trainer { get; init; } = new() { PerJobOffsets = false, PerJobCoefficients = false };
}

/// <summary>Which background pool the offline training normalises against (<see cref="ScreeningOfflineOptions.Normalisation"/>).</summary>
public enum ScreeningBackgroundKind
{
    /// <summary>Raw features.</summary>
    None,

    /// <summary>The repository's synthetic resumes (<see cref="ScreeningBackground.Synthetic"/>).</summary>
    Synthetic,

    /// <summary>Synthetic resumes from the shipped occupation space (<see cref="ScreeningBackground.FromOccupations"/>).</summary>
    Occupations,

    /// <summary>
    /// The centroid of the training resumes (<see cref="ScreeningBackground.CentroidOf"/>, <see cref="ScreeningOfflineOptions.BackgroundSize"/>
    /// of them): the dot-product features centred per job; the artifact holds the average vectors, no resume's text or vector.
    /// </summary>
    TrainingCentroid,

    /// <summary>Training resumes chosen by a seeded hash: to measure what the synthetic pool costs; never shipped.</summary>
    TrainingResumes,
}

/// <summary>Held-out measurement of a screening model beside the baseline matcher's score, on a <see cref="ScreeningCorpus"/>.</summary>
/// <param name="HeldOut">Every held-out occupation × every held-out resume.</param>
/// <param name="Protocol">
/// The protocol: one held-out occupation per category, posted as one paragraph, with every held-out resume of its
/// category and as many held-out resumes of other categories (seeded), so half are matches — as in the 24 jobs.
/// </param>
/// <param name="BaselineHeldOut">Today's score (the baseline matcher fitted on the training texts, SHORTLIST at 0.5) on the same pairs as <paramref name="HeldOut"/>.</param>
/// <param name="BaselineProtocol">The same on the protocol's pairs.</param>
/// <param name="Ads">Every held-out real job ad × every held-out resume of <see cref="ScreeningAdsCorpus"/> (another wording), when given.</param>
/// <param name="BaselineAds">The baseline on the same pairs as <paramref name="Ads"/>.</param>
public sealed record ScreeningEvaluation(ScreeningMetrics HeldOut, ScreeningMetrics Protocol, ScreeningMetrics BaselineHeldOut, ScreeningMetrics BaselineProtocol,
    ScreeningMetrics? Ads = null, ScreeningMetrics? BaselineAds = null);

/// <summary>
/// The built-in screening model's offline training and evaluation: training occupations × training resumes are the labelled
/// pairs, held-out occupations × held-out resumes measure it (no resume and no occupation on both sides). The vocabulary and
/// the occupation space never see a held-out occupation.
/// </summary>
public static class ScreeningOfflineTraining
{
    /// <summary>Fits the text space and the model, and measures it.</summary>
    /// <param name="corpus">Resumes of known category against O*NET occupations.</param>
    /// <param name="options">How.</param>
    /// <param name="encoder">The sentence encoder whose cosines are features; null for none.</param>
    /// <param name="ads">Real job ads of another wording: their training side joins the training pairs (and the vocabulary) when
    /// <see cref="ScreeningOfflineOptions.TrainOnAds"/>; their held-out side is always measured. Null: occupations only.</param>
    /// <param name="cancellationToken">Cancels.</param>
    public static async Task<(ScreeningModel Model, ScreeningEvaluation Evaluation)> TrainAsync(
        ScreeningCorpus corpus, ScreeningOfflineOptions? options = null, IEncoder? encoder = null, ScreeningAdsCorpus? ads = null, CancellationToken cancellationToken = default)
    {
        options ??= new ScreeningOfflineOptions();
        var (features, train, test) = await BuildPairsAsync(corpus, options, encoder, ads, cancellationToken).ConfigureAwait(false);
        // The model's own held-out metrics are taken at the prior it was calibrated for.
        var heldOut = options.NegativesPerPositive is { } ratio ? Balance(test, ratio, options.Seed) : test;
        var result = new ScreeningModelTrainer(options.Trainer with { Seed = options.Seed }).Train(features, train, heldOut, cancellationToken);
        var evaluation = await EvaluateAsync(result.Model, corpus, encoder, options.AsOf, ads, cancellationToken).ConfigureAwait(false);
        return (result.Model, evaluation);
    }

    /// <summary>The text space, its feature extractor, and the training and held-out pairs.</summary>
    public static async Task<(ScreeningFeatures Features, List<ScreeningExample> Train, List<ScreeningExample> Test)> BuildPairsAsync(
        ScreeningCorpus corpus, ScreeningOfflineOptions options, IEncoder? encoder = null, ScreeningAdsCorpus? ads = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(corpus);
        ArgumentNullException.ThrowIfNull(options);
        var vocabulary = FitVocabulary(corpus, options, options.TrainOnAds ? ads : null);
        var background = Background(corpus, options, vocabulary);
        if (options.Normalisation == ScreeningBackgroundKind.TrainingCentroid)
        {
            var raw = new ScreeningFeatures(vocabulary, encoder, Parser(options.AsOf));
            var pool = corpus.TrainResumes.OrderBy(r => ScreeningModelTrainer.Unit(r.Id, "background", options.Seed)).Take(options.BackgroundSize).ToArray();
            var sides = new ScreeningResumeSide[pool.Length];
            await Parallel.ForAsync(0, pool.Length, cancellationToken, async (r, ct) =>
                sides[r] = await raw.PrepareResumeAsync(pool[r].Text, ct).ConfigureAwait(false)).ConfigureAwait(false);
            background = ScreeningBackground.CentroidOf(FormattableString.Invariant($"training-centroid-{pool.Length}-seed{options.Seed}"), sides, options.BackgroundFeatures);
        }
        var features = new ScreeningFeatures(vocabulary, encoder, Parser(options.AsOf), background: background);
        var train = await PairsAsync(features, corpus.TrainJobs, corpus.TrainResumes, cancellationToken).ConfigureAwait(false);
        if (ads is not null && options.TrainOnAds)
        {
            train.AddRange(await PairsAsync(features, ads.TrainJobs, ads.TrainResumes, cancellationToken).ConfigureAwait(false));
        }
        if (options.NegativesPerPositive is { } ratio) train = Balance(train, ratio, options.Seed);
        var test = await PairsAsync(features, corpus.TestJobs, corpus.TestResumes, cancellationToken).ConfigureAwait(false);
        return (features, train, test);
    }

    /// <summary>The background pool of <see cref="ScreeningOfflineOptions.Normalisation"/>, or null.</summary>
    public static ScreeningBackground? Background(ScreeningCorpus corpus, ScreeningOfflineOptions options, ScreeningVocabulary vocabulary)
    {
        ArgumentNullException.ThrowIfNull(corpus);
        ArgumentNullException.ThrowIfNull(options);
        return options.Normalisation switch
        {
            ScreeningBackgroundKind.Synthetic => new ScreeningBackground(FormattableString.Invariant($"synthetic-{options.BackgroundSize}-seed7"),
                SyntheticCorpus.Generate(options.BackgroundSize, 7), options.BackgroundFeatures, options.BackgroundMinScale),
            ScreeningBackgroundKind.Occupations => ScreeningBackground.FromOccupations(vocabulary, options.BackgroundSize, options.Seed, options.BackgroundFeatures),
            ScreeningBackgroundKind.TrainingResumes => new ScreeningBackground(FormattableString.Invariant($"training-resumes-{options.BackgroundSize}-seed{options.Seed}"),
                [.. corpus.TrainResumes.OrderBy(r => ScreeningModelTrainer.Unit(r.Id, "background", options.Seed)).Take(options.BackgroundSize).Select(r => r.Text)],
                options.BackgroundFeatures, options.BackgroundMinScale),
            _ => null,
        };
    }

    /// <summary>The vocabulary: O*NET texts of every occupation not held out (and, optionally, the training resumes).</summary>
    public static ScreeningVocabulary FitVocabulary(ScreeningCorpus corpus, ScreeningOfflineOptions options, ScreeningAdsCorpus? ads = null)
    {
        ArgumentNullException.ThrowIfNull(corpus);
        ArgumentNullException.ThrowIfNull(options);
        var heldOut = corpus.HeldOutCodes;
        var occupations = corpus.Catalog.Occupations.Where(o => !heldOut.Contains(o.Code)).Select(o => (o.Code, o.Title, o.Text)).ToArray();
        IEnumerable<string> adTexts = ads is null ? [] : ads.TrainJobs.Select(j => j.Job.Title + "\n" + j.Job.Description);
        IReadOnlyList<string> texts = options.VocabularyFromResumes
            ? [.. occupations.Select(o => o.Text), .. corpus.TrainResumes.Select(r => r.Text), .. adTexts, .. ads?.TrainResumes.Select(r => r.Text) ?? []]
            : [.. occupations.Select(o => o.Text), .. adTexts];
        return ScreeningVocabulary.Fit(texts, occupations, options.Vocabulary);
    }

    /// <summary>Measures <paramref name="model"/> on the held-out pairs, beside the baseline matcher.</summary>
    public static async Task<ScreeningEvaluation> EvaluateAsync(ScreeningModel model, ScreeningCorpus corpus, IEncoder? encoder = null, DateTimeOffset? asOf = null,
        ScreeningAdsCorpus? ads = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(corpus);
        var features = model.CreateFeatures(encoder, Parser(asOf ?? new ScreeningOfflineOptions().AsOf));
        var pairs = await PairsAsync(features, corpus.TestJobs, corpus.TestResumes, cancellationToken).ConfigureAwait(false);
        var protocolCodes = corpus.ProtocolJobs.Select(j => j.Code).ToHashSet(StringComparer.Ordinal);
        ScreeningMetrics Measure(IEnumerable<ScreeningExample> subset)
        {
            var list = subset.ToArray();
            return ScreeningMetrics.Compute([.. list.Select(e => model.Probability(e.Features, e.JobId))], [.. list.Select(e => e.Shortlisted)], model.Threshold);
        }

        // Today's score: the baseline matcher (per-section TF-IDF) fitted on the training texts, SHORTLIST at 0.5.
        var matcher = BaselineMatcher.Fit([.. corpus.TrainResumes.Select(r => r.Text), .. corpus.TrainJobs.Select(j => j.Job.Title + "\n" + j.Job.Description)]);
        var resumes = corpus.TestResumes.ToDictionary(r => r.Id, r => matcher.Prepare(r.Text), StringComparer.Ordinal);
        var jobs = corpus.TestJobs.ToDictionary(j => j.Code, j => matcher.Prepare(j.Job.Title + "\n" + j.Job.Description), StringComparer.Ordinal);
        ScreeningMetrics Baseline(IEnumerable<ScreeningExample> subset)
        {
            var list = subset.ToArray();
            return ScreeningMetrics.Compute([.. list.Select(e => matcher.Score(resumes[e.CandidateId], jobs[e.JobId]).Score)], [.. list.Select(e => e.Shortlisted)], matcher.Options.ShortlistThreshold);
        }

        var protocol = Balance([.. pairs.Where(p => protocolCodes.Contains(p.JobId))], 1, seed: 0);
        ScreeningMetrics? adsMetrics = null, adsBaseline = null;
        if (ads is not null)
        {
            var adPairs = await PairsAsync(features, ads.TestJobs, ads.TestResumes, cancellationToken).ConfigureAwait(false);
            // Every held-out ad × every held-out resume (a match is rare: F1 is at that prior; ROC-AUC does not depend on it).
            adsMetrics = Measure(adPairs);
            foreach (var r in ads.TestResumes) resumes[r.Id] = matcher.Prepare(r.Text);
            foreach (var j in ads.TestJobs) jobs[j.Code] = matcher.Prepare(j.Job.Title + "\n" + j.Job.Description);
            adsBaseline = Baseline(adPairs);
        }
        return new ScreeningEvaluation(Measure(pairs), Measure(protocol), Baseline(pairs), Baseline(protocol), adsMetrics, adsBaseline);
    }

    /// <summary>Per job: every shortlisted pair and <paramref name="ratio"/> times as many rejected ones, chosen by a seeded hash.</summary>
    public static List<ScreeningExample> Balance(IReadOnlyList<ScreeningExample> pairs, double ratio, int seed)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        var result = new List<ScreeningExample>();
        foreach (var job in pairs.GroupBy(p => p.JobId, StringComparer.Ordinal))
        {
            var positives = job.Where(p => p.Shortlisted).ToArray();
            int keep = (int)Math.Round(positives.Length * ratio);
            var negatives = job.Where(p => !p.Shortlisted).OrderBy(p => ScreeningModelTrainer.Unit(p.JobId + "|" + p.CandidateId, "negative", seed)).Take(keep);
            result.AddRange(positives.Concat(negatives).OrderBy(p => p.CandidateId, StringComparer.Ordinal));
        }
        return result;
    }

    internal static ResumeParser Parser(DateTimeOffset asOf) => new(time: new FixedTime(asOf));

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    /// <summary>Every job × every resume as labelled examples (label: same category), each side prepared once.</summary>
    public static async Task<List<ScreeningExample>> PairsAsync(ScreeningFeatures features, IReadOnlyList<CategorizedJob> jobs, IReadOnlyList<CategorizedResume> resumes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(jobs);
        ArgumentNullException.ThrowIfNull(resumes);
        var jobSides = new ScreeningJobSide[jobs.Count];
        for (int j = 0; j < jobs.Count; j++) jobSides[j] = await features.PrepareJobAsync(jobs[j].Job, cancellationToken).ConfigureAwait(false);
        var resumeSides = new ScreeningResumeSide[resumes.Count];
        await Parallel.ForAsync(0, resumes.Count, cancellationToken, async (r, ct) =>
            resumeSides[r] = await features.PrepareResumeAsync(resumes[r].Text, ct).ConfigureAwait(false)).ConfigureAwait(false);
        var examples = new ConcurrentBag<(int J, int R, ScreeningExample E)>();
        Parallel.For(0, jobs.Count, j =>
        {
            for (int r = 0; r < resumes.Count; r++)
            {
                examples.Add((j, r, new ScreeningExample(jobs[j].Code, resumes[r].Id, features.Combine(jobSides[j], resumeSides[r]),
                    string.Equals(jobs[j].Category, resumes[r].Category, StringComparison.Ordinal))));
            }
        });
        return [.. examples.OrderBy(e => e.J).ThenBy(e => e.R).Select(e => e.E)];
    }
}
