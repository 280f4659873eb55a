namespace TalentFlow.ML.Screening;

/// <summary>
/// Penalised logistic regression by damped Newton steps: minimises Σ log(1 + e^z) − y·z + ½ Σ λ_k (θ_k − μ_k)², z = offset + x·θ.
/// A Gaussian prior N(μ, 1/λ) per parameter: μ = 0 is ridge, μ = a parent model's weights shrinks towards it (GLMix's random
/// effects are the same fit on one entity's rows with the global model's logit as the offset). Deterministic.
/// </summary>
internal static class LogisticNewton
{
    public static double[] Fit(IReadOnlyList<double[]> x, IReadOnlyList<int> rows, double[] y, double[] offset, double[] priorMean, double[] priorPrecision, int maxIterations = 50)
    {
        int p = priorMean.Length;
        var theta = (double[])priorMean.Clone();
        double loss = Loss(x, rows, y, offset, theta, priorMean, priorPrecision);
        var g = new double[p];
        var h = new double[p * p];
        for (int iteration = 0; iteration < maxIterations; iteration++)
        {
            Array.Clear(g);
            Array.Clear(h);
            foreach (int i in rows)
            {
                var xi = x[i];
                double z = offset[i];
                for (int k = 0; k < p; k++) z += xi[k] * theta[k];
                double q = Sigmoid(z), r = q - y[i], w = q * (1 - q);
                for (int a = 0; a < p; a++)
                {
                    g[a] += r * xi[a];
                    double wa = w * xi[a];
                    for (int b = 0; b <= a; b++) h[a * p + b] += wa * xi[b];
                }
            }
            for (int a = 0; a < p; a++)
            {
                g[a] += priorPrecision[a] * (theta[a] - priorMean[a]);
                h[a * p + a] += priorPrecision[a] + 1e-9;
                for (int b = 0; b < a; b++) h[b * p + a] = h[a * p + b];
            }
            var step = Solve(h, g, p);
            double size = 1;
            bool moved = false;
            var next = new double[p];
            while (size > 1e-6)
            {
                for (int k = 0; k < p; k++) next[k] = theta[k] - size * step[k];
                double candidate = Loss(x, rows, y, offset, next, priorMean, priorPrecision);
                if (candidate <= loss)
                {
                    moved = loss - candidate > 1e-10 * Math.Max(1, Math.Abs(loss));
                    Array.Copy(next, theta, p);
                    loss = candidate;
                    break;
                }
                size /= 2;
            }
            if (!moved) break;
        }
        return theta;
    }

    public static double Sigmoid(double z) => z >= 0 ? 1 / (1 + Math.Exp(-z)) : Math.Exp(z) / (1 + Math.Exp(z));

    /// <summary>log(1 + e^z) − y·z without overflow.</summary>
    public static double LogLoss(double z, double y) => (z > 0 ? z + double.LogP1(Math.Exp(-z)) : double.LogP1(Math.Exp(z))) - y * z;

    private static double Loss(IReadOnlyList<double[]> x, IReadOnlyList<int> rows, double[] y, double[] offset, double[] theta, double[] mean, double[] precision)
    {
        double loss = 0;
        foreach (int i in rows)
        {
            double z = offset[i];
            var xi = x[i];
            for (int k = 0; k < theta.Length; k++) z += xi[k] * theta[k];
            loss += LogLoss(z, y[i]);
        }
        for (int k = 0; k < theta.Length; k++) loss += 0.5 * precision[k] * (theta[k] - mean[k]) * (theta[k] - mean[k]);
        return loss;
    }

    /// <summary>Solves H s = g by Cholesky (H symmetric positive definite); a tiny ridge is added if it is not.</summary>
    private static double[] Solve(double[] h, double[] g, int p)
    {
        for (double ridge = 0; ; ridge = ridge == 0 ? 1e-8 : ridge * 100)
        {
            var l = new double[p * p];
            bool ok = true;
            for (int i = 0; i < p && ok; i++)
            {
                for (int j = 0; j <= i; j++)
                {
                    double s = h[i * p + j] + (i == j ? ridge : 0);
                    for (int k = 0; k < j; k++) s -= l[i * p + k] * l[j * p + k];
                    if (i == j)
                    {
                        if (s <= 0) { ok = false; break; }
                        l[i * p + i] = Math.Sqrt(s);
                    }
                    else
                    {
                        l[i * p + j] = s / l[j * p + j];
                    }
                }
            }
            if (!ok)
            {
                if (ridge > 1e6) return new double[p];
                continue;
            }
            var z = new double[p];
            for (int i = 0; i < p; i++)
            {
                double s = g[i];
                for (int k = 0; k < i; k++) s -= l[i * p + k] * z[k];
                z[i] = s / l[i * p + i];
            }
            var result = new double[p];
            for (int i = p - 1; i >= 0; i--)
            {
                double s = z[i];
                for (int k = i + 1; k < p; k++) s -= l[k * p + i] * result[k];
                result[i] = s / l[i * p + i];
            }
            return result;
        }
    }
}

/// <summary>Platt scaling fitted by Newton steps with backtracking (Lin, Lin and Weng 2007), on Platt's smoothed targets.</summary>
internal static class PlattScaling
{
    public static (double A, double B) Fit(IReadOnlyList<double> logits, IReadOnlyList<bool> labels)
    {
        int n = logits.Count, positives = labels.Count(l => l), negatives = n - positives;
        if (positives == 0 || negatives == 0) return (1, 0);
        double hi = (positives + 1.0) / (positives + 2.0), lo = 1.0 / (negatives + 2.0);
        var t = labels.Select(l => l ? hi : lo).ToArray();
        var x = logits.Select(f => new[] { f, 1.0 }).ToArray();
        var theta = LogisticNewton.Fit(x, Enumerable.Range(0, n).ToArray(), t, new double[n], [1, 0], [1e-6, 1e-6]);
        return (theta[0], theta[1]);
    }
}
