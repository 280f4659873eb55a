using System.Numerics.Tensors;

namespace TalentFlow.ML.Scoring;

/// <summary>How a <see cref="ProjectionHead"/> is fine-tuned.</summary>
public sealed record ProjectionHeadOptions
{
    /// <summary>Passes over the pairs. Default 100.</summary>
    public int Epochs { get; init; } = 100;

    /// <summary>Pairs per step; CoSENT compares every pair of pairs inside a batch. Default 32.</summary>
    public int BatchSize { get; init; } = 32;

    /// <summary>Adam's step size. Default 1e-3.</summary>
    public double LearningRate { get; init; } = 1e-3;

    /// <summary>CoSENT's scale λ (the sentence-transformers default is 20).</summary>
    public double Scale { get; init; } = 20;

    /// <summary>Shuffling seed.</summary>
    public int Seed { get; init; }
}

/// <summary>
/// A linear projection on top of a frozen encoder, fine-tuned with the CoSENT loss (Su 2022; sentence-transformers'
/// <c>CoSENTLoss</c>) so that the cosine of the projected resume and job embeddings orders pairs as the human scores do.
/// It starts as the identity, so before training it scores exactly like the zero-shot encoder.
/// </summary>
public sealed class ProjectionHead
{
    private readonly float[] _weights; // dimension × dimension, row-major

    private ProjectionHead(int dimension, float[] weights)
    {
        Dimension = dimension;
        _weights = weights;
    }

    /// <summary>Input and output length.</summary>
    public int Dimension { get; }

    /// <summary>The identity projection of <paramref name="dimension"/> floats.</summary>
    public static ProjectionHead Identity(int dimension)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dimension);
        var w = new float[dimension * dimension];
        for (int i = 0; i < dimension; i++) w[i * dimension + i] = 1;
        return new ProjectionHead(dimension, w);
    }

    /// <summary>Fine-tunes from the identity on (resume embedding, job embedding, human score) triples.</summary>
    public static ProjectionHead Train(IReadOnlyList<(float[] A, float[] B, double Score)> pairs, ProjectionHeadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        options ??= new ProjectionHeadOptions();
        if (pairs.Count < 2) throw new ArgumentException("CoSENT needs at least two pairs.", nameof(pairs));
        int d = pairs[0].A.Length;
        var head = Identity(d);
        var m = new double[d * d];
        var v = new double[d * d];
        var grad = new double[d * d];
        var order = Enumerable.Range(0, pairs.Count).ToArray();
        var random = new Random(options.Seed);
        int step = 0;
        for (int epoch = 0; epoch < options.Epochs; epoch++)
        {
            random.Shuffle(order);
            for (int start = 0; start < order.Length; start += options.BatchSize)
            {
                var batch = order.AsSpan(start, Math.Min(options.BatchSize, order.Length - start)).ToArray();
                Array.Clear(grad);
                if (head.Gradient(pairs, batch, options.Scale, grad) == 0) continue;
                step++;
                Adam(head._weights, grad, m, v, step, options.LearningRate);
            }
        }
        return head;
    }

    /// <summary>Cosine of the projected vectors.</summary>
    public float Cosine(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        var u = Project(a);
        var w = Project(b);
        float nu = TensorPrimitives.Norm(u), nw = TensorPrimitives.Norm(w);
        return nu == 0 || nw == 0 ? 0 : TensorPrimitives.Dot(u, w) / (nu * nw);
    }

    /// <summary>W·x.</summary>
    public float[] Project(ReadOnlySpan<float> x)
    {
        if (x.Length != Dimension) throw new ArgumentException($"Expected {Dimension} floats, got {x.Length}.", nameof(x));
        var y = new float[Dimension];
        for (int r = 0; r < Dimension; r++) y[r] = TensorPrimitives.Dot(_weights.AsSpan(r * Dimension, Dimension), x);
        return y;
    }

    /// <summary>The batch's CoSENT loss, adding its gradient with respect to W into <paramref name="grad"/>.</summary>
    internal double Gradient(IReadOnlyList<(float[] A, float[] B, double Score)> pairs, int[] batch, double scale, double[] grad)
    {
        int n = batch.Length, d = Dimension;
        var u = new float[n][];
        var w = new float[n][];
        var cos = new double[n];
        for (int k = 0; k < n; k++)
        {
            u[k] = Project(pairs[batch[k]].A);
            w[k] = Project(pairs[batch[k]].B);
            double nu = TensorPrimitives.Norm(u[k]), nw = TensorPrimitives.Norm(w[k]);
            cos[k] = nu == 0 || nw == 0 ? 0 : TensorPrimitives.Dot(u[k], w[k]) / (nu * nw);
        }
        // L = log(1 + Σ_{s_i > s_j} exp(λ (c_j − c_i))): every pair scored higher by humans should have the higher cosine.
        double max = 0;
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                if (pairs[batch[i]].Score > pairs[batch[j]].Score) max = Math.Max(max, scale * (cos[j] - cos[i]));
            }
        }
        double sum = Math.Exp(-max);
        var terms = new List<(int I, int J, double E)>();
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                if (pairs[batch[i]].Score <= pairs[batch[j]].Score) continue;
                double e = Math.Exp(scale * (cos[j] - cos[i]) - max);
                terms.Add((i, j, e));
                sum += e;
            }
        }
        if (terms.Count == 0) return 0;
        var dCos = new double[n];
        foreach (var (i, j, e) in terms)
        {
            double weight = scale * e / sum;
            dCos[j] += weight;
            dCos[i] -= weight;
        }
        for (int k = 0; k < n; k++)
        {
            if (dCos[k] == 0) continue;
            double nu = TensorPrimitives.Norm(u[k]), nw = TensorPrimitives.Norm(w[k]);
            if (nu == 0 || nw == 0) continue;
            var a = pairs[batch[k]].A;
            var b = pairs[batch[k]].B;
            for (int r = 0; r < d; r++)
            {
                // ∂cos/∂u = w/(|u||w|) − cos·u/|u|², and u = W a, so ∂/∂W[r, c] picks up a[c] (likewise for w and b).
                double gu = dCos[k] * (w[k][r] / (nu * nw) - cos[k] * u[k][r] / (nu * nu));
                double gw = dCos[k] * (u[k][r] / (nu * nw) - cos[k] * w[k][r] / (nw * nw));
                for (int c = 0; c < d; c++) grad[r * d + c] += gu * a[c] + gw * b[c];
            }
        }
        return max + Math.Log(sum);
    }

    private static void Adam(float[] weights, double[] grad, double[] m, double[] v, int step, double rate)
    {
        const double beta1 = 0.9, beta2 = 0.999, eps = 1e-8;
        double c1 = 1 - Math.Pow(beta1, step), c2 = 1 - Math.Pow(beta2, step);
        for (int i = 0; i < weights.Length; i++)
        {
            m[i] = beta1 * m[i] + (1 - beta1) * grad[i];
            v[i] = beta2 * v[i] + (1 - beta2) * grad[i] * grad[i];
            weights[i] -= (float)(rate * (m[i] / c1) / (Math.Sqrt(v[i] / c2) + eps));
        }
    }
}
