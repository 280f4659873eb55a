namespace TalentFlow.ML.Recommendation.JobViews;

/// <summary>
/// L2-regularised logistic regression fitted by full-batch Newton steps in doubles (a handful of features, so the Hessian
/// is tiny): no randomness and a fixed summation order, hence the same weights on every run. Features are standardised
/// first; the bias is not penalised.
/// </summary>
internal static class LogisticRegressionNewton
{
    /// <summary>The fit: standardisation, weights on standardised features, bias, and how it went.</summary>
    public readonly record struct Fit(double[] Means, double[] Scales, double[] Weights, double Bias, int Iterations, double MeanLoss);

    /// <summary>Fits rows <paramref name="rows"/> of <paramref name="x"/> (row-major, <paramref name="d"/> columns) to <paramref name="y"/>.</summary>
    public static Fit Train(float[] x, bool[] y, int d, IReadOnlyList<int> rows, double l2, int maxIterations, double tolerance)
    {
        var n = rows.Count;
        var means = new double[d];
        var scales = new double[d];
        foreach (var r in rows)
        {
            for (var f = 0; f < d; f++)
            {
                means[f] += x[(r * d) + f];
            }
        }

        for (var f = 0; f < d; f++)
        {
            means[f] /= Math.Max(1, n);
        }

        foreach (var r in rows)
        {
            for (var f = 0; f < d; f++)
            {
                var c = x[(r * d) + f] - means[f];
                scales[f] += c * c;
            }
        }

        for (var f = 0; f < d; f++)
        {
            var sd = Math.Sqrt(scales[f] / Math.Max(1, n));
            scales[f] = sd > 1e-12 ? sd : 1;
        }

        // Parameters: weights 0..d-1, bias d.
        var p = d + 1;
        var theta = new double[p];
        var z = new double[p];
        var gradient = new double[p];
        var hessian = new double[p * p];
        var loss = Loss(x, y, d, rows, means, scales, theta, l2, z);
        var iterations = 0;
        while (iterations < maxIterations)
        {
            iterations++;
            Array.Clear(gradient);
            Array.Clear(hessian);
            foreach (var r in rows)
            {
                Standardise(x, r, d, means, scales, z);
                var prob = Sigmoid(Dot(theta, z));
                var residual = prob - (y[r] ? 1 : 0);
                var weight = Math.Max(prob * (1 - prob), 1e-12);
                for (var i = 0; i < p; i++)
                {
                    gradient[i] += residual * z[i];
                    for (var k = 0; k <= i; k++)
                    {
                        hessian[(i * p) + k] += weight * z[i] * z[k];
                    }
                }
            }

            for (var i = 0; i < d; i++)
            {
                gradient[i] += l2 * theta[i];
                hessian[(i * p) + i] += l2;
            }

            hessian[(d * p) + d] += 1e-9;
            var step = SolveCholesky(hessian, gradient, p);

            // Damped step: halve until the penalised loss does not increase.
            var candidate = new double[p];
            var scale = 1.0;
            double next;
            do
            {
                for (var i = 0; i < p; i++)
                {
                    candidate[i] = theta[i] - (scale * step[i]);
                }

                next = Loss(x, y, d, rows, means, scales, candidate, l2, z);
                scale /= 2;
            }
            while (next > loss && scale > 1e-6);

            var change = 0.0;
            for (var i = 0; i < p; i++)
            {
                change = Math.Max(change, Math.Abs(candidate[i] - theta[i]));
            }

            theta = candidate;
            loss = next;
            if (change < tolerance)
            {
                break;
            }
        }

        return new Fit(means, scales, theta[..d], theta[d], iterations, n == 0 ? 0 : loss / n);
    }

    private static double Loss(float[] x, bool[] y, int d, IReadOnlyList<int> rows, double[] means, double[] scales, double[] theta, double l2, double[] z)
    {
        double loss = 0;
        foreach (var r in rows)
        {
            Standardise(x, r, d, means, scales, z);
            var logit = Dot(theta, z);

            // log(1 + e^{-s·logit}) without overflow.
            var m = y[r] ? -logit : logit;
            loss += m > 0 ? m + double.LogP1(Math.Exp(-m)) : double.LogP1(Math.Exp(m));
        }

        for (var i = 0; i < d; i++)
        {
            loss += 0.5 * l2 * theta[i] * theta[i];
        }

        return loss;
    }

    private static void Standardise(float[] x, int row, int d, double[] means, double[] scales, double[] z)
    {
        for (var f = 0; f < d; f++)
        {
            z[f] = (x[(row * d) + f] - means[f]) / scales[f];
        }

        z[d] = 1;
    }

    private static double Dot(double[] a, double[] b)
    {
        double s = 0;
        for (var i = 0; i < a.Length; i++)
        {
            s += a[i] * b[i];
        }

        return s;
    }

    internal static double Sigmoid(double logit) => logit >= 0 ? 1 / (1 + Math.Exp(-logit)) : Math.Exp(logit) / (1 + Math.Exp(logit));

    /// <summary>Solves H·s = g for a symmetric positive definite H given by its lower triangle.</summary>
    private static double[] SolveCholesky(double[] h, double[] g, int p)
    {
        var l = new double[p * p];
        for (var i = 0; i < p; i++)
        {
            for (var k = 0; k <= i; k++)
            {
                var sum = h[(i * p) + k];
                for (var m = 0; m < k; m++)
                {
                    sum -= l[(i * p) + m] * l[(k * p) + m];
                }

                l[(i * p) + k] = i == k ? Math.Sqrt(Math.Max(sum, 1e-12)) : sum / l[(k * p) + k];
            }
        }

        var t = new double[p];
        for (var i = 0; i < p; i++)
        {
            var sum = g[i];
            for (var m = 0; m < i; m++)
            {
                sum -= l[(i * p) + m] * t[m];
            }

            t[i] = sum / l[(i * p) + i];
        }

        var s = new double[p];
        for (var i = p - 1; i >= 0; i--)
        {
            var sum = t[i];
            for (var m = i + 1; m < p; m++)
            {
                sum -= l[(m * p) + i] * s[m];
            }

            s[i] = sum / l[(i * p) + i];
        }

        return s;
    }
}
