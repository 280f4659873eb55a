using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace TalentFlow.ML.Numerics;

/// <summary>
/// Dot products for scanning embedding rows, inlined into the scan loop rather than called through
/// <c>TensorPrimitives.Dot</c> per row. The float kernel sums 16-float chunks (8 without AVX-512) into four accumulators in
/// a fixed rotation, chunk c into accumulator c mod 4, and a partial last chunk is read as zero-filled: a row's score is
/// therefore the same bits whether the row is stored padded with zeros to the chunk width or not, and whichever partition or
/// index scans it, so exact searches over padded and unpadded copies agree exactly, ties included.
/// </summary>
internal static unsafe class DotKernels
{
    /// <summary>Floats per chunk of the widest kernel; padding rows to it keeps every chunk full.</summary>
    public const int FloatChunk = 16;

    /// <summary>Codes per step of the byte kernel; code rows are padded to it.</summary>
    public const int Int8Chunk = 64;

    /// <summary>The float dot product of two spans of equal length.</summary>
    public static float Dot(ReadOnlySpan<float> x, ReadOnlySpan<float> y)
    {
        if (x.Length != y.Length) throw new ArgumentException("The spans differ in length.", nameof(y));
        fixed (float* px = x)
        fixed (float* py = y)
        {
            return Dot(px, py, x.Length);
        }
    }

    /// <summary>The float dot product of <paramref name="length"/> floats at <paramref name="x"/> and <paramref name="y"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Dot(float* x, float* y, int length)
    {
        if (Vector512.IsHardwareAccelerated) return Dot512(x, y, length);
        if (Vector256.IsHardwareAccelerated) return Dot256(x, y, length);
        return DotScalar(x, y, length);
    }

    /// <summary>Largest query magnitude <see cref="Dot(byte*, sbyte*, int)"/> takes: 2 × 255 × 64 pairs fit in a short.</summary>
    public const int QueryCodeLimit = 64;

    /// <summary>
    /// The unsigned × signed byte dot product of spans of equal length, a multiple of <see cref="Int8Chunk"/>, with every
    /// |query| ≤ <see cref="QueryCodeLimit"/>.
    /// </summary>
    public static int Dot(ReadOnlySpan<byte> codes, ReadOnlySpan<sbyte> query)
    {
        if (codes.Length != query.Length) throw new ArgumentException("The spans differ in length.", nameof(query));
        if (codes.Length % Int8Chunk != 0) throw new ArgumentException($"The length is not a multiple of {Int8Chunk}.", nameof(codes));
        foreach (var q in query)
        {
            if (Math.Abs((int)q) > QueryCodeLimit) throw new ArgumentException($"A query code is beyond ±{QueryCodeLimit}.", nameof(query));
        }
        fixed (byte* c = codes)
        fixed (sbyte* q = query)
        {
            return Dot(c, q, codes.Length);
        }
    }

    /// <summary>
    /// The unsigned × signed byte dot product; <paramref name="length"/> must be a multiple of <see cref="Int8Chunk"/> and
    /// every |query| ≤ <see cref="QueryCodeLimit"/>. Exact: vpmaddubsw adds two products into a short, which cannot
    /// saturate within those limits, and vpmaddwd by ones widens the shorts into ints — two instructions per 64 codes
    /// where sign-extending to shorts first takes four.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Dot(byte* codes, sbyte* query, int length)
    {
        if (Avx512BW.IsSupported)
        {
            var ones = Vector512.Create((short)1);
            var a0 = Vector512<int>.Zero;
            var a1 = Vector512<int>.Zero;
            int i = 0;
            for (; i <= length - (2 * Int8Chunk); i += 2 * Int8Chunk)
            {
                a0 += Avx512BW.MultiplyAddAdjacent(Avx512BW.MultiplyAddAdjacent(Vector512.Load(codes + i), Vector512.Load(query + i)), ones);
                a1 += Avx512BW.MultiplyAddAdjacent(Avx512BW.MultiplyAddAdjacent(Vector512.Load(codes + i + 64), Vector512.Load(query + i + 64)), ones);
            }
            if (i < length) a0 += Avx512BW.MultiplyAddAdjacent(Avx512BW.MultiplyAddAdjacent(Vector512.Load(codes + i), Vector512.Load(query + i)), ones);
            return Vector512.Sum(a0 + a1);
        }
        if (Avx2.IsSupported)
        {
            var ones = Vector256.Create((short)1);
            var a0 = Vector256<int>.Zero;
            var a1 = Vector256<int>.Zero;
            for (int i = 0; i < length; i += Int8Chunk)
            {
                a0 += Avx2.MultiplyAddAdjacent(Avx2.MultiplyAddAdjacent(Vector256.Load(codes + i), Vector256.Load(query + i)), ones);
                a1 += Avx2.MultiplyAddAdjacent(Avx2.MultiplyAddAdjacent(Vector256.Load(codes + i + 32), Vector256.Load(query + i + 32)), ones);
            }
            return Vector256.Sum(a0 + a1);
        }
        int sum = 0;
        for (int i = 0; i < length; i++) sum += codes[i] * query[i];
        return sum;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float Dot512(float* x, float* y, int length)
    {
        var a0 = Vector512<float>.Zero;
        var a1 = Vector512<float>.Zero;
        var a2 = Vector512<float>.Zero;
        var a3 = Vector512<float>.Zero;
        int i = 0;
        for (; i <= length - (4 * FloatChunk); i += 4 * FloatChunk)
        {
            a0 = Vector512.FusedMultiplyAdd(Vector512.Load(x + i), Vector512.Load(y + i), a0);
            a1 = Vector512.FusedMultiplyAdd(Vector512.Load(x + i + 16), Vector512.Load(y + i + 16), a1);
            a2 = Vector512.FusedMultiplyAdd(Vector512.Load(x + i + 32), Vector512.Load(y + i + 32), a2);
            a3 = Vector512.FusedMultiplyAdd(Vector512.Load(x + i + 48), Vector512.Load(y + i + 48), a3);
        }
        if (i < length)
        {
            // At most three full chunks and one partial one remain; they continue the rotation a0, a1, a2, a3.
            a0 = Vector512.FusedMultiplyAdd(Load512(x + i, length - i), Load512(y + i, length - i), a0);
            i += 16;
            if (i < length)
            {
                a1 = Vector512.FusedMultiplyAdd(Load512(x + i, length - i), Load512(y + i, length - i), a1);
                i += 16;
                if (i < length)
                {
                    a2 = Vector512.FusedMultiplyAdd(Load512(x + i, length - i), Load512(y + i, length - i), a2);
                    i += 16;
                    if (i < length) a3 = Vector512.FusedMultiplyAdd(Load512(x + i, length - i), Load512(y + i, length - i), a3);
                }
            }
        }
        return Vector512.Sum((a0 + a1) + (a2 + a3));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float Dot256(float* x, float* y, int length)
    {
        var a0 = Vector256<float>.Zero;
        var a1 = Vector256<float>.Zero;
        var a2 = Vector256<float>.Zero;
        var a3 = Vector256<float>.Zero;
        int i = 0;
        for (; i <= length - 32; i += 32)
        {
            a0 = Vector256.FusedMultiplyAdd(Vector256.Load(x + i), Vector256.Load(y + i), a0);
            a1 = Vector256.FusedMultiplyAdd(Vector256.Load(x + i + 8), Vector256.Load(y + i + 8), a1);
            a2 = Vector256.FusedMultiplyAdd(Vector256.Load(x + i + 16), Vector256.Load(y + i + 16), a2);
            a3 = Vector256.FusedMultiplyAdd(Vector256.Load(x + i + 24), Vector256.Load(y + i + 24), a3);
        }
        if (i < length)
        {
            a0 = Vector256.FusedMultiplyAdd(Load256(x + i, length - i), Load256(y + i, length - i), a0);
            i += 8;
            if (i < length)
            {
                a1 = Vector256.FusedMultiplyAdd(Load256(x + i, length - i), Load256(y + i, length - i), a1);
                i += 8;
                if (i < length)
                {
                    a2 = Vector256.FusedMultiplyAdd(Load256(x + i, length - i), Load256(y + i, length - i), a2);
                    i += 8;
                    if (i < length) a3 = Vector256.FusedMultiplyAdd(Load256(x + i, length - i), Load256(y + i, length - i), a3);
                }
            }
        }
        return Vector256.Sum((a0 + a1) + (a2 + a3));
    }

    private static float DotScalar(float* x, float* y, int length)
    {
        float sum = 0;
        for (int i = 0; i < length; i++) sum = MathF.FusedMultiplyAdd(x[i], y[i], sum);
        return sum;
    }

    /// <summary>A full chunk, or the <paramref name="remaining"/> floats left read into a zero-filled one.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> Load512(float* p, int remaining)
    {
        if (remaining >= 16) return Vector512.Load(p);
        float* tail = stackalloc float[16];
        Vector512<float>.Zero.Store(tail);
        for (int j = 0; j < remaining; j++) tail[j] = p[j];
        return Vector512.Load(tail);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Load256(float* p, int remaining)
    {
        if (remaining >= 8) return Vector256.Load(p);
        float* tail = stackalloc float[8];
        Vector256<float>.Zero.Store(tail);
        for (int j = 0; j < remaining; j++) tail[j] = p[j];
        return Vector256.Load(tail);
    }
}
