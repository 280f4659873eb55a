using System.Numerics.Tensors;

namespace TalentFlow.ML.Ranking;

/// <summary>
/// A compressed companion to <see cref="ExactTopK"/>: every row is stored as int8 with one float scale (a quarter of the
/// memory traffic), the scan ranks by the int8 dot product, and a short list of the best approximate rows is re-scored
/// exactly in float32. Recall is measured (`bench topk`), not assumed: widen the short list if a corpus needs it.
/// </summary>
public sealed class QuantizedIndex
{
    private const int Lane = 32;
    private readonly float[] _matrix;
    private readonly sbyte[] _codes;
    private readonly float[] _scales;
    private readonly int _stride;

    /// <summary>Quantizes <paramref name="matrix"/> (rows of <paramref name="dimensions"/> floats); the floats are kept for re-ranking.</summary>
    public QuantizedIndex(float[] matrix, int dimensions)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dimensions);
        if (matrix.Length % dimensions != 0) throw new ArgumentException("The matrix length is not a multiple of the dimensions.", nameof(matrix));
        Dimensions = dimensions;
        Rows = matrix.Length / dimensions;
        _matrix = matrix;
        _stride = (dimensions + Lane - 1) / Lane * Lane;
        _codes = new sbyte[(long)Rows * _stride];
        _scales = new float[Rows];
        Parallel.For(0, Rows, row => _scales[row] = Quantize(matrix.AsSpan(row * dimensions, dimensions), _codes.AsSpan(row * _stride, _stride)));
    }

    /// <summary>Floats per row.</summary>
    public int Dimensions { get; }

    /// <summary>Rows indexed.</summary>
    public int Rows { get; }

    /// <summary>
    /// The best <c>result.Length</c> rows, re-ranked exactly from the best <paramref name="shortList"/> approximate ones (at
    /// least k); returns how many were written.
    /// </summary>
    public int Search(ReadOnlySpan<float> query, Span<ScoredRow> result, int shortList = 100)
    {
        if (query.Length != Dimensions) throw new ArgumentException($"The query has {query.Length} dimensions, the index {Dimensions}.", nameof(query));
        int k = Math.Min(result.Length, Rows);
        if (k == 0) return 0;
        int listLength = Math.Min(Math.Max(shortList, k), Rows);
        var queryCodes = new sbyte[_stride];
        Quantize(query, queryCodes);

        int workers = Math.Clamp(Rows / 16_384, 1, Environment.ProcessorCount);
        var partial = new ScoredRow[workers * listLength];
        var counts = new int[workers];
        Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers }, w =>
        {
            int start = (int)((long)Rows * w / workers), end = (int)((long)Rows * (w + 1) / workers);
            var collector = new TopKCollector(partial.AsSpan(w * listLength, listLength));
            for (int row = start; row < end; row++)
            {
                // The query's own scale is the same for every row, so it does not change the order.
                float approx = _scales[row] * Int8Dot.Dot(_codes.AsSpan(row * _stride, _stride), queryCodes);
                if (approx >= collector.Threshold) collector.Offer(row, approx);
            }
            counts[w] = collector.Count;
        });

        var exact = new TopKCollector(result[..k]);
        for (int w = 0; w < workers; w++)
        {
            foreach (var candidate in partial.AsSpan(w * listLength, counts[w]))
            {
                exact.Offer(candidate.Row, TensorPrimitives.Dot(_matrix.AsSpan(candidate.Row * Dimensions, Dimensions), query));
            }
        }
        return exact.Count;
    }

    /// <summary>Symmetric per-vector int8: code = round(x / scale), scale = max|x| / 127. Returns the scale.</summary>
    private static float Quantize(ReadOnlySpan<float> vector, Span<sbyte> codes)
    {
        float max = TensorPrimitives.MaxMagnitude(vector);
        max = Math.Abs(max);
        if (max == 0 || !float.IsFinite(max))
        {
            codes.Clear();
            return 0;
        }
        float inverse = 127f / max;
        for (int i = 0; i < vector.Length; i++) codes[i] = (sbyte)Math.Round(vector[i] * inverse);
        codes[vector.Length..].Clear();
        return max / 127f;
    }
}
