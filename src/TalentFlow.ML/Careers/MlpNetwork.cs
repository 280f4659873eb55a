using System.Numerics.Tensors;

namespace TalentFlow.ML.Careers;

/// <summary>The training loop behind <see cref="CareerClassifierTrainer"/>: forward, backward and Adam over one data set.</summary>
internal sealed class MlpNetwork(IReadOnlyList<float[]> x, IReadOnlyList<int> y, int classes, CareerClassifierTrainer.Options options)
{
    private readonly int _inputs = x[0].Length;

    internal sealed record Result(CareerClassifier Model, int Epochs, int BestEpoch, double BestLoss, double BestAccuracy, float[][] ValidationLogits);

    /// <summary>Trains on <paramref name="rows"/> for up to <paramref name="maxEpochs"/>, early-stopping on <paramref name="validation"/> when it is not empty.</summary>
    public Result Run(int[] rows, int[] validation, int maxEpochs, int seed, CancellationToken cancellationToken)
    {
        int d = _inputs, h = options.Hidden, k = classes;
        if (x.Any(r => r.Length != d)) throw new ArgumentException("All rows must have the same length.");
        var (mean, scale) = Standardization(rows);
        var z = rows.Concat(validation).Distinct().ToDictionary(i => i, i => Standardize(x[i], mean, scale));
        var weights = ClassWeights(rows);
        var random = new Random(seed + 1);
        int size = h * d + h + k * h + k; // w1 (h × d), b1, w2 (k × h), b2
        var p = new float[size];
        Init(p.AsSpan(0, h * d), Math.Sqrt(2.0 / d), random);
        Init(p.AsSpan(h * d + h, k * h), Math.Sqrt(1.0 / h), random);
        var grad = new float[size];
        var m = new float[size];
        var v = new float[size];
        var best = p.AsSpan(0, size).ToArray();
        double bestLoss = double.PositiveInfinity, bestAccuracy = double.NaN;
        int bestEpoch = maxEpochs, sinceBest = 0, epoch = 0, step = 0;
        var hidden = new float[h];
        var pre = new float[h];
        var mask = new float[h];
        var dh = new float[h];
        var logits = new float[k];
        var order = (int[])rows.Clone();
        var shuffle = new Random(seed + 2);
        float keep = (float)(1 - options.Dropout);
        while (epoch < maxEpochs)
        {
            cancellationToken.ThrowIfCancellationRequested();
            epoch++;
            shuffle.Shuffle(order);
            for (int start = 0; start < order.Length; start += options.BatchSize)
            {
                var batch = order.AsSpan(start, Math.Min(options.BatchSize, order.Length - start));
                Array.Clear(grad);
                float total = 0;
                foreach (var i in batch) total += weights[y[i]];
                foreach (var i in batch)
                {
                    var xi = z[i];
                    Forward(p, d, h, k, xi, pre, hidden, logits);
                    for (int j = 0; j < h; j++) mask[j] = shuffle.NextDouble() < options.Dropout ? 0f : 1f / keep;
                    TensorPrimitives.Multiply(hidden, mask, hidden);
                    for (int c = 0; c < k; c++) logits[c] = TensorPrimitives.Dot(p.AsSpan(h * d + h + c * h, h), hidden) + p[h * d + h + k * h + c];
                    TensorPrimitives.SoftMax(logits, logits);
                    logits[y[i]] -= 1;
                    TensorPrimitives.Multiply(logits, weights[y[i]] / total, logits); // dL/dlogits
                    Array.Clear(dh);
                    for (int c = 0; c < k; c++)
                    {
                        TensorPrimitives.MultiplyAdd(hidden, logits[c], grad.AsSpan(h * d + h + c * h, h), grad.AsSpan(h * d + h + c * h, h));
                        TensorPrimitives.MultiplyAdd(p.AsSpan(h * d + h + c * h, h), logits[c], dh, dh);
                        grad[h * d + h + k * h + c] += logits[c];
                    }

                    for (int j = 0; j < h; j++)
                    {
                        float g = pre[j] > 0 ? dh[j] * mask[j] : 0f;
                        if (g == 0) continue;
                        TensorPrimitives.MultiplyAdd(xi, g, grad.AsSpan(j * d, d), grad.AsSpan(j * d, d));
                        grad[h * d + j] += g;
                    }
                }

                Adam(p.AsSpan(0, size), grad, m, v, ++step, h * d, h * d + h, k * h);
            }

            if (validation.Length == 0) continue;
            var (loss, accuracy, _) = Evaluate(p, d, h, k, validation, z, weights);
            if (loss < bestLoss - 1e-6)
            {
                (bestLoss, bestAccuracy, bestEpoch, sinceBest) = (loss, accuracy, epoch, 0);
                p.AsSpan(0, size).CopyTo(best);
            }
            else if (++sinceBest >= options.Patience)
            {
                break;
            }
        }

        if (validation.Length == 0) p.AsSpan(0, size).CopyTo(best);
        var validationLogits = validation.Length == 0 ? [] : Evaluate(best, d, h, k, validation, z, weights).Logits;
        var model = new CareerClassifier(d, h, k, mean, scale, best[..(h * d)], best[(h * d)..(h * d + h)], best[(h * d + h)..(h * d + h + k * h)],
            best[(h * d + h + k * h)..size], 1f);
        return new Result(model, epoch, validation.Length == 0 ? epoch : bestEpoch, bestLoss, bestAccuracy, validationLogits);
    }

    private static void Forward(ReadOnlySpan<float> p, int d, int h, int k, ReadOnlySpan<float> xi, Span<float> pre, Span<float> hidden, Span<float> logits)
    {
        for (int j = 0; j < h; j++) pre[j] = TensorPrimitives.Dot(p.Slice(j * d, d), xi) + p[h * d + j];
        TensorPrimitives.Max(pre, 0f, hidden);
        for (int c = 0; c < k; c++) logits[c] = TensorPrimitives.Dot(p.Slice(h * d + h + c * h, h), hidden) + p[h * d + h + k * h + c];
    }

    private (double Loss, double Accuracy, float[][] Logits) Evaluate(float[] p, int d, int h, int k, int[] rows, Dictionary<int, float[]> z, float[] weights)
    {
        var pre = new float[h];
        var hidden = new float[h];
        var probabilities = new float[k];
        var all = new float[rows.Length][];
        double loss = 0, weight = 0;
        int correct = 0;
        for (int r = 0; r < rows.Length; r++)
        {
            int i = rows[r];
            all[r] = new float[k];
            Forward(p, d, h, k, z[i], pre, hidden, all[r]);
            TensorPrimitives.SoftMax(all[r], probabilities);
            float w = weights[y[i]] > 0 ? weights[y[i]] : 1f;
            loss -= w * Math.Log(Math.Max(probabilities[y[i]], 1e-12f));
            weight += w;
            if (TensorPrimitives.IndexOfMax<float>(all[r]) == y[i]) correct++;
        }

        return (loss / weight, correct / (double)rows.Length, all);
    }

    private void Adam(Span<float> p, float[] grad, float[] m, float[] v, int step, int w1, int b1End, int w2)
    {
        const double Beta1 = 0.9, Beta2 = 0.999, Eps = 1e-8;
        double c1 = 1 - Math.Pow(Beta1, step), c2 = 1 - Math.Pow(Beta2, step), lr = options.LearningRate, decay = options.WeightDecay;
        for (int j = 0; j < p.Length; j++)
        {
            bool isWeight = j < w1 || (j >= b1End && j < b1End + w2);
            double g = grad[j] + (isWeight ? decay * p[j] : 0);
            m[j] = (float)(Beta1 * m[j] + (1 - Beta1) * g);
            v[j] = (float)(Beta2 * v[j] + (1 - Beta2) * g * g);
            p[j] -= (float)(lr * (m[j] / c1) / (Math.Sqrt(v[j] / c2) + Eps));
        }
    }

    private (float[] Mean, float[] Scale) Standardization(int[] rows)
    {
        var mean = new float[_inputs];
        var square = new double[_inputs];
        foreach (var i in rows) TensorPrimitives.Add(mean, x[i], mean);
        TensorPrimitives.Divide(mean, rows.Length, mean);
        foreach (var i in rows)
        {
            for (int j = 0; j < _inputs; j++) square[j] += (x[i][j] - mean[j]) * (double)(x[i][j] - mean[j]);
        }

        // One scale for every input (the root of the mean variance), not one per input: an embedding's weak directions are
        // mostly noise, and standardising each to unit variance would give them the same weight as the strong ones.
        var variance = square.Sum() / (rows.Length * (double)_inputs);
        var scale = new float[_inputs];
        Array.Fill(scale, variance > 1e-12 ? (float)(1 / Math.Sqrt(variance)) : 1f);
        return (mean, scale);
    }

    private static float[] Standardize(float[] row, float[] mean, float[] scale)
    {
        var result = new float[row.Length];
        TensorPrimitives.Subtract(row, mean, result);
        TensorPrimitives.Multiply(result, scale, result);
        return result;
    }

    private float[] ClassWeights(int[] rows)
    {
        var counts = new int[classes];
        foreach (var i in rows) counts[y[i]]++;
        int present = counts.Count(c => c > 0);
        return [.. counts.Select(c => c == 0 ? 0f : options.BalanceClasses ? rows.Length / (float)(present * c) : 1f)];
    }

    private static void Init(Span<float> w, double sd, Random random)
    {
        for (int i = 0; i < w.Length; i++)
        {
            double u1 = 1 - random.NextDouble(), u2 = random.NextDouble();
            w[i] = (float)(sd * Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2));
        }
    }
}
