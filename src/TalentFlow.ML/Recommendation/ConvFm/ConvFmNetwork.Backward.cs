using System.Numerics.Tensors;

namespace TalentFlow.ML.Recommendation.ConvFm;

/// <content>Backward pass: gradients of the loss with respect to every trainable tensor.</content>
internal sealed partial class ConvFmNetwork<T>
{
    /// <summary>
    /// Overwrites every trainable tensor's gradient with dLoss/dθ for the last training-mode <see cref="Forward"/> on
    /// <paramref name="batch"/>, given dLoss/dLogit from <see cref="Loss"/>.
    /// </summary>
    public void Backward(ReadOnlySpan<ConvFmInput> batch, ConvFmActivations<T> act)
    {
        ArgumentNullException.ThrowIfNull(act);
        var n = act.Count;
        ArgumentOutOfRangeException.ThrowIfNotEqual(batch.Length, n, nameof(batch));
        For(_tensors.Count, (lo, hi) =>
        {
            for (var i = lo; i < hi; i++)
            {
                if (_tensors[i].Grad is { } grad)
                {
                    Array.Clear(grad);
                }
            }
        });

        // Output layer of the deep part, and the gradient into the last hidden layer's output.
        var last = _hidden.Length - 1;
        var width = last >= 0 ? _hidden[last].Out : DeepInput;
        var x = last >= 0 ? act.Output[last] : act.Input;
        var gx = last >= 0 ? act.OutputGrad[last] : act.InputGrad;
        for (var b = 0; b < n; b++)
        {
            var g = act.LogitGrad[b];
            _outBias.Grad![0] += g;
            TensorPrimitives.MultiplyAdd<T>(x.AsSpan(b * width, width), g, _outWeight.Grad, _outWeight.Grad);
            TensorPrimitives.Multiply<T>(_outWeight.Data, g, gx.AsSpan(b * width, width));
        }

        for (var i = last; i >= 0; i--)
        {
            var input = i > 0 ? act.Output[i - 1] : act.Input;
            var inputGrad = i > 0 ? act.OutputGrad[i - 1] : act.InputGrad;
            HiddenBackward(_hidden[i], act, i, n, input, inputGrad);
        }

        For(n, (lo, hi) =>
        {
            for (var b = lo; b < hi; b++)
            {
                ExampleBackward(b, act);
            }
        });
        For(Filters, (lo, hi) => ConvWeightBackward(lo, hi, n, act));

        // Embedding rows are shared between examples, so the scatter stays on one thread, in example order.
        for (var b = 0; b < n; b++)
        {
            EmbeddingBackward(batch[b], b, act);
        }
    }

    private void HiddenBackward(DenseLayer layer, ConvFmActivations<T> act, int i, int n, T[] input, T[] inputGrad)
    {
        var h = layer.Out;
        var width = layer.In;
        var gOut = act.OutputGrad[i];
        var output = act.Output[i];
        var xhat = act.Normalized[i];
        var gz = act.PreGrad[i];
        var count = T.CreateChecked(n);

        // Through dropout and ReLU: a unit passes gradient only if it was kept and its output is positive
        // (a kept unit's output is positive exactly when the ReLU was active).
        For(n, (lo, hi) =>
        {
            for (var j = lo * h; j < hi * h; j++)
            {
                var g = output[j] > T.Zero ? gOut[j] : T.Zero;
                gOut[j] = act.HasDropout ? g * act.DropoutScale[i][j] : g;
            }
        });

        // Per unit: BatchNorm (training mode) dγ = Σ g·x̂, dβ = Σ g, dz = γ·σ⁻¹/n · (n·g − Σg − x̂·Σ g·x̂);
        // then the Linear layer's dW[o] = Σ_b dz[b, o]·x[b] and dbias[o] = Σ_b dz[b, o].
        For(h, (lo, hi) =>
        {
            for (var o = lo; o < hi; o++)
            {
                var sumG = T.Zero;
                var sumGx = T.Zero;
                for (var b = 0; b < n; b++)
                {
                    sumG += gOut[(b * h) + o];
                    sumGx += gOut[(b * h) + o] * xhat[(b * h) + o];
                }

                layer.Beta.Grad![o] = sumG;
                layer.Gamma.Grad![o] = sumGx;
                var k = layer.Gamma.Data[o] * act.InvStd[i][o] / count;
                var gw = layer.Weight.Grad.AsSpan(o * width, width);
                var gb = T.Zero;
                for (var b = 0; b < n; b++)
                {
                    var j = (b * h) + o;
                    gz[j] = k * ((count * gOut[j]) - sumG - (xhat[j] * sumGx));
                    gb += gz[j];
                    TensorPrimitives.MultiplyAdd<T>(input.AsSpan(b * width, width), gz[j], gw, gw);
                }

                layer.Bias.Grad![o] = gb;
            }
        });

        // dx[b] = Σ_o dz[b, o]·W[o], one example's row per task.
        For(n, (lo, hi) =>
        {
            for (var b = lo; b < hi; b++)
            {
                var gxb = inputGrad.AsSpan(b * width, width);
                gxb.Clear();
                for (var o = 0; o < h; o++)
                {
                    TensorPrimitives.MultiplyAdd<T>(layer.Weight.Data.AsSpan(o * width, width), gz[(b * h) + o], gxb, gxb);
                }
            }
        });
    }

    /// <summary>One example's gradient with respect to its stacked embeddings: from the FM term and through the conv.</summary>
    private void ExampleBackward(int b, ConvFmActivations<T> act)
    {
        const int fields = ConvFmFields.Count;
        var dim = Dim;
        var g = act.LogitGrad[b];
        var x0 = act.Input.AsSpan(b * DeepInput, DeepInput);
        var ge = act.InputGrad.AsSpan(b * DeepInput, dim * fields);

        // FM: d/de[d, f] of 0.5·((Σ_f e)² − Σ_f e²) is Σ_f e − e[d, f].
        for (var d = 0; d < dim; d++)
        {
            var e = x0.Slice(d * fields, fields);
            var sum = TensorPrimitives.Sum<T>(e);
            for (var f = 0; f < fields; f++)
            {
                ge[(d * fields) + f] += g * (sum - e[f]);
            }
        }

        // Conv: average pool then ReLU back to the pre-activation, then im2col back to the embeddings.
        var patchLength = dim * Kernel;
        var gPatches = act.PatchGrad.AsSpan(b * ConvLength * patchLength, ConvLength * patchLength);
        gPatches.Clear();
        var gPooled = act.InputGrad.AsSpan((b * DeepInput) + (dim * fields), Filters);
        var pre = act.ConvPre.AsSpan(b * Filters * ConvLength, Filters * ConvLength);
        var gPre = act.ConvPreGrad.AsSpan(b * Filters * ConvLength, Filters * ConvLength);
        var length = T.CreateChecked(ConvLength);
        for (var c = 0; c < Filters; c++)
        {
            var w = _convWeight.Data.AsSpan(c * patchLength, patchLength);
            for (var t = 0; t < ConvLength; t++)
            {
                var go = pre[(c * ConvLength) + t] > T.Zero ? gPooled[c] / length : T.Zero;
                gPre[(c * ConvLength) + t] = go;
                if (go != T.Zero)
                {
                    var gp = gPatches.Slice(t * patchLength, patchLength);
                    TensorPrimitives.MultiplyAdd<T>(w, go, gp, gp);
                }
            }
        }

        for (var t = 0; t < ConvLength; t++)
        {
            for (var d = 0; d < dim; d++)
            {
                for (var k = 0; k < Kernel; k++)
                {
                    var src = t + k - Padding;
                    if ((uint)src < fields)
                    {
                        ge[(d * fields) + src] += gPatches[(t * patchLength) + (d * Kernel) + k];
                    }
                }
            }
        }
    }

    /// <summary>dW[c] = Σ_b Σ_t dpre[b, c, t]·patch[b, t] and dbias[c] = Σ dpre for the filters in [lo, hi).</summary>
    private void ConvWeightBackward(int lo, int hi, int n, ConvFmActivations<T> act)
    {
        var patchLength = Dim * Kernel;
        for (var c = lo; c < hi; c++)
        {
            var gw = _convWeight.Grad.AsSpan(c * patchLength, patchLength);
            var gb = T.Zero;
            for (var b = 0; b < n; b++)
            {
                var patches = act.Patches.AsSpan(b * ConvLength * patchLength, ConvLength * patchLength);
                for (var t = 0; t < ConvLength; t++)
                {
                    var go = act.ConvPreGrad[(((b * Filters) + c) * ConvLength) + t];
                    if (go != T.Zero)
                    {
                        gb += go;
                        TensorPrimitives.MultiplyAdd<T>(patches.Slice(t * patchLength, patchLength), go, gw, gw);
                    }
                }
            }

            _convBias.Grad![c] = gb;
        }
    }

    /// <summary>Linear-term weights and embedding rows: each field's row receives its column of the stacked gradient.</summary>
    private void EmbeddingBackward(in ConvFmInput input, int b, ConvFmActivations<T> act)
    {
        var g = act.LogitGrad[b];
        _bias.Grad![0] += g;
        _linear[0].Grad![input.User] += g;
        _linear[1].Grad![input.Job] += g;
        _linear[2].Grad![input.Location] += g;
        _linear[3].Grad![input.Company] += g;

        var ge = act.InputGrad.AsSpan(b * DeepInput, Dim * ConvFmFields.Count);
        AddRow(_embeddings[ConvFmFields.User].Grad!, input.User, ge, ConvFmFields.User, T.One);
        AddRow(_embeddings[ConvFmFields.Job].Grad!, input.Job, ge, ConvFmFields.Job, T.One);
        AddRow(_embeddings[ConvFmFields.Location].Grad!, input.Location, ge, ConvFmFields.Location, T.One);
        AddRow(_embeddings[ConvFmFields.Company].Grad!, input.Company, ge, ConvFmFields.Company, T.One);
        if (act.SkillCount[b] > 0)
        {
            // Each present skill receives 1/count of the skill column (the mean's derivative).
            var share = T.One / T.CreateChecked(act.SkillCount[b]);
            foreach (var s in input.Skills)
            {
                if (s != 0)
                {
                    AddRow(_embeddings[ConvFmFields.Skills].Grad!, s, ge, ConvFmFields.Skills, share);
                }
            }
        }
    }

    private void AddRow(T[] grad, int row, ReadOnlySpan<T> ge, int field, T scale)
    {
        var dim = Dim;
        for (var d = 0; d < dim; d++)
        {
            grad[(row * dim) + d] += scale * ge[(d * ConvFmFields.Count) + field];
        }
    }
}
