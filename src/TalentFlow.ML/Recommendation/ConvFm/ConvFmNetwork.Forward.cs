using System.Numerics.Tensors;

namespace TalentFlow.ML.Recommendation.ConvFm;

/// <content>Forward pass and the binary cross-entropy loss.</content>
internal sealed partial class ConvFmNetwork<T>
{
    /// <summary>
    /// Computes the logits of <paramref name="batch"/> into <see cref="ConvFmActivations{T}.Logits"/>. Training mode uses the
    /// batch's BatchNorm statistics (and updates the running ones) and draws dropout masks from <paramref name="dropout"/>;
    /// evaluation mode uses the running statistics and no dropout.
    /// </summary>
    public void Forward(ReadOnlySpan<ConvFmInput> batch, ConvFmActivations<T> act, bool training, Random? dropout)
    {
        ArgumentNullException.ThrowIfNull(act);
        var n = batch.Length;
        ArgumentOutOfRangeException.ThrowIfGreaterThan(n, act.Capacity, nameof(batch));
        if (training && !act.ForTraining)
        {
            throw new ArgumentException("These activations were sized for inference only.", nameof(act));
        }

        if (training && n < 2)
        {
            throw new ArgumentException("Training mode needs at least 2 examples (BatchNorm's batch variance).", nameof(batch));
        }

        var useDropout = training && Options.Dropout > 0;
        if (useDropout)
        {
            ArgumentNullException.ThrowIfNull(dropout);
        }

        act.Count = n;
        act.HasDropout = useDropout;
        for (var b = 0; b < n; b++)
        {
            CheckIds(batch[b]);
            act.Batch[b] = batch[b];
        }

        For(n, (lo, hi) =>
        {
            for (var b = lo; b < hi; b++)
            {
                EmbedAndConvolve(act.Batch[b], b, act);
            }
        });

        var x = act.Input;
        var width = DeepInput;
        for (var i = 0; i < _hidden.Length; i++)
        {
            HiddenForward(_hidden[i], x, width, n, act, i, training, useDropout ? dropout : null);
            x = act.Output[i];
            width = _hidden[i].Out;
        }

        var outW = _outWeight.Data.AsSpan();
        for (var b = 0; b < n; b++)
        {
            act.Logits[b] = act.Wide[b] + TensorPrimitives.Dot<T>(outW, x.AsSpan(b * width, width)) + _outBias.Data[0];
        }
    }

    /// <summary>
    /// Mean of <c>BCEWithLogits</c> over the batch, computed stably as max(z, 0) − z·y + log(1 + e^−|z|); writes dLoss/dLogit
    /// = (σ(z) − y)/n for the backward pass.
    /// </summary>
    public static T Loss(ReadOnlySpan<T> labels, ConvFmActivations<T> act)
    {
        ArgumentNullException.ThrowIfNull(act);
        var n = act.Count;
        ArgumentOutOfRangeException.ThrowIfNotEqual(labels.Length, n, nameof(labels));
        var total = T.Zero;
        var count = T.CreateChecked(n);
        for (var b = 0; b < n; b++)
        {
            var z = act.Logits[b];
            var y = labels[b];
            total += T.Max(z, T.Zero) - (z * y) + T.LogP1(T.Exp(-T.Abs(z)));
            act.LogitGrad[b] = (Sigmoid(z) - y) / count;
        }

        return total / count;
    }

    internal static T Sigmoid(T z) =>
        z >= T.Zero ? T.One / (T.One + T.Exp(-z)) : T.Exp(z) / (T.One + T.Exp(z));

    private void EmbedAndConvolve(in ConvFmInput input, int b, ConvFmActivations<T> act)
    {
        const int fields = ConvFmFields.Count;
        var dim = Dim;
        var x0 = act.Input.AsSpan(b * DeepInput, DeepInput);
        Scatter(_embeddings[ConvFmFields.User].Data.AsSpan(input.User * dim, dim), x0, ConvFmFields.User);
        Scatter(_embeddings[ConvFmFields.Job].Data.AsSpan(input.Job * dim, dim), x0, ConvFmFields.Job);
        Scatter(_embeddings[ConvFmFields.Location].Data.AsSpan(input.Location * dim, dim), x0, ConvFmFields.Location);
        Scatter(_embeddings[ConvFmFields.Company].Data.AsSpan(input.Company * dim, dim), x0, ConvFmFields.Company);

        // Skills: mean of the present (non-zero) ids, zero when there are none — the anchor's clamp(min=1) on the count.
        var skills = _embeddings[ConvFmFields.Skills].Data;
        var count = 0;
        for (var d = 0; d < dim; d++)
        {
            x0[(d * fields) + ConvFmFields.Skills] = T.Zero;
        }

        foreach (var s in input.Skills)
        {
            if (s == 0)
            {
                continue;
            }

            count++;
            for (var d = 0; d < dim; d++)
            {
                x0[(d * fields) + ConvFmFields.Skills] += skills[(s * dim) + d];
            }
        }

        act.SkillCount[b] = count;
        var inv = T.One / T.CreateChecked(Math.Max(count, 1));
        for (var d = 0; d < dim; d++)
        {
            x0[(d * fields) + ConvFmFields.Skills] *= inv;
        }

        // Linear term and FM: 0.5 · Σ_d ((Σ_f e)² − Σ_f e²).
        var wide = _bias.Data[0] + _linear[0].Data[input.User] + _linear[1].Data[input.Job]
            + _linear[2].Data[input.Location] + _linear[3].Data[input.Company];
        var fm = T.Zero;
        for (var d = 0; d < dim; d++)
        {
            var e = x0.Slice(d * fields, fields);
            var sum = TensorPrimitives.Sum<T>(e);
            fm += (sum * sum) - TensorPrimitives.SumOfSquares<T>(e);
        }

        act.Wide[b] = wide + (T.CreateChecked(0.5) * fm);

        // Conv1d as im2col: patch row t holds e[d, t + k − padding] at d·kernel + k, which is also the weight's [dim, kernel] order.
        var patchLength = dim * Kernel;
        var patches = act.Patches.AsSpan(b * ConvLength * patchLength, ConvLength * patchLength);
        for (var t = 0; t < ConvLength; t++)
        {
            for (var d = 0; d < dim; d++)
            {
                for (var k = 0; k < Kernel; k++)
                {
                    var src = t + k - Padding;
                    patches[(t * patchLength) + (d * Kernel) + k] = (uint)src < fields ? x0[(d * fields) + src] : T.Zero;
                }
            }
        }

        var pooled = x0.Slice(dim * fields, Filters);
        var pre = act.ConvPre.AsSpan(b * Filters * ConvLength, Filters * ConvLength);
        var length = T.CreateChecked(ConvLength);
        for (var c = 0; c < Filters; c++)
        {
            var w = _convWeight.Data.AsSpan(c * patchLength, patchLength);
            var acc = T.Zero;
            for (var t = 0; t < ConvLength; t++)
            {
                var z = TensorPrimitives.Dot<T>(w, patches.Slice(t * patchLength, patchLength)) + _convBias.Data[c];
                pre[(c * ConvLength) + t] = z;
                acc += T.Max(z, T.Zero);
            }

            pooled[c] = acc / length;
        }
    }

    private static void Scatter(ReadOnlySpan<T> embedding, Span<T> x0, int field)
    {
        for (var d = 0; d < embedding.Length; d++)
        {
            x0[(d * ConvFmFields.Count) + field] = embedding[d];
        }
    }

    private void HiddenForward(DenseLayer layer, T[] x, int width, int n, ConvFmActivations<T> act, int i, bool training, Random? dropout)
    {
        var h = layer.Out;
        var z = act.Output[i];

        // Linear: z[b, o] = W[o] · x[b] + bias[o], one example's row per task.
        For(n, (lo, hi) =>
        {
            for (var b = lo; b < hi; b++)
            {
                var xb = x.AsSpan(b * width, width);
                for (var o = 0; o < h; o++)
                {
                    z[(b * h) + o] = TensorPrimitives.Dot<T>(layer.Weight.Data.AsSpan(o * width, width), xb) + layer.Bias.Data[o];
                }
            }
        });

        // BatchNorm statistics, one unit's column per task.
        For(h, (lo, hi) =>
        {
            for (var o = lo; o < hi; o++)
            {
                Normalize(layer, z, n, act, i, o, training);
            }
        });

        // Dropout masks are drawn on this thread in a fixed order, so they depend on the seed only.
        var scale = act.DropoutScale[i];
        if (dropout is not null)
        {
            var keep = T.One / (T.One - T.CreateChecked(Options.Dropout));
            for (var j = 0; j < n * h; j++)
            {
                scale[j] = dropout.NextDouble() < Options.Dropout ? T.Zero : keep;
            }
        }

        // BatchNorm affine, ReLU, then dropout (inverted: kept units scaled by 1/(1 − p)).
        var xhat = act.Normalized[i];
        For(n, (lo, hi) =>
        {
            for (var j = lo * h; j < hi * h; j++)
            {
                var o = j % h;
                var y = T.Max((layer.Gamma.Data[o] * xhat[j]) + layer.Beta.Data[o], T.Zero);
                z[j] = dropout is not null ? y * scale[j] : y;
            }
        });
    }

    private void Normalize(DenseLayer layer, T[] z, int n, ConvFmActivations<T> act, int i, int o, bool training)
    {
        var h = layer.Out;
        var eps = T.CreateChecked(Options.BatchNormEpsilon);
        var xhat = act.Normalized[i];
        var invStd = act.InvStd[i];
        T mean;
        if (training)
        {
            var count = T.CreateChecked(n);
            var momentum = T.CreateChecked(Options.BatchNormMomentum);
            mean = T.Zero;
            for (var b = 0; b < n; b++)
            {
                mean += z[(b * h) + o];
            }

            mean /= count;
            var sq = T.Zero;
            for (var b = 0; b < n; b++)
            {
                var c = z[(b * h) + o] - mean;
                sq += c * c;
            }

            // Normalise with the biased variance; the running variance takes the unbiased one (PyTorch's BatchNorm1d).
            invStd[o] = T.One / T.Sqrt((sq / count) + eps);
            var rm = layer.RunningMean.Data;
            var rv = layer.RunningVar.Data;
            rm[o] = ((T.One - momentum) * rm[o]) + (momentum * mean);
            rv[o] = ((T.One - momentum) * rv[o]) + (momentum * sq / (count - T.One));
        }
        else
        {
            mean = layer.RunningMean.Data[o];
            invStd[o] = T.One / T.Sqrt(layer.RunningVar.Data[o] + eps);
        }

        for (var b = 0; b < n; b++)
        {
            xhat[(b * h) + o] = (z[(b * h) + o] - mean) * invStd[o];
        }
    }
}
