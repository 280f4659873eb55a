using System.Security.Cryptography;
using TalentFlow.ML.Artifacts;
using TalentFlow.ML.Tfidf;

namespace TalentFlow.ML.Screening;

/// <summary>
/// Relevance feedback on top of a <see cref="ScreeningModel"/> (Rocchio): per job, the centroids of the TF-IDF vectors of the
/// resumes its reviewers shortlisted and rejected; a resume's feature is its cosine to the first minus its cosine to the
/// second. The trained version's logit is <c>a · model logit + b · that feature + c</c>, fitted on the training verdicts with
/// leave-one-out centroids (a resume never votes for itself). Verdicts teach what a job's description cannot say: what the
/// people it shortlists look like.
/// </summary>
public sealed class ReviewerPrototypes
{
    /// <summary>The artifact's format id.</summary>
    public const string Format = "talentflow.screening-loop/1";

    /// <summary>Per job: the shortlisted and rejected centroids (unit length, or empty).</summary>
    public required IReadOnlyDictionary<string, JobPrototype> Jobs { get; init; }

    /// <summary>Weight of the model's logit.</summary>
    public required double A { get; init; }

    /// <summary>Weight of the prototype feature.</summary>
    public required double B { get; init; }

    /// <summary>Intercept.</summary>
    public required double C { get; init; }

    /// <summary>The default threshold (largest F1 of the leave-one-out probabilities on the training verdicts).</summary>
    public required double Threshold { get; init; }

    /// <summary>Per job: the intercept and the prototype feature's extra slope, shrunk towards 0 (empty for the legacy fit).</summary>
    public IReadOnlyDictionary<string, (double Intercept, double Slope)> JobTerms { get; init; } = new Dictionary<string, (double, double)>(StringComparer.Ordinal);

    /// <summary>How the layer is fitted.</summary>
    public sealed record Options
    {
        /// <summary>The fit as first written: global weights only, L2 0.01 on the model's logit and the feature.</summary>
        public static Options Legacy { get; } = new() { JobIntercepts = false, JobSlopes = false, TwoCosines = false, L2 = 0.01 };

        /// <summary>Prior precision of the global weights of the model's logit and the feature. Default 0.01.</summary>
        public double L2 { get; init; } = 0.01;

        /// <summary>Fit a per-job intercept on the stacked logit (the job's own threshold, shrunk). Default true.</summary>
        public bool JobIntercepts { get; init; } = true;

        /// <summary>Prior precision of a per-job intercept. Default 1.</summary>
        public double JobInterceptL2 { get; init; } = 1;

        /// <summary>Fit a per-job extra slope of the prototype feature (how much this job's verdicts say). Default false.</summary>
        public bool JobSlopes { get; init; }

        /// <summary>
        /// Weigh the cosine to the rejected centroid by its own fitted weight (the feature becomes cosine to the shortlisted
        /// minus <see cref="RejectedWeight"/> × cosine to the rejected) instead of 1. Default true.
        /// </summary>
        public bool TwoCosines { get; init; } = true;

        /// <summary>Prior precision of a per-job slope. Default 0.1.</summary>
        public double JobSlopeL2 { get; init; } = 0.1;

        internal void Validate()
        {
            if (!(L2 >= 0 && JobInterceptL2 > 0 && JobSlopeL2 > 0)) throw new ArgumentOutOfRangeException(nameof(L2), "Prior precisions must be positive.");
        }
    }

    /// <summary>The weight of the cosine to the rejected centroid in <see cref="Feature"/>, relative to the shortlisted one's (1 unless fitted).</summary>
    public double RejectedWeight { get; init; } = 1;

    /// <summary>The feature of <paramref name="resume"/> for <paramref name="jobId"/>; 0 for a job without verdicts.</summary>
    public double Feature(string jobId, SparseVector resume) =>
        Jobs.TryGetValue(jobId, out var p) ? Cosine(p.Shortlisted, resume) - RejectedWeight * Cosine(p.Rejected, resume) : 0;

    /// <summary>The calibrated probability from the model's logit and the prototype feature (global weights only).</summary>
    public double Probability(double modelLogit, double feature) => Sigmoid(A * modelLogit + B * feature + C);

    /// <summary>The calibrated probability from the model's logit and the prototype feature, with the job's own terms when it has them.</summary>
    public double Probability(double modelLogit, double feature, string? jobId)
    {
        var (intercept, slope) = jobId is not null && JobTerms.TryGetValue(jobId, out var t) ? t : (0, 0);
        return Sigmoid(A * modelLogit + (B + slope) * feature + C + intercept);
    }

    /// <summary>Fits the layer with the default <see cref="Options"/>.</summary>
    public static ReviewerPrototypes Fit(IReadOnlyList<(string JobId, SparseVector Resume, double Logit, bool Shortlisted)> train) => Fit(train, new Options());

    /// <summary>
    /// Fits the layer on <paramref name="train"/> (job, resume vector, model logit, label): centroids from all of them, the
    /// three global weights from leave-one-out features (Newton), then — with <paramref name="options"/> — each job's intercept
    /// (and slope) on the global fit's residuals, shrunk towards 0 by its prior (block coordinate descent, as GLMix); the
    /// default threshold maximises F1 of the leave-one-out probabilities.
    /// </summary>
    public static ReviewerPrototypes Fit(IReadOnlyList<(string JobId, SparseVector Resume, double Logit, bool Shortlisted)> train, Options options)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var sums = new Dictionary<(string, bool), (Dictionary<int, double> Sum, int Count)>();
        foreach (var (job, resume, _, label) in train)
        {
            if (!sums.TryGetValue((job, label), out var s)) sums[(job, label)] = s = (new Dictionary<int, double>(), 0);
            Add(s.Sum, resume, 1);
            sums[(job, label)] = (s.Sum, s.Count + 1);
        }
        var cosines = new (double Pos, double Neg)[train.Count];
        for (int i = 0; i < train.Count; i++)
        {
            var (job, resume, _, label) = train[i];
            cosines[i] = (LeaveOneOutCosine(sums, (job, true), resume, label), LeaveOneOutCosine(sums, (job, false), resume, !label));
        }
        double[] y = [.. train.Select(t => t.Shortlisted ? 1.0 : 0.0)];
        var rows = Enumerable.Range(0, train.Count).ToArray();
        double rejectedWeight = 1;
        if (options.TwoCosines)
        {
            // Both cosines by their own weights first; the feature is then their fitted combination (the shortlisted one's weight as 1).
            var both = cosines.Select((c, i) => new[] { train[i].Logit, c.Pos, c.Neg, 1 }).ToArray();
            var v = LogisticNewton.Fit(both, rows, y, new double[train.Count], [0, 0, 0, 0], [options.L2, options.L2, options.L2, 1e-9]);
            if (v[1] > 1e-6) rejectedWeight = Math.Clamp(-v[2] / v[1], 0, 4);
        }
        var x = new double[train.Count][];
        for (int i = 0; i < train.Count; i++) x[i] = [train[i].Logit, cosines[i].Pos - rejectedWeight * cosines[i].Neg, 1];
        var offset = new double[train.Count];
        var terms = new Dictionary<string, (double Intercept, double Slope)>(StringComparer.Ordinal);
        var byJob = rows.GroupBy(i => train[i].JobId, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).ToArray();
        bool perJob = options.JobIntercepts || options.JobSlopes;
        double[] w = [0, 0, 0];
        for (int round = 0; round < (perJob ? 4 : 1); round++)
        {
            for (int i = 0; i < x.Length; i++) offset[i] = JobTerm(terms, train[i].JobId, x[i][1]);
            w = LogisticNewton.Fit(x, rows, y, offset, [0, 0, 0], [options.L2, options.L2, 1e-9]);
            if (!perJob) break;
            for (int i = 0; i < x.Length; i++) offset[i] = w[0] * x[i][0] + w[1] * x[i][1] + w[2];
            foreach (var group in byJob)
            {
                var jobRows = group.ToArray();
                // Columns: the intercept, the feature; a term not fitted has an infinite-like precision (stays 0).
                var columns = x.Select(r => new[] { 1.0, r[1] }).ToArray();
                var t = LogisticNewton.Fit(columns, jobRows, y, offset, [0, 0],
                    [options.JobIntercepts ? options.JobInterceptL2 : 1e12, options.JobSlopes ? options.JobSlopeL2 : 1e12]);
                terms[group.Key] = (t[0], t[1]);
            }
        }
        double[] loo = [.. x.Select((r, i) => Sigmoid(w[0] * r[0] + w[1] * r[1] + w[2] + JobTerm(terms, train[i].JobId, r[1])))];
        var jobs = new Dictionary<string, JobPrototype>(StringComparer.Ordinal);
        foreach (var job in train.Select(t => t.JobId).Distinct(StringComparer.Ordinal))
        {
            jobs[job] = new JobPrototype(Centroid(sums, (job, true)), Centroid(sums, (job, false)));
        }
        return new ReviewerPrototypes { Jobs = jobs, A = w[0], B = w[1], C = w[2], Threshold = MaxF1Threshold(loo, y), JobTerms = terms, RejectedWeight = rejectedWeight };

        static double JobTerm(Dictionary<string, (double Intercept, double Slope)> terms, string job, double feature) =>
            terms.TryGetValue(job, out var t) ? t.Intercept + t.Slope * feature : 0;
    }

    private static double LeaveOneOutCosine(Dictionary<(string, bool), (Dictionary<int, double> Sum, int Count)> sums, (string, bool) key, SparseVector resume, bool own)
    {
        if (!sums.TryGetValue(key, out var s)) return 0;
        if (!own) return Cosine(s.Sum, resume);
        if (s.Count < 2) return 0;
        var without = new Dictionary<int, double>(s.Sum);
        Add(without, resume, -1);
        return Cosine(without, resume);
    }

    private static SparseVector Centroid(Dictionary<(string, bool), (Dictionary<int, double> Sum, int Count)> sums, (string, bool) key)
    {
        if (!sums.TryGetValue(key, out var s) || s.Sum.Count == 0) return SparseVector.Empty;
        double norm = Math.Sqrt(s.Sum.Values.Sum(v => v * v));
        if (norm == 0) return SparseVector.Empty;
        var ordered = s.Sum.Where(p => p.Value != 0).OrderBy(p => p.Key).ToArray();
        return new SparseVector([.. ordered.Select(p => p.Key)], [.. ordered.Select(p => (float)(p.Value / norm))]);
    }

    private static void Add(Dictionary<int, double> sum, SparseVector v, double sign)
    {
        for (int i = 0; i < v.Indices.Length; i++) sum[v.Indices[i]] = sum.GetValueOrDefault(v.Indices[i]) + sign * v.Values[i];
    }

    private static double Cosine(Dictionary<int, double> sum, SparseVector v)
    {
        double dot = 0, norm = 0, vnorm = 0;
        foreach (var value in sum.Values) norm += value * value;
        for (int i = 0; i < v.Indices.Length; i++)
        {
            vnorm += v.Values[i] * (double)v.Values[i];
            if (sum.TryGetValue(v.Indices[i], out var s)) dot += s * v.Values[i];
        }
        return norm == 0 || vnorm == 0 ? 0 : dot / Math.Sqrt(norm * vnorm);
    }

    private static double Cosine(SparseVector centroid, SparseVector v) => centroid.Count == 0 || v.Count == 0 ? 0 : centroid.Cosine(v);

    private static double Sigmoid(double z) => z >= 0 ? 1 / (1 + Math.Exp(-z)) : Math.Exp(z) / (1 + Math.Exp(z));

    private static double MaxF1Threshold(double[] p, double[] y)
    {
        double best = 0.5, bestF1 = -1;
        foreach (double t in p.Distinct().Order())
        {
            int tp = 0, fp = 0, fn = 0;
            for (int i = 0; i < p.Length; i++)
            {
                bool yes = p[i] >= t;
                if (yes && y[i] == 1) tp++;
                else if (yes) fp++;
                else if (y[i] == 1) fn++;
            }
            double f1 = tp == 0 ? 0 : 2.0 * tp / (2 * tp + fp + fn);
            if (f1 > bestF1) (bestF1, best) = (f1, t);
        }
        return Math.Clamp(best, 1e-6, 1 - 1e-6);
    }

    /// <summary>The artifact: the base model's JSON and this layer.</summary>
    public byte[] ToArtifact(ScreeningModel model) => ModelArtifact.ToBytes(new ScreeningLoopArtifact
    {
        Format = Format, Model = Convert.ToBase64String(model.ToJsonBytes()), A = A, B = B, C = C, Threshold = Threshold, RejectedWeight = RejectedWeight,
        Jobs = Jobs.ToDictionary(j => j.Key, j => new ScreeningLoopJob
        {
            ShortlistedIndices = j.Value.Shortlisted.Indices, ShortlistedValues = j.Value.Shortlisted.Values,
            RejectedIndices = j.Value.Rejected.Indices, RejectedValues = j.Value.Rejected.Values,
            Intercept = JobTerms.TryGetValue(j.Key, out var t) ? t.Intercept : 0, Slope = JobTerms.TryGetValue(j.Key, out var u) ? u.Slope : 0,
        }, StringComparer.Ordinal),
    }, ScreeningLoopJson.Default.ScreeningLoopArtifact);

    /// <summary>Whether <paramref name="artifact"/> is this format (else a plain <see cref="ScreeningModel"/> artifact).</summary>
    public static bool IsArtifact(byte[] artifact) => artifact.AsSpan().IndexOf("\"format\":\"talentflow.screening-loop/1\""u8) >= 0;

    /// <summary>Reads what <see cref="ToArtifact"/> wrote.</summary>
    /// <exception cref="InvalidDataException">Not this format.</exception>
    public static (ScreeningModel Model, ReviewerPrototypes Layer) Read(byte[] artifact)
    {
        var a = ModelArtifact.Read(artifact, ScreeningLoopJson.Default.ScreeningLoopArtifact, Format);
        if (a is not { Model: { } model, Jobs: { } jobs }) throw new InvalidDataException($"A {Format} artifact without its base model or jobs.");
        var layer = new ReviewerPrototypes
        {
            A = a.A, B = a.B, C = a.C, Threshold = a.Threshold, RejectedWeight = a.RejectedWeight,
            Jobs = jobs.ToDictionary(j => j.Key, j => new JobPrototype(
                new SparseVector(j.Value.ShortlistedIndices ?? [], j.Value.ShortlistedValues ?? []),
                new SparseVector(j.Value.RejectedIndices ?? [], j.Value.RejectedValues ?? [])), StringComparer.Ordinal),
            // Artifacts written before per-job terms carry none (0 and 0): they score as they did.
            JobTerms = jobs.Where(j => j.Value.Intercept != 0 || j.Value.Slope != 0)
                .ToDictionary(j => j.Key, j => (j.Value.Intercept, j.Value.Slope), StringComparer.Ordinal),
        };
        return (ScreeningModel.Load(Convert.FromBase64String(model)), layer);
    }

    /// <summary>The version of an artifact: <c>screening-loop-</c> + 16 hex digits of its SHA-256.</summary>
    public static string VersionOf(byte[] artifact) => "screening-loop-" + Convert.ToHexStringLower(SHA256.HashData(artifact))[..16];
}

/// <summary>A job's centroids of the resumes its reviewers shortlisted and rejected (unit length; empty when none).</summary>
/// <param name="Shortlisted">Shortlisted centroid.</param>
/// <param name="Rejected">Rejected centroid.</param>
public sealed record JobPrototype(SparseVector Shortlisted, SparseVector Rejected);
