using TalentFlow.ML.Numerics;

namespace TalentFlow.ML.Ranking;

/// <summary>
/// Float32 embedding rows in one aligned native block, each row padded with zeros to a 64-byte boundary (384 floats need
/// no padding), growable. Large matrices sit on huge pages where the OS allows (see <c>AlignedBuffer</c>): the exact scan is
/// bound by memory, and this storage is what lets it stream near the machine's bandwidth. Not thread-safe for writes; a
/// reader must not overlap <see cref="Dispose"/> or a write that grows the block (<see cref="EmbeddingIndex"/> locks).
/// </summary>
public sealed unsafe class EmbeddingMatrix : IDisposable
{
    private AlignedBuffer<float> _buffer;

    /// <summary>An empty matrix of <paramref name="dimensions"/>-float rows with room for <paramref name="capacity"/>.</summary>
    public EmbeddingMatrix(int dimensions, int capacity = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dimensions);
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        Dimensions = dimensions;
        Stride = checked((dimensions + DotKernels.FloatChunk - 1) / DotKernels.FloatChunk * DotKernels.FloatChunk);
        _buffer = new AlignedBuffer<float>((long)Math.Max(capacity, 1) * Stride);
    }

    /// <summary>Floats per row.</summary>
    public int Dimensions { get; }

    /// <summary>Floats from one row's start to the next (dimensions rounded up to 16).</summary>
    public int Stride { get; }

    /// <summary>Rows held.</summary>
    public int Rows { get; private set; }

    /// <summary>Rows that fit before the block grows.</summary>
    public int Capacity => (int)(_buffer.Length / Stride);

    /// <summary>Copies <paramref name="rows"/> (rows of <paramref name="dimensions"/> floats back to back) into a new matrix.</summary>
    public static EmbeddingMatrix FromRows(ReadOnlySpan<float> rows, int dimensions)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dimensions);
        if (rows.Length % dimensions != 0) throw new ArgumentException("The matrix length is not a multiple of the dimensions.", nameof(rows));
        int count = rows.Length / dimensions;
        var matrix = new EmbeddingMatrix(dimensions, count);
        for (int row = 0; row < count; row++) matrix.Add(rows.Slice(row * dimensions, dimensions));
        return matrix;
    }

    /// <summary>Appends a row and returns its index.</summary>
    public int Add(ReadOnlySpan<float> vector)
    {
        CheckLength(vector);
        if (Rows == Capacity) Grow(checked(Math.Max(Capacity * 2, 16)));
        int row = Rows++;
        vector.CopyTo(_buffer.Slice((long)row * Stride, Dimensions));
        return row;
    }

    /// <summary>Overwrites row <paramref name="row"/>.</summary>
    public void Set(int row, ReadOnlySpan<float> vector)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)row, (uint)Rows, nameof(row));
        CheckLength(vector);
        vector.CopyTo(_buffer.Slice((long)row * Stride, Dimensions));
    }

    /// <summary>Drops the last row (its floats are zeroed, so the padding invariant holds on reuse).</summary>
    public void RemoveLast()
    {
        if (Rows == 0) throw new InvalidOperationException("The matrix is empty.");
        Rows--;
        _buffer.Slice((long)Rows * Stride, Stride).Clear();
    }

    /// <summary>Row <paramref name="row"/>'s floats (without padding).</summary>
    public ReadOnlySpan<float> Row(int row)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)row, (uint)Rows, nameof(row));
        return _buffer.Slice((long)row * Stride, Dimensions);
    }

    /// <summary>The exact float32 score of row <paramref name="row"/> against a query padded to <see cref="Stride"/>.</summary>
    internal float Score(int row, float* paddedQuery) => DotKernels.Dot(RowPointer(row), paddedQuery, Stride);

    /// <summary>The first float of row <paramref name="row"/>; rows follow every <see cref="Stride"/> floats.</summary>
    internal float* RowPointer(int row) => _buffer.Pointer + ((long)row * Stride);

    /// <summary>A copy of <paramref name="query"/> padded with zeros to <see cref="Stride"/>, checked for length.</summary>
    internal float[] PadQuery(ReadOnlySpan<float> query)
    {
        if (query.Length != Dimensions) throw new ArgumentException($"The query has {query.Length} dimensions, the matrix {Dimensions}.", nameof(query));
        var padded = GC.AllocateUninitializedArray<float>(Stride, pinned: true);
        query.CopyTo(padded);
        padded.AsSpan(Dimensions).Clear();
        return padded;
    }

    /// <inheritdoc />
    public void Dispose() => _buffer.Dispose();

    private void CheckLength(ReadOnlySpan<float> vector)
    {
        if (vector.Length != Dimensions) throw new ArgumentException($"The vector has {vector.Length} dimensions, the matrix {Dimensions}.", nameof(vector));
    }

    private void Grow(int capacity)
    {
        var grown = new AlignedBuffer<float>((long)capacity * Stride);
        System.Runtime.InteropServices.NativeMemory.Copy(_buffer.Pointer, grown.Pointer, (nuint)((long)Rows * Stride * sizeof(float)));
        _buffer.Dispose();
        _buffer = grown;
    }
}
