using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace TalentFlow.ML.Ranking;

/// <summary>
/// Exact float32 top-k by dot product over a row-major matrix: the reference every faster index is checked against, and fast
/// in its own right — the scan is bound by memory bandwidth, so rows are split into one contiguous range per core, each
/// scanned once with SIMD dot products, and the per-range winners merged in <see cref="ScoredRow.Precedes"/> order.
/// </summary>
public static class ExactTopK
{
    /// <summary>Rows below which one thread is faster than waking others.</summary>
    private const int ParallelThreshold = 16_384;

    /// <summary>
    /// Writes the best <c>min(k, rows)</c> rows into <paramref name="result"/>, best first, and returns how many it wrote.
    /// </summary>
    /// <param name="matrix">Rows of <paramref name="dimensions"/> floats, back to back.</param>
    /// <param name="dimensions">Floats per row.</param>
    /// <param name="query">The query; <paramref name="dimensions"/> floats.</param>
    /// <param name="result">At least k entries; k is its length.</param>
    /// <param name="maxDegreeOfParallelism">Threads to use; default all cores.</param>
    public static int Search(ReadOnlyMemory<float> matrix, int dimensions, ReadOnlySpan<float> query, Span<ScoredRow> result, int maxDegreeOfParallelism = -1)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dimensions);
        if (query.Length != dimensions) throw new ArgumentException($"The query has {query.Length} dimensions, the matrix {dimensions}.", nameof(query));
        if (matrix.Length % dimensions != 0) throw new ArgumentException("The matrix length is not a multiple of the dimensions.", nameof(matrix));
        int rows = matrix.Length / dimensions;
        int k = Math.Min(result.Length, rows);
        if (k == 0) return 0;
        int workers = maxDegreeOfParallelism > 0 ? maxDegreeOfParallelism : Environment.ProcessorCount;
        workers = Math.Clamp(rows / ParallelThreshold, 1, workers);
        if (workers == 1) return Scan(matrix.Span, dimensions, query, 0, rows, result[..k]);

        var partial = new ScoredRow[workers * k];
        var counts = new int[workers];
        float[] queryCopy = query.ToArray();
        Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers }, w =>
        {
            int start = (int)((long)rows * w / workers), end = (int)((long)rows * (w + 1) / workers);
            counts[w] = Scan(matrix.Span, dimensions, queryCopy, start, end, partial.AsSpan(w * k, k));
        });
        var merged = new TopKCollector(result[..k]);
        for (int w = 0; w < workers; w++)
        {
            foreach (var row in partial.AsSpan(w * k, counts[w])) merged.Offer(row.Row, row.Score);
        }
        return merged.Count;
    }

    /// <summary>Scans rows [start, end) into <paramref name="best"/>.</summary>
    private static int Scan(ReadOnlySpan<float> matrix, int dimensions, ReadOnlySpan<float> query, int start, int end, Span<ScoredRow> best)
    {
        var collector = new TopKCollector(best);
        ref float first = ref MemoryMarshal.GetReference(matrix);
        for (int row = start; row < end; row++)
        {
            var vector = MemoryMarshal.CreateReadOnlySpan(ref Unsafe.Add(ref first, (nint)row * dimensions), dimensions);
            float score = TensorPrimitives.Dot(vector, query);
            if (score >= collector.Threshold) collector.Offer(row, score);
        }
        return collector.Count;
    }
}
