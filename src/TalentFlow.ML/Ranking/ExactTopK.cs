using TalentFlow.ML.Numerics;

namespace TalentFlow.ML.Ranking;

/// <summary>
/// Exact float32 top-k by dot product: the reference every faster index is checked against, and fast in its own right. The
/// scan is bound by memory bandwidth, so each core streams through chunks of contiguous rows, the dot product inlined and
/// the top-k test fused into the same loop (no score buffer is written and read back), and the per-core winners are merged
/// in <see cref="ScoredRow.Precedes"/> order (<see cref="ParallelTopK"/>), so a partitioned search equals one pass exactly,
/// ties included.
/// </summary>
public static unsafe class ExactTopK
{
    /// <summary>The best <c>min(k, rows)</c> rows of <paramref name="matrix"/> for <paramref name="query"/>, best first.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="k"/> is not positive.</exception>
    /// <exception cref="ArgumentException">The query's length is not the matrix's dimensions.</exception>
    public static ScoredRow[] Search(EmbeddingMatrix matrix, ReadOnlySpan<float> query, int k, int maxDegreeOfParallelism = -1)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(k);
        if (matrix.Rows == 0)
        {
            _ = matrix.PadQuery(query);
            return [];
        }
        var result = new ScoredRow[Math.Min(k, matrix.Rows)];
        int found = Search(matrix, query, result, maxDegreeOfParallelism);
        return found == result.Length ? result : result[..found];
    }

    /// <summary>Writes the best <c>min(result.Length, rows)</c> rows into <paramref name="result"/>, best first; returns how many.</summary>
    /// <exception cref="ArgumentException">The query's length is not the matrix's dimensions, or <paramref name="result"/> is empty.</exception>
    public static int Search(EmbeddingMatrix matrix, ReadOnlySpan<float> query, Span<ScoredRow> result, int maxDegreeOfParallelism = -1)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        if (result.IsEmpty) throw new ArgumentException("k must be at least 1: the result span is empty.", nameof(result));
        float[] padded = matrix.PadQuery(query);
        var rows = new RowSource(matrix.RowPointer(0), matrix.Stride, matrix.Rows, matrix.Stride);
        fixed (float* q = padded)
        {
            return Search(rows, q, result, maxDegreeOfParallelism);
        }
    }

    /// <summary>
    /// Writes the best <c>min(k, rows)</c> rows of a managed row-major matrix into <paramref name="result"/>, best first, and
    /// returns how many it wrote. Scores are the same bits as <see cref="EmbeddingMatrix"/>'s for the same rows.
    /// </summary>
    /// <param name="matrix">Rows of <paramref name="dimensions"/> floats, back to back.</param>
    /// <param name="dimensions">Floats per row.</param>
    /// <param name="query">The query; <paramref name="dimensions"/> floats.</param>
    /// <param name="result">k entries; k is its length and must be at least 1.</param>
    /// <param name="maxDegreeOfParallelism">Threads to use; default all cores.</param>
    public static int Search(ReadOnlyMemory<float> matrix, int dimensions, ReadOnlySpan<float> query, Span<ScoredRow> result, int maxDegreeOfParallelism = -1)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dimensions);
        if (query.Length != dimensions) throw new ArgumentException($"The query has {query.Length} dimensions, the matrix {dimensions}.", nameof(query));
        if (matrix.Length % dimensions != 0) throw new ArgumentException("The matrix length is not a multiple of the dimensions.", nameof(matrix));
        if (result.IsEmpty) throw new ArgumentException("k must be at least 1: the result span is empty.", nameof(result));
        using var pin = matrix.Pin();
        fixed (float* q = query)
        {
            return Search(new RowSource((float*)pin.Pointer, dimensions, matrix.Length / dimensions, dimensions), q, result, maxDegreeOfParallelism);
        }
    }

    private static int Search(RowSource rows, float* query, Span<ScoredRow> result, int maxDegreeOfParallelism)
    {
        nint q = (nint)query;
        return ParallelTopK.Run(rows.Count, maxDegreeOfParallelism, result, (start, end, best, count) => Scan(rows, (float*)q, start, end, best, count));
    }

    /// <summary>Scans rows [start, end) into <paramref name="best"/>: one sequential stream, the dot product inlined.</summary>
    private static int Scan(RowSource rows, float* query, int start, int end, Span<ScoredRow> best, int count)
    {
        var collector = new TopKCollector(best, count);
        float threshold = collector.Threshold;
        float* row = rows.First + ((long)start * rows.Stride);
        for (int i = start; i < end; i++, row += rows.Stride)
        {
            float score = DotKernels.Dot(row, query, rows.Length);
            if (score >= threshold)
            {
                collector.Offer(i, score);
                threshold = collector.Threshold;
            }
        }
        return collector.Count;
    }

    /// <summary>Rows at <see cref="First"/>, every <see cref="Stride"/> floats, <see cref="Length"/> of them read per row.</summary>
    private readonly struct RowSource(float* first, int stride, int count, int length)
    {
        public float* First { get; } = first;

        public int Stride { get; } = stride;

        public int Count { get; } = count;

        public int Length { get; } = length;
    }
}
