using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
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

    /// <summary>The feature of <paramref name="resume"/> for <paramref name="jobId"/>; 0 for a job without verdicts.</summary>
    public double Feature(string jobId, SparseVector resume) =>
        Jobs.TryGetValue(jobId, out var p) ? Cosine(p.Shortlisted, resume) - Cosine(p.Rejected, resume) : 0;

    /// <summary>The calibrated probability from the model's logit and the prototype feature.</summary>
    public double Probability(double modelLogit, double feature) => Sigmoid(A * modelLogit + B * feature + C);

    /// <summary>
    /// Fits the layer on <paramref name="train"/> (job, resume vector, model logit, label): centroids from all of them, the
    /// three weights from leave-one-out features (L2 0.01, Newton).
    /// </summary>
    public static ReviewerPrototypes Fit(IReadOnlyList<(string JobId, SparseVector Resume, double Logit, bool Shortlisted)> train)
    {
        var sums = new Dictionary<(string, bool), (Dictionary<int, double> Sum, int Count)>();
        foreach (var (job, resume, _, label) in train)
        {
            if (!sums.TryGetValue((job, label), out var s)) sums[(job, label)] = s = (new Dictionary<int, double>(), 0);
            Add(s.Sum, resume, 1);
            sums[(job, label)] = (s.Sum, s.Count + 1);
        }
        var x = new double[train.Count][];
        for (int i = 0; i < train.Count; i++)
        {
            var (job, resume, logit, label) = train[i];
            double pos = LeaveOneOutCosine(sums, (job, true), resume, label);
            double neg = LeaveOneOutCosine(sums, (job, false), resume, !label);
            x[i] = [logit, pos - neg, 1];
        }
        double[] y = [.. train.Select(t => t.Shortlisted ? 1.0 : 0.0)];
        var w = Newton(x, y, l2: 0.01);
        double[] loo = [.. x.Select(r => Sigmoid(w[0] * r[0] + w[1] * r[1] + w[2]))];
        var jobs = new Dictionary<string, JobPrototype>(StringComparer.Ordinal);
        foreach (var job in train.Select(t => t.JobId).Distinct(StringComparer.Ordinal))
        {
            jobs[job] = new JobPrototype(Centroid(sums, (job, true)), Centroid(sums, (job, false)));
        }
        return new ReviewerPrototypes { Jobs = jobs, A = w[0], B = w[1], C = w[2], Threshold = MaxF1Threshold(loo, y) };
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

    /// <summary>L2-regularised logistic regression of three weights by Newton's method (3 × 3 solve).</summary>
    private static double[] Newton(double[][] x, double[] y, double l2)
    {
        var w = new double[3];
        for (int iteration = 0; iteration < 50; iteration++)
        {
            var g = new double[3];
            var h = new double[3, 3];
            for (int i = 0; i < x.Length; i++)
            {
                double p = Sigmoid(w[0] * x[i][0] + w[1] * x[i][1] + w[2] * x[i][2]);
                for (int a = 0; a < 3; a++)
                {
                    g[a] += (p - y[i]) * x[i][a];
                    for (int b = 0; b < 3; b++) h[a, b] += p * (1 - p) * x[i][a] * x[i][b];
                }
            }
            for (int a = 0; a < 2; a++)
            {
                g[a] += l2 * w[a];
                h[a, a] += l2;
            }
            h[2, 2] += 1e-9;
            var step = Solve(h, g);
            double change = 0;
            for (int a = 0; a < 3; a++)
            {
                w[a] -= step[a];
                change = Math.Max(change, Math.Abs(step[a]));
            }
            if (change < 1e-8) break;
        }
        return w;
    }

    private static double[] Solve(double[,] m, double[] v)
    {
        int n = v.Length;
        var a = (double[,])m.Clone();
        var b = (double[])v.Clone();
        for (int col = 0; col < n; col++)
        {
            int pivot = col;
            for (int r = col + 1; r < n; r++) if (Math.Abs(a[r, col]) > Math.Abs(a[pivot, col])) pivot = r;
            for (int c = 0; c < n; c++) (a[col, c], a[pivot, c]) = (a[pivot, c], a[col, c]);
            (b[col], b[pivot]) = (b[pivot], b[col]);
            if (Math.Abs(a[col, col]) < 1e-12) return new double[n];
            for (int r = 0; r < n; r++)
            {
                if (r == col) continue;
                double f = a[r, col] / a[col, col];
                for (int c = col; c < n; c++) a[r, c] -= f * a[col, c];
                b[r] -= f * b[col];
            }
        }
        var x = new double[n];
        for (int i = 0; i < n; i++) x[i] = b[i] / a[i, i];
        return x;
    }

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
    public byte[] ToArtifact(ScreeningModel model) => JsonSerializer.SerializeToUtf8Bytes(new Artifact
    {
        Format = Format, Model = Convert.ToBase64String(model.ToJsonBytes()), A = A, B = B, C = C, Threshold = Threshold,
        Jobs = Jobs.ToDictionary(j => j.Key, j => new ArtifactJob
        {
            ShortlistedIndices = j.Value.Shortlisted.Indices, ShortlistedValues = j.Value.Shortlisted.Values,
            RejectedIndices = j.Value.Rejected.Indices, RejectedValues = j.Value.Rejected.Values,
        }, StringComparer.Ordinal),
    }, ArtifactJson.Options);

    /// <summary>Whether <paramref name="artifact"/> is this format (else a plain <see cref="ScreeningModel"/> artifact).</summary>
    public static bool IsArtifact(byte[] artifact) => artifact.AsSpan().IndexOf("\"format\":\"talentflow.screening-loop/1\""u8) >= 0;

    /// <summary>Reads what <see cref="ToArtifact"/> wrote.</summary>
    /// <exception cref="InvalidDataException">Not this format.</exception>
    public static (ScreeningModel Model, ReviewerPrototypes Layer) Read(byte[] artifact)
    {
        var a = JsonSerializer.Deserialize<Artifact>(artifact, ArtifactJson.Options);
        if (a is not { Format: Format, Model: { } model, Jobs: { } jobs }) throw new InvalidDataException("Not a screening-loop artifact.");
        var layer = new ReviewerPrototypes
        {
            A = a.A, B = a.B, C = a.C, Threshold = a.Threshold,
            Jobs = jobs.ToDictionary(j => j.Key, j => new JobPrototype(
                new SparseVector(j.Value.ShortlistedIndices ?? [], j.Value.ShortlistedValues ?? []),
                new SparseVector(j.Value.RejectedIndices ?? [], j.Value.RejectedValues ?? [])), StringComparer.Ordinal),
        };
        return (ScreeningModel.Load(Convert.FromBase64String(model)), layer);
    }

    /// <summary>The version of an artifact: <c>screening-loop-</c> + 16 hex digits of its SHA-256.</summary>
    public static string VersionOf(byte[] artifact) => "screening-loop-" + Convert.ToHexStringLower(SHA256.HashData(artifact))[..16];

    private static class ArtifactJson
    {
        public static readonly JsonSerializerOptions Options = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower, NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals };
    }

    private sealed class Artifact
    {
        public string? Format { get; set; }
        public string? Model { get; set; }
        public double A { get; set; }
        public double B { get; set; }
        public double C { get; set; }
        public double Threshold { get; set; }
        public Dictionary<string, ArtifactJob>? Jobs { get; set; }
    }

    private sealed class ArtifactJob
    {
        public int[]? ShortlistedIndices { get; set; }
        public float[]? ShortlistedValues { get; set; }
        public int[]? RejectedIndices { get; set; }
        public float[]? RejectedValues { get; set; }
    }
}

/// <summary>A job's centroids of the resumes its reviewers shortlisted and rejected (unit length; empty when none).</summary>
/// <param name="Shortlisted">Shortlisted centroid.</param>
/// <param name="Rejected">Rejected centroid.</param>
public sealed record JobPrototype(SparseVector Shortlisted, SparseVector Rejected);
