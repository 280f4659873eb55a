using System.Numerics;
using System.Numerics.Tensors;

namespace TalentFlow.ML.Recommendation.ConvFm;

/// <summary>
/// Adam with <c>torch.optim.Adam</c>'s arithmetic (single-tensor path): m ← β1·m + (1 − β1)·g, v ← β2·v + (1 − β2)·g²,
/// θ ← θ − (lr / (1 − β1ᵗ)) · m / (√v / √(1 − β2ᵗ) + ε); weight decay, when set, is added to g first (L2, not AdamW).
/// Dense: every row of an embedding table is updated each step, as PyTorch does for non-sparse embeddings.
/// </summary>
internal sealed class AdamOptimizer<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly NamedTensor<T>[] _parameters;
    private readonly T[][] _m;
    private readonly T[][] _v;
    private readonly ConvFmOptions _options;
    private readonly (int Parameter, int Start, int Length)[] _segments;

    /// <summary>Elements per work item: small enough for two stack buffers of doubles, large enough to vectorise well.</summary>
    private const int SegmentLength = 1024;

    public AdamOptimizer(IEnumerable<NamedTensor<T>> tensors, ConvFmOptions options)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _parameters = [.. tensors.Where(t => t.IsTrainable)];
        _m = [.. _parameters.Select(p => new T[p.Data.Length])];
        _v = [.. _parameters.Select(p => new T[p.Data.Length])];
        var segments = new List<(int, int, int)>();
        for (var p = 0; p < _parameters.Length; p++)
        {
            for (var start = 0; start < _parameters[p].Data.Length; start += SegmentLength)
            {
                segments.Add((p, start, Math.Min(SegmentLength, _parameters[p].Data.Length - start)));
            }
        }

        _segments = [.. segments];
    }

    /// <summary>Steps taken so far (PyTorch's <c>state['step']</c>).</summary>
    public int Steps { get; private set; }

    /// <summary>Applies one update from the tensors' current gradients.</summary>
    public void Step()
    {
        Steps++;
        var stepSize = T.CreateChecked(_options.LearningRate / (1 - Math.Pow(_options.Beta1, Steps)));
        var correction2Sqrt = T.CreateChecked(Math.Sqrt(1 - Math.Pow(_options.Beta2, Steps)));
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = _options.MaxDegreeOfParallelism };

        // Elements are independent, so segments can run on any thread without changing a bit of the result.
        Parallel.For(0, _segments.Length, parallel, s =>
        {
            var (p, start, length) = _segments[s];
            Update(p, start, length, stepSize, correction2Sqrt);
        });
    }

    private void Update(int p, int start, int length, T stepSize, T correction2Sqrt)
    {
        var beta1 = T.CreateChecked(_options.Beta1);
        var beta2 = T.CreateChecked(_options.Beta2);
        var eps = T.CreateChecked(_options.AdamEpsilon);
        var data = _parameters[p].Data.AsSpan(start, length);
        var grad = _parameters[p].Grad.AsSpan(start, length);
        var m = _m[p].AsSpan(start, length);
        var v = _v[p].AsSpan(start, length);
        Span<T> g = stackalloc T[length];
        Span<T> tmp = stackalloc T[length];
        if (_options.WeightDecay != 0)
        {
            TensorPrimitives.MultiplyAdd<T>(data, T.CreateChecked(_options.WeightDecay), grad, g);
        }
        else
        {
            grad.CopyTo(g);
        }

        // The same operations in the same order as PyTorch: m.lerp_(g, 1 − β1); v.mul_(β2).addcmul_(g, g, 1 − β2);
        // θ.addcdiv_(m, v.sqrt() / √(1 − β2ᵗ) + ε, −lr / (1 − β1ᵗ)).
        TensorPrimitives.Subtract<T>(g, m, tmp);
        TensorPrimitives.MultiplyAdd<T>(tmp, T.One - beta1, m, m);
        TensorPrimitives.Multiply<T>(v, beta2, v);
        TensorPrimitives.Multiply<T>(g, g, tmp);
        TensorPrimitives.MultiplyAdd<T>(tmp, T.One - beta2, v, v);
        TensorPrimitives.Sqrt<T>(v, tmp);
        TensorPrimitives.Divide<T>(tmp, correction2Sqrt, tmp);
        TensorPrimitives.Add<T>(tmp, eps, tmp);
        TensorPrimitives.Divide<T>(m, tmp, tmp);
        TensorPrimitives.MultiplyAdd<T>(tmp, -stepSize, data, data);
    }
}
