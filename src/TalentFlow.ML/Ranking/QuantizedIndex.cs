using TalentFlow.ML.Numerics;

namespace TalentFlow.ML.Ranking;

/// <summary>
/// A compressed companion to <see cref="ExactTopK"/>: every row is stored as int8 codes with one float scale per row (a
/// quarter of the float32 traffic, on huge pages like the floats), kept offset by 128 as bytes so that the scan's dot
/// product with the query's 7-bit codes is two AVX-512 instructions per 64 codes. The scan ranks rows by that integer
/// score; a short list of the best approximate rows is re-scored exactly in float32 from the <see cref="EmbeddingMatrix"/>,
/// so returned scores are exact and equal <see cref="ExactTopK"/>'s bits. Recall is measured (`bench topk`), not assumed: widen the short list if a corpus needs it.
/// Searches may run in parallel with each other; none may overlap <see cref="Dispose"/>.
/// </summary>
public sealed unsafe class QuantizedIndex : IDisposable
{
    private const int RowCodeLimit = 127;
    private const int Offset = 128;
    private readonly EmbeddingMatrix _matrix;
    private readonly bool _ownsMatrix;
    private readonly AlignedBuffer<byte> _codes;
    private readonly float[] _scales;
    private readonly int _codeStride;

    /// <summary>Quantizes <paramref name="matrix"/> (rows of <paramref name="dimensions"/> floats); a float copy is kept for re-ranking.</summary>
    public QuantizedIndex(float[] matrix, int dimensions)
        : this(EmbeddingMatrix.FromRows(matrix ?? throw new ArgumentNullException(nameof(matrix)), dimensions), ownsMatrix: true)
    {
    }

    /// <summary>
    /// Quantizes the rows <paramref name="matrix"/> holds now and re-ranks from it; the caller keeps it alive and unchanged
    /// for the index's life.
    /// </summary>
    public QuantizedIndex(EmbeddingMatrix matrix)
        : this(matrix ?? throw new ArgumentNullException(nameof(matrix)), ownsMatrix: false)
    {
    }

    private QuantizedIndex(EmbeddingMatrix matrix, bool ownsMatrix)
    {
        _matrix = matrix;
        _ownsMatrix = ownsMatrix;
        Dimensions = matrix.Dimensions;
        Rows = matrix.Rows;
        _codeStride = checked((Dimensions + DotKernels.Int8Chunk - 1) / DotKernels.Int8Chunk * DotKernels.Int8Chunk);
        _codes = new AlignedBuffer<byte>((long)Rows * _codeStride);
        _scales = new float[Rows];
        int firstBad = int.MaxValue;
        Parallel.For(0, Rows, row =>
        {
            float scale = QuantizeRow(matrix.Row(row), _codes.Slice((long)row * _codeStride, _codeStride));
            if (float.IsNaN(scale)) Interlocked.CompareExchange(ref firstBad, row, int.MaxValue);
            _scales[row] = scale;
        });
        if (firstBad != int.MaxValue)
        {
            _codes.Dispose();
            if (ownsMatrix) matrix.Dispose();
            throw new ArgumentException($"Row {firstBad} holds NaN or infinity.", nameof(matrix));
        }
    }

    /// <summary>Floats per row.</summary>
    public int Dimensions { get; }

    /// <summary>Rows indexed.</summary>
    public int Rows { get; }

    /// <summary>Bytes of int8 codes the scan reads per query (rows × padded dimensions).</summary>
    public long CodeBytes => (long)Rows * _codeStride;

    /// <summary>
    /// The best <c>min(result.Length, rows)</c> rows, re-ranked exactly from the best <paramref name="shortList"/> approximate
    /// ones (at least k); returns how many were written.
    /// </summary>
    /// <exception cref="ArgumentException">The query's length is not <see cref="Dimensions"/>, or <paramref name="result"/> is empty.</exception>
    public int Search(ReadOnlySpan<float> query, Span<ScoredRow> result, int shortList = 100, int maxDegreeOfParallelism = -1)
    {
        if (result.IsEmpty) throw new ArgumentException("k must be at least 1: the result span is empty.", nameof(result));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(shortList);
        float[] padded = _matrix.PadQuery(query);
        int k = Math.Min(result.Length, Rows);
        if (k == 0) return 0;
        int listLength = Math.Min(Math.Max(shortList, k), Rows);
        var queryCodes = GC.AllocateUninitializedArray<sbyte>(_codeStride, pinned: true);
        int offsetTerm = QuantizeQuery(query, queryCodes);

        var shortListRows = new ScoredRow[listLength];
        int listed = ParallelTopK.Run(Rows, maxDegreeOfParallelism, shortListRows, (start, end, best, count) => Scan(queryCodes, offsetTerm, start, end, best, count));

        var exact = new TopKCollector(result[..k]);
        fixed (float* q = padded)
        {
            // The short list's rows are scattered over the float matrix: ask for all of them before the first is needed.
            foreach (var candidate in shortListRows.AsSpan(0, listed)) Prefetch.Range(_matrix.RowPointer(candidate.Row), _matrix.Stride * sizeof(float));
            foreach (var candidate in shortListRows.AsSpan(0, listed)) exact.Offer(candidate.Row, _matrix.Score(candidate.Row, q));
        }
        return exact.Count;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _codes.Dispose();
        if (_ownsMatrix) _matrix.Dispose();
    }

    private int Scan(sbyte[] queryCodes, int offsetTerm, int start, int end, Span<ScoredRow> best, int count)
    {
        var collector = new TopKCollector(best, count);
        float threshold = collector.Threshold;
        fixed (sbyte* q = queryCodes)
        fixed (float* scales = _scales)
        {
            byte* row = _codes.Pointer + ((long)start * _codeStride);
            for (int i = start; i < end; i++, row += _codeStride)
            {
                // Σ (code + 128) q − 128 Σ q = Σ code q. The query's own scale is the same for every row, so it is left out.
                float approx = scales[i] * (DotKernels.Dot(row, q, _codeStride) - offsetTerm);
                if (approx >= threshold)
                {
                    collector.Offer(i, approx);
                    threshold = collector.Threshold;
                }
            }
        }
        return collector.Count;
    }

    /// <summary>
    /// Symmetric per-row int8, stored offset: code = round(x / scale) + 128, scale = max|x| / 127 (padding is code 128,
    /// the zero). Returns the scale, NaN for a non-finite row.
    /// </summary>
    private static float QuantizeRow(ReadOnlySpan<float> vector, Span<byte> codes)
    {
        codes.Fill(Offset);
        float max = vector.IsEmpty ? 0 : Math.Abs(System.Numerics.Tensors.TensorPrimitives.MaxMagnitude(vector));
        if (!float.IsFinite(max)) return float.NaN;
        if (max == 0) return 0;
        float inverse = RowCodeLimit / max;
        for (int i = 0; i < vector.Length; i++) codes[i] = (byte)(Math.Clamp(MathF.Round(vector[i] * inverse), -RowCodeLimit, RowCodeLimit) + Offset);
        return max / RowCodeLimit;
    }

    /// <summary>The query in codes up to ±<see cref="DotKernels.QueryCodeLimit"/>, zero-padded; returns 128 × Σ codes.</summary>
    private static int QuantizeQuery(ReadOnlySpan<float> query, Span<sbyte> codes)
    {
        codes.Clear();
        float max = MaxMagnitude(query);
        if (max == 0) return 0;
        float inverse = DotKernels.QueryCodeLimit / max;
        int sum = 0;
        for (int i = 0; i < query.Length; i++)
        {
            int code = (int)Math.Clamp(MathF.Round(query[i] * inverse), -DotKernels.QueryCodeLimit, DotKernels.QueryCodeLimit);
            codes[i] = (sbyte)code;
            sum += code;
        }
        return Offset * sum;
    }

    private static float MaxMagnitude(ReadOnlySpan<float> vector)
    {
        if (vector.IsEmpty) return 0;
        float max = Math.Abs(System.Numerics.Tensors.TensorPrimitives.MaxMagnitude(vector));
        if (!float.IsFinite(max)) throw new ArgumentException("The vector holds NaN or infinity.", nameof(vector));
        return max;
    }
}
