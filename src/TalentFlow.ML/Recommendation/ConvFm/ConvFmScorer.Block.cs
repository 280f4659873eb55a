using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using TalentFlow.ML.Numerics;

namespace TalentFlow.ML.Recommendation.ConvFm;

/// <content>Scoring one block of pairs: gather the five rows per pair, then the deep layers as matrix products.</content>
public sealed unsafe partial class ConvFmScorer
{
    /// <summary>Pairs ahead whose rows are prefetched: enough to cover a memory latency with one pair's work.</summary>
    private const int PrefetchDistance = 2;

    private void ScoreBlock(ReadOnlySpan<ConvFmInput> inputs, int start, int m, Workspace work, Span<float> destination)
    {
        var rows = stackalloc float*[ConvFmFields.Count];
        for (var b = 0; b < m; b++)
        {
            if (start + b + PrefetchDistance < inputs.Length)
            {
                PrefetchRows(inputs[start + b + PrefetchDistance]);
            }

            ref readonly var input = ref inputs[start + b];
            if (!ReferenceEquals(input.Skills, work.LastBag))
            {
                ComputeBag(input.Skills, work);
            }

            rows[ConvFmFields.User] = Row(ConvFmFields.User, input.User);
            rows[ConvFmFields.Job] = Row(ConvFmFields.Job, input.Job);
            rows[ConvFmFields.Skills] = (float*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(work.BagRow));
            rows[ConvFmFields.Location] = Row(ConvFmFields.Location, input.Location);
            rows[ConvFmFields.Company] = Row(ConvFmFields.Company, input.Company);
            PoolConvolution(rows, work.Pooled.AsSpan(b * _filters, _filters));
            SumFirstLayer(rows, work.Layers[0].AsSpan(b * _firstWidth, _firstWidth));
            var wide = _bias + _wide[ConvFmFields.User][input.User] + _wide[ConvFmFields.Job][input.Job] + work.BagWide
                + _wide[ConvFmFields.Location][input.Location] + _wide[ConvFmFields.Company][input.Company];
            work.Wide[b] = wide + (0.5f * SquaredNormOfSum(rows));
        }

        var previous = work.Pooled;
        for (var i = 0; i < _layers.Length; i++)
        {
            var layer = _layers[i];
            var z = work.Layers[i].AsSpan(0, m * layer.Out);
            if (i > 0)
            {
                for (var b = 0; b < m; b++)
                {
                    layer.Bias.CopyTo(z.Slice(b * layer.Out, layer.Out));
                }
            }

            MatrixKernels.MultiplyAdd(previous.AsSpan(0, m * layer.In), layer.WeightT, z, m, layer.In, layer.Out);
            if (layer.Relu)
            {
                TensorPrimitives.Max(z, 0f, z);
            }

            previous = work.Layers[i];
        }

        // The last layer is the output unit: one value per pair.
        TensorPrimitives.Add(work.Wide.AsSpan(0, m), previous.AsSpan(0, m), destination);
    }

    /// <summary>A catalog's rows are read once per ranking, so they come from L3 or memory: ask for them a little early.</summary>
    private void PrefetchRows(in ConvFmInput input)
    {
        Prefetch.Range(Row(ConvFmFields.User, input.User), _rowLength[ConvFmFields.User] * sizeof(float));
        Prefetch.Range(Row(ConvFmFields.Job, input.Job), _rowLength[ConvFmFields.Job] * sizeof(float));
        Prefetch.Range(Row(ConvFmFields.Location, input.Location), _rowLength[ConvFmFields.Location] * sizeof(float));
        Prefetch.Range(Row(ConvFmFields.Company, input.Company), _rowLength[ConvFmFields.Company] * sizeof(float));
    }

    private float* Row(int field, int id) => (float*)_tableBase[field] + ((nint)id * _rowLength[field]);

    /// <summary>Mean of the bag's skill rows (padding ids skipped; an empty bag gives zeros) and its −½‖ē‖².</summary>
    private void ComputeBag(int[] skills, Workspace work)
    {
        var bag = work.BagRow.AsSpan();
        var table = _tables[ConvFmFields.Skills];
        var length = _rowLength[ConvFmFields.Skills];
        bag.Clear();
        var count = 0;
        foreach (var s in skills)
        {
            if (s != 0)
            {
                count++;
                TensorPrimitives.Add(bag, table.AsSpan(s * length, length), bag);
            }
        }

        // As the network: the sum times 1/count, so the mean embedding is bit-identical to its.
        TensorPrimitives.Multiply(bag, 1f / Math.Max(count, 1), bag);
        var embedding = bag.Slice(_embeddingOffset[ConvFmFields.Skills], _dim);
        work.BagWide = -0.5f * TensorPrimitives.SumOfSquares(embedding);
        work.LastBag = skills;
    }

    /// <summary>pooled[c] = Σ_t ReLU(bias[c] + Σ_{fields touching t} row_f[t's share, c]).</summary>
    private void PoolConvolution(float** rows, Span<float> pooled)
    {
        var filters = _filters;
        var positions = _termStart.Length - 1;
        var terms = _termField.Length;

        // Each term's source resolved once per pair, so the filter loop reads only pointers.
        var source = stackalloc float*[terms];
        for (var e = 0; e < terms; e++)
        {
            source[e] = rows[_termField[e]] + _termOffset[e];
        }

        ref var bias = ref MemoryMarshal.GetArrayDataReference(_convBias);
        ref var start = ref MemoryMarshal.GetArrayDataReference(_termStart);
        var c = 0;
        if (Vector.IsHardwareAccelerated)
        {
            for (; c <= filters - Vector<float>.Count; c += Vector<float>.Count)
            {
                var sum = Vector<float>.Zero;
                var b0 = Vector.LoadUnsafe(ref bias, (nuint)c);
                var e = 0;
                for (var t = 0; t < positions; t++)
                {
                    var acc = b0;
                    for (var end = Unsafe.Add(ref start, t + 1); e < end; e++)
                    {
                        acc += Vector.Load(source[e] + c);
                    }

                    sum += Vector.Max(acc, Vector<float>.Zero);
                }

                sum.StoreUnsafe(ref MemoryMarshal.GetReference(pooled), (nuint)c);
            }
        }

        for (; c < filters; c++)
        {
            var sum = 0f;
            var e = 0;
            for (var t = 0; t < positions; t++)
            {
                var acc = Unsafe.Add(ref bias, c);
                for (var end = Unsafe.Add(ref start, t + 1); e < end; e++)
                {
                    acc += source[e][c];
                }

                sum += Math.Max(acc, 0f);
            }

            pooled[c] = sum;
        }
    }

    /// <summary>The first layer's pre-activation before the conv features: its bias plus every field's share.</summary>
    private void SumFirstLayer(float** rows, Span<float> z)
    {
        var width = _firstWidth;
        ref var bias = ref MemoryMarshal.GetArrayDataReference(_layers[0].Bias);
        var r0 = rows[0] + _firstOffset[0];
        var r1 = rows[1] + _firstOffset[1];
        var r2 = rows[2] + _firstOffset[2];
        var r3 = rows[3] + _firstOffset[3];
        var r4 = rows[4] + _firstOffset[4];
        var o = 0;
        if (Vector.IsHardwareAccelerated)
        {
            for (; o <= width - Vector<float>.Count; o += Vector<float>.Count)
            {
                var acc = Vector.LoadUnsafe(ref bias, (nuint)o) + Vector.Load(r0 + o) + Vector.Load(r1 + o) + Vector.Load(r2 + o)
                    + Vector.Load(r3 + o) + Vector.Load(r4 + o);
                acc.StoreUnsafe(ref MemoryMarshal.GetReference(z), (nuint)o);
            }
        }

        for (; o < width; o++)
        {
            z[o] = Unsafe.Add(ref bias, o) + r0[o] + r1[o] + r2[o] + r3[o] + r4[o];
        }
    }

    /// <summary>‖Σ_f e_f‖², from the embeddings at the end of each row.</summary>
    private float SquaredNormOfSum(float** rows)
    {
        var dim = _dim;
        var e0 = rows[0] + _embeddingOffset[0];
        var e1 = rows[1] + _embeddingOffset[1];
        var e2 = rows[2] + _embeddingOffset[2];
        var e3 = rows[3] + _embeddingOffset[3];
        var e4 = rows[4] + _embeddingOffset[4];
        var d = 0;
        var squares = 0f;
        if (Vector.IsHardwareAccelerated)
        {
            var acc = Vector<float>.Zero;
            for (; d <= dim - Vector<float>.Count; d += Vector<float>.Count)
            {
                var s = Vector.Load(e0 + d) + Vector.Load(e1 + d) + Vector.Load(e2 + d) + Vector.Load(e3 + d) + Vector.Load(e4 + d);
                acc = Vector.FusedMultiplyAdd(s, s, acc);
            }

            squares = Vector.Sum(acc);
        }

        for (; d < dim; d++)
        {
            var s = e0[d] + e1[d] + e2[d] + e3[d] + e4[d];
            squares += s * s;
        }

        return squares;
    }
}
