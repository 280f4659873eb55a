using System.Text.Json;
using System.Text.Json.Serialization;

namespace TalentFlow.ML.Scoring;

/// <summary>How a <see cref="MatchScorer"/> trains (the seed's flags: epochs, batch size, learning rate).</summary>
public sealed record MatchScorerOptions
{
    /// <summary>Passes over the training pairs. Default 200.</summary>
    public int Epochs { get; init; } = 200;

    /// <summary>Pairs per Adam step. Default 16.</summary>
    public int BatchSize { get; init; } = 16;

    /// <summary>Adam's step size. Default 0.05.</summary>
    public double LearningRate { get; init; } = 0.05;

    /// <summary>L2 penalty on the weights (not the bias). Default 0.01.</summary>
    public double L2 { get; init; } = 0.01;

    /// <summary>Shuffling seed.</summary>
    public int Seed { get; init; }
}

/// <summary>
/// The custom match scorer: logistic regression on standardised <see cref="MatchFeatureExtractor"/> features, trained on the
/// human scores in [0, 1] as soft targets (cross-entropy, Adam), then Platt-calibrated on held-out pairs so that its
/// output is a probability that a reviewer would call the pair a match (score ≥ 0.5) — which is what the SHORTLIST
/// threshold compares against.
/// </summary>
public sealed class MatchScorer
{
    [JsonConstructor]
    internal MatchScorer(double[] weights, double bias, double[] means, double[] scales, double plattA, double plattB)
    {
        Weights = weights;
        Bias = bias;
        Means = means;
        Scales = scales;
        PlattA = plattA;
        PlattB = plattB;
    }

    /// <summary>One weight per standardised feature.</summary>
    public double[] Weights { get; }

    /// <summary>The intercept.</summary>
    public double Bias { get; }

    /// <summary>Training means of the features.</summary>
    public double[] Means { get; }

    /// <summary>Training standard deviations of the features (1 where constant).</summary>
    public double[] Scales { get; }

    /// <summary>Platt slope on the model's logit (1 until calibrated).</summary>
    public double PlattA { get; private set; }

    /// <summary>Platt intercept (0 until calibrated).</summary>
    public double PlattB { get; private set; }

    /// <summary>Trains on <paramref name="features"/> with targets <paramref name="scores"/> in [0, 1].</summary>
    public static MatchScorer Train(IReadOnlyList<float[]> features, IReadOnlyList<double> scores, MatchScorerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(scores);
        options ??= new MatchScorerOptions();
        if (features.Count == 0 || features.Count != scores.Count) throw new ArgumentException("Need one score per feature vector, and at least one pair.");
        if (options.Epochs < 1 || options.BatchSize < 1 || options.LearningRate <= 0) throw new ArgumentOutOfRangeException(nameof(options), "Epochs, batch size and learning rate must be positive.");
        int n = features.Count, d = features[0].Length;
        var means = new double[d];
        var scales = new double[d];
        for (int j = 0; j < d; j++)
        {
            double mean = 0;
            for (int i = 0; i < n; i++) mean += features[i][j];
            mean /= n;
            double variance = 0;
            for (int i = 0; i < n; i++) variance += (features[i][j] - mean) * (features[i][j] - mean);
            double sd = Math.Sqrt(variance / n);
            means[j] = mean;
            scales[j] = sd > 1e-9 ? sd : 1;
        }
        var x = new double[n][];
        for (int i = 0; i < n; i++)
        {
            x[i] = new double[d];
            for (int j = 0; j < d; j++) x[i][j] = (features[i][j] - means[j]) / scales[j];
        }

        var w = new double[d + 1]; // last: bias
        var m = new double[d + 1];
        var v = new double[d + 1];
        var grad = new double[d + 1];
        var order = Enumerable.Range(0, n).ToArray();
        var random = new Random(options.Seed);
        int step = 0;
        const double beta1 = 0.9, beta2 = 0.999, eps = 1e-8;
        for (int epoch = 0; epoch < options.Epochs; epoch++)
        {
            random.Shuffle(order);
            for (int start = 0; start < n; start += options.BatchSize)
            {
                int end = Math.Min(n, start + options.BatchSize);
                Array.Clear(grad);
                for (int k = start; k < end; k++)
                {
                    int i = order[k];
                    double p = Sigmoid(Dot(w, x[i]) + w[d]);
                    double error = p - scores[i];
                    for (int j = 0; j < d; j++) grad[j] += error * x[i][j];
                    grad[d] += error;
                }
                int size = end - start;
                step++;
                for (int j = 0; j <= d; j++)
                {
                    double g = grad[j] / size + (j < d ? options.L2 * w[j] : 0);
                    m[j] = beta1 * m[j] + (1 - beta1) * g;
                    v[j] = beta2 * v[j] + (1 - beta2) * g * g;
                    double mHat = m[j] / (1 - Math.Pow(beta1, step)), vHat = v[j] / (1 - Math.Pow(beta2, step));
                    w[j] -= options.LearningRate * mHat / (Math.Sqrt(vHat) + eps);
                }
            }
        }
        return new MatchScorer(w[..d], w[d], means, scales, 1, 0);
    }

    /// <summary>The uncalibrated score in (0, 1): the regression of the human score.</summary>
    public double Score(ReadOnlySpan<float> features) => Sigmoid(Logit(features));

    /// <summary>The calibrated probability that a reviewer calls the pair a match.</summary>
    public double Probability(ReadOnlySpan<float> features) => Sigmoid(PlattA * Logit(features) + PlattB);

    /// <summary>
    /// Fits Platt scaling on held-out pairs: labels are the human scores ≥ 0.5; Platt's smoothed targets and Newton steps on
    /// the two parameters.
    /// </summary>
    public void Calibrate(IReadOnlyList<float[]> features, IReadOnlyList<double> scores)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(scores);
        int n = features.Count;
        if (n == 0) throw new ArgumentException("Calibration needs held-out pairs.", nameof(features));
        var f = features.Select(x => Logit(x)).ToArray();
        int positives = scores.Count(s => s >= 0.5), negatives = n - positives;
        double hi = (positives + 1.0) / (positives + 2.0), lo = 1.0 / (negatives + 2.0);
        var t = scores.Select(s => s >= 0.5 ? hi : lo).ToArray();
        double a = 1, b = 0;
        double loss = PlattLoss(f, t, a, b);
        for (int iteration = 0; iteration < 100; iteration++)
        {
            double g1 = 0, g2 = 0, h11 = 1e-12, h22 = 1e-12, h21 = 0;
            for (int i = 0; i < n; i++)
            {
                double p = Sigmoid(a * f[i] + b), r = p - t[i], q = p * (1 - p);
                g1 += r * f[i];
                g2 += r;
                h11 += q * f[i] * f[i];
                h22 += q;
                h21 += q * f[i];
            }
            // Newton direction with a small ridge, then backtracking: a step is taken only when it lowers the loss (Platt 1999,
            // as refined by Lin, Lin and Weng 2007), so a nearly separable hold-out cannot send the parameters to infinity.
            h11 += 1e-3;
            h22 += 1e-3;
            double det = h11 * h22 - h21 * h21;
            double da = (h22 * g1 - h21 * g2) / det, db = (h11 * g2 - h21 * g1) / det;
            double stepSize = 1;
            while (stepSize > 1e-10)
            {
                double candidate = PlattLoss(f, t, a - stepSize * da, b - stepSize * db);
                if (candidate < loss - 1e-12)
                {
                    a -= stepSize * da;
                    b -= stepSize * db;
                    loss = candidate;
                    break;
                }
                stepSize /= 2;
            }
            if (stepSize <= 1e-10 || Math.Abs(stepSize * da) + Math.Abs(stepSize * db) < 1e-10) break;
        }
        PlattA = a;
        PlattB = b;
    }

    /// <summary>Writes the scorer as JSON.</summary>
    public void Save(Stream stream) => JsonSerializer.Serialize(stream, this, ScorerJson.Default.MatchScorer);

    /// <summary>Reads a scorer written by <see cref="Save"/>.</summary>
    public static MatchScorer Load(Stream stream) =>
        JsonSerializer.Deserialize(stream, ScorerJson.Default.MatchScorer) ?? throw new InvalidDataException("The scorer file is empty.");

    private double Logit(ReadOnlySpan<float> features)
    {
        if (features.Length != Weights.Length) throw new ArgumentException($"Expected {Weights.Length} features, got {features.Length}.", nameof(features));
        double z = Bias;
        for (int j = 0; j < Weights.Length; j++) z += Weights[j] * (features[j] - Means[j]) / Scales[j];
        return z;
    }

    private static double PlattLoss(double[] f, double[] t, double a, double b)
    {
        double loss = 0;
        for (int i = 0; i < f.Length; i++)
        {
            double z = a * f[i] + b;
            // log(1 + e^z) − t·z, computed without overflow.
            loss += (z > 0 ? z + double.LogP1(Math.Exp(-z)) : double.LogP1(Math.Exp(z))) - t[i] * z;
        }
        return loss;
    }

    private static double Dot(double[] w, double[] x)
    {
        double s = 0;
        for (int j = 0; j < x.Length; j++) s += w[j] * x[j];
        return s;
    }

    private static double Sigmoid(double z) => 1 / (1 + Math.Exp(-z));
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(MatchScorer))]
internal sealed partial class ScorerJson : JsonSerializerContext;
