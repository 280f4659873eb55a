using System.Numerics.Tensors;

namespace TalentFlow.ML.Onnx.FineTuning;

/// <summary>The two training losses, on unit embeddings: value and gradient with respect to each embedding.</summary>
internal static class PairLosses
{
    /// <summary>
    /// CoSENT (Su, 2022): <c>log(1 + Σ_{s_i &gt; s_j} exp(λ (cos_j − cos_i)))</c> over the batch's pairs, λ =
    /// <paramref name="scale"/> (20 as sentence-transformers): every pair labelled higher must score a higher cosine.
    /// </summary>
    /// <returns>The loss; <paramref name="dLeft"/>/<paramref name="dRight"/> get the gradients (overwritten).</returns>
    public static double CoSent(IReadOnlyList<float[]> left, IReadOnlyList<float[]> right, IReadOnlyList<double> labels, double scale,
        float[][] dLeft, float[][] dRight)
    {
        var n = left.Count;
        var cos = new double[n];
        for (var i = 0; i < n; i++)
        {
            cos[i] = TensorPrimitives.Dot(left[i], right[i]);
        }

        // logsumexp over {0} ∪ {λ(cos_j − cos_i) : s_i > s_j}, stabilised by its maximum.
        var max = 0.0;
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                if (labels[i] > labels[j])
                {
                    max = Math.Max(max, scale * (cos[j] - cos[i]));
                }
            }
        }

        var sum = Math.Exp(-max);
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                if (labels[i] > labels[j])
                {
                    sum += Math.Exp((scale * (cos[j] - cos[i])) - max);
                }
            }
        }

        var dCos = new double[n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                if (labels[i] > labels[j])
                {
                    var w = Math.Exp((scale * (cos[j] - cos[i])) - max) / sum * scale;
                    dCos[j] += w;
                    dCos[i] -= w;
                }
            }
        }

        for (var i = 0; i < n; i++)
        {
            // cos = l · r: d/dl = r, d/dr = l.
            TensorPrimitives.Multiply(right[i], (float)dCos[i], dLeft[i]);
            TensorPrimitives.Multiply(left[i], (float)dCos[i], dRight[i]);
        }

        return max + Math.Log(sum);
    }

    /// <summary>
    /// In-batch contrastive loss (InfoNCE, MultipleNegativesRanking): for each positive pair i, cross-entropy of
    /// <c>softmax_j(l_i · r_j / τ)</c> against j = i, averaged. Entries with <c>sameGroup[i] == sameGroup[j]</c>, j ≠ i
    /// (the same right-hand text twice in a batch) are left out, since they are not negatives.
    /// </summary>
    public static double InfoNce(IReadOnlyList<float[]> left, IReadOnlyList<float[]> right, IReadOnlyList<int> sameGroup, double temperature,
        float[][] dLeft, float[][] dRight)
    {
        var n = left.Count;
        foreach (var g in dLeft.Concat(dRight))
        {
            Array.Clear(g);
        }

        var loss = 0.0;
        var logits = new double[n];
        for (var i = 0; i < n; i++)
        {
            var max = double.NegativeInfinity;
            for (var j = 0; j < n; j++)
            {
                logits[j] = j != i && sameGroup[j] == sameGroup[i] ? double.NegativeInfinity : TensorPrimitives.Dot(left[i], right[j]) / temperature;
                max = Math.Max(max, logits[j]);
            }

            var sum = 0.0;
            for (var j = 0; j < n; j++)
            {
                sum += Math.Exp(logits[j] - max);
            }

            loss += max + Math.Log(sum) - logits[i];
            for (var j = 0; j < n; j++)
            {
                var g = ((Math.Exp(logits[j] - max) / sum) - (i == j ? 1 : 0)) / n / temperature;
                if (g == 0)
                {
                    continue;
                }

                TensorPrimitives.MultiplyAdd(right[j], (float)g, dLeft[i], dLeft[i]);
                TensorPrimitives.MultiplyAdd(left[i], (float)g, dRight[j], dRight[j]);
            }
        }

        return loss / n;
    }
}
