using TalentFlow.ML.Tfidf;

namespace TalentFlow.ML.Classification;

/// <summary>
/// One-vs-rest linear SVM with the squared hinge loss and an l2 penalty, solved in the dual by coordinate descent
/// (Hsieh et al., ICML 2008; liblinear's solver 1, which scikit-learn's <c>LinearSVC</c> runs). The bias is a constant
/// feature of 1, penalized like the weights, as in liblinear. The classes' problems are solved in parallel.
/// </summary>
public static class LinearSvmTrainer
{
    /// <summary>Training options.</summary>
    public sealed record Options
    {
        /// <summary>Inverse regularization strength, as scikit-learn's C. Default 0.5.</summary>
        public double C { get; init; } = 0.5;

        /// <summary>
        /// Scale each class's C for its positive texts by n / (classes · n_class) (scikit-learn's <c>class_weight='balanced'</c>
        /// as liblinear applies it one-vs-rest). Default <see langword="true"/>.
        /// </summary>
        public bool BalancedClassWeights { get; init; } = true;

        /// <summary>Most passes over the data per class. Default 1000 (scikit-learn's <c>max_iter</c>).</summary>
        public int MaxPasses { get; init; } = 1000;

        /// <summary>Stop when the projected gradient's spread falls below this. Default 0.1 (liblinear's).</summary>
        public double Tolerance { get; init; } = 0.1;

        /// <summary>Seed of the coordinate order. Default 0.</summary>
        public int Seed { get; init; }
    }

    /// <summary>Trains on vectors with <paramref name="features"/> columns and labels in [0, <paramref name="classes"/>).</summary>
    public static LinearSvmModel Train(IReadOnlyList<SparseVector> x, IReadOnlyList<int> y, int features, int classes, Options? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (x.Count != y.Count || x.Count == 0)
        {
            throw new ArgumentException("Need one label per vector, at least one.");
        }

        options ??= new Options();
        var counts = new int[classes];
        foreach (var label in y)
        {
            counts[label]++;
        }

        var squaredNorms = new double[x.Count];
        for (var i = 0; i < x.Count; i++)
        {
            squaredNorms[i] = System.Numerics.Tensors.TensorPrimitives.SumOfSquares(x[i].Values) + 1; // + the bias feature
        }

        var weights = new float[classes * (features + 1)];
        Parallel.For(0, classes, new ParallelOptions { CancellationToken = cancellationToken }, c =>
        {
            var positiveC = options.BalancedClassWeights && counts[c] > 0 ? options.C * x.Count / ((double)classes * counts[c]) : options.C;
            var w = SolveBinary(x, y, c, squaredNorms, features, positiveC, options.C, options, cancellationToken);
            for (var j = 0; j <= features; j++)
            {
                weights[c * (features + 1) + j] = (float)w[j];
            }
        });
        return new LinearSvmModel(weights, features, classes);
    }

    private static double[] SolveBinary(IReadOnlyList<SparseVector> x, IReadOnlyList<int> y, int positive, double[] squaredNorms, int features,
        double positiveC, double negativeC, Options options, CancellationToken cancellationToken)
    {
        var n = x.Count;
        var w = new double[features + 1]; // bias last
        var alpha = new double[n];
        var sign = new double[n];
        var diagonal = new double[n];
        for (var i = 0; i < n; i++)
        {
            sign[i] = y[i] == positive ? 1 : -1;
            diagonal[i] = 0.5 / (sign[i] > 0 ? positiveC : negativeC);
        }

        var order = Enumerable.Range(0, n).ToArray();
        // HashCode.Combine is randomized per process; this mix is not, so a seed gives the same model on every run.
        var random = new Random(unchecked((options.Seed * 7919) + positive));
        for (var pass = 0; pass < options.MaxPasses; pass++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            random.Shuffle(order);
            double maxPg = double.NegativeInfinity, minPg = double.PositiveInfinity;
            foreach (var i in order)
            {
                var xi = x[i];
                double margin = w[features];
                for (var k = 0; k < xi.Indices.Length; k++)
                {
                    margin += w[xi.Indices[k]] * xi.Values[k];
                }

                var g = sign[i] * margin - 1 + diagonal[i] * alpha[i];
                var pg = alpha[i] == 0 ? Math.Min(g, 0) : g;
                maxPg = Math.Max(maxPg, pg);
                minPg = Math.Min(minPg, pg);
                if (Math.Abs(pg) < 1e-12)
                {
                    continue;
                }

                var old = alpha[i];
                alpha[i] = Math.Max(old - g / (squaredNorms[i] + diagonal[i]), 0);
                var step = (alpha[i] - old) * sign[i];
                for (var k = 0; k < xi.Indices.Length; k++)
                {
                    w[xi.Indices[k]] += step * xi.Values[k];
                }

                w[features] += step;
            }

            if (maxPg - minPg <= options.Tolerance)
            {
                break;
            }
        }

        return w;
    }
}
