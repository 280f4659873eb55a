using TalentFlow.ML.Tfidf;

namespace TalentFlow.ML.Classification;

/// <summary>
/// Multinomial logistic regression on sparse vectors: minimizes mean cross-entropy + ‖W‖² / (2·C·n) (scikit-learn's
/// <c>LogisticRegression(C)</c> objective divided by n) with full-batch Adam, gradients computed in parallel over documents.
/// </summary>
public static class SoftmaxRegressionTrainer
{
    /// <summary>Training options.</summary>
    public sealed record Options
    {
        /// <summary>Inverse regularization strength, as scikit-learn's C. Default 10 (the career anchor's).</summary>
        public double C { get; init; } = 10;

        /// <summary>Full-batch iterations. Default 300.</summary>
        public int Epochs { get; init; } = 300;

        /// <summary>Adam step size. Default 0.05.</summary>
        public double LearningRate { get; init; } = 0.05;
    }

    /// <summary>
    /// Trains on vectors with <paramref name="features"/> columns and labels in [0, <paramref name="classes"/>), reporting the
    /// finished fraction of epochs to <paramref name="progress"/> and stopping between epochs when cancelled.
    /// </summary>
    public static SoftmaxRegressionModel Train(IReadOnlyList<SparseVector> x, IReadOnlyList<int> y, int features, int classes, Options? options = null,
        IProgress<double>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (x.Count != y.Count || x.Count == 0)
        {
            throw new ArgumentException("Need one label per vector, at least one.");
        }

        options ??= new Options();
        var n = x.Count;
        var dims = classes * (features + 1); // row c: weights [c*features..], bias at classes*features + c
        var w = new double[dims];
        var m = new double[dims];
        var v = new double[dims];
        var lambda = 1.0 / (options.C * n);
        const double Beta1 = 0.9, Beta2 = 0.999, Eps = 1e-8;
        var workers = Math.Max(1, Math.Min(Environment.ProcessorCount, n / 32));
        var grads = new double[workers][];
        for (var epoch = 1; epoch <= options.Epochs; epoch++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Parallel.For(0, workers, t =>
            {
                var g = grads[t] ??= new double[dims];
                Array.Clear(g);
                var p = new double[classes];
                for (var i = t; i < n; i += workers)
                {
                    Probabilities(w, x[i], features, p);
                    p[y[i]] -= 1;
                    var xi = x[i];
                    for (var c = 0; c < classes; c++)
                    {
                        var pc = p[c];
                        var row = c * features;
                        for (var k = 0; k < xi.Indices.Length; k++)
                        {
                            g[row + xi.Indices[k]] += pc * xi.Values[k];
                        }

                        g[classes * features + c] += pc;
                    }
                }
            });

            var c1 = 1 - Math.Pow(Beta1, epoch);
            var c2 = 1 - Math.Pow(Beta2, epoch);
            for (var j = 0; j < dims; j++)
            {
                double g = 0;
                foreach (var part in grads)
                {
                    g += part[j];
                }

                g = g / n + (j < classes * features ? lambda * w[j] : 0);
                m[j] = Beta1 * m[j] + (1 - Beta1) * g;
                v[j] = Beta2 * v[j] + (1 - Beta2) * g * g;
                w[j] -= options.LearningRate * (m[j] / c1) / (Math.Sqrt(v[j] / c2) + Eps);
            }

            progress?.Report(epoch / (double)options.Epochs);
        }

        return new SoftmaxRegressionModel(Array.ConvertAll(w, d => (float)d), features, classes);
    }

    internal static void Probabilities(double[] w, SparseVector x, int features, Span<double> p)
    {
        var classes = p.Length;
        var max = double.MinValue;
        for (var c = 0; c < classes; c++)
        {
            var z = w[classes * features + c];
            var row = c * features;
            for (var k = 0; k < x.Indices.Length; k++)
            {
                z += w[row + x.Indices[k]] * x.Values[k];
            }

            p[c] = z;
            max = Math.Max(max, z);
        }

        double sum = 0;
        for (var c = 0; c < classes; c++)
        {
            p[c] = Math.Exp(p[c] - max);
            sum += p[c];
        }

        for (var c = 0; c < classes; c++)
        {
            p[c] /= sum;
        }
    }
}
