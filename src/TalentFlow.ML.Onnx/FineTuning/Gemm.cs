using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace TalentFlow.ML.Onnx.FineTuning;

/// <summary>
/// Dense float32 matrix products for the trainable layers: <c>c[m, n] (+)= a[m, k] · b[k, n]</c>, all row-major, register
/// blocked 6 rows × 16 columns with <see cref="Vector256{T}"/> FMA (12 accumulators live over the whole k loop), rows
/// split over threads. Column panels are the outer loop so a 16-column strip of b stays in cache while every row block of a
/// streams past it. Remainders take narrower paths, so any shape works.
/// </summary>
internal static class Gemm
{
    private const int Rows = 6, Cols = 16;

    /// <summary>Products smaller than this many multiply-adds run on the calling thread.</summary>
    private const long ParallelThreshold = 1L << 21;

    public static void Multiply(float[] a, int aOffset, float[] b, int bOffset, float[] c, int cOffset, int m, int k, int n,
        bool accumulate, int threads)
    {
        if ((long)aOffset + ((long)m * k) > a.Length || (long)bOffset + ((long)k * n) > b.Length || (long)cOffset + ((long)m * n) > c.Length)
        {
            throw new ArgumentException("A matrix is shorter than its shape.");
        }

        if (threads <= 1 || (long)m * k * n < ParallelThreshold || m < 2 * Rows)
        {
            Rows_(a, aOffset, b, bOffset, c, cOffset, 0, m, k, n, accumulate);
            return;
        }

        // Row ranges in multiples of the block height, one per thread.
        var blocks = (m + Rows - 1) / Rows;
        var parts = Math.Min(threads, blocks);
        Parallel.For(0, parts, new ParallelOptions { MaxDegreeOfParallelism = parts }, part =>
        {
            var from = (int)((long)blocks * part / parts) * Rows;
            var to = Math.Min(m, (int)((long)blocks * (part + 1) / parts) * Rows);
            Rows_(a, aOffset, b, bOffset, c, cOffset, from, to, k, n, accumulate);
        });
    }

    /// <summary><c>destination[cols, rows] = source[rows, cols]ᵀ</c>.</summary>
    public static void Transpose(float[] source, int sourceOffset, int rows, int cols, float[] destination)
    {
        const int Tile = 32;
        for (var i0 = 0; i0 < rows; i0 += Tile)
        {
            var i1 = Math.Min(rows, i0 + Tile);
            for (var j0 = 0; j0 < cols; j0 += Tile)
            {
                var j1 = Math.Min(cols, j0 + Tile);
                for (var i = i0; i < i1; i++)
                {
                    var row = sourceOffset + (i * cols);
                    for (var j = j0; j < j1; j++)
                    {
                        destination[(j * rows) + i] = source[row + j];
                    }
                }
            }
        }
    }

    private static void Rows_(float[] a, int aOffset, float[] b, int bOffset, float[] c, int cOffset, int from, int to, int k, int n, bool accumulate)
    {
        ref var ra = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(a), aOffset);
        ref var rb = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(b), bOffset);
        ref var rc = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(c), cOffset);
        var j = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            for (; j + Cols <= n; j += Cols)
            {
                var i = from;
                for (; i + Rows <= to; i += Rows)
                {
                    Block6x16(ref ra, ref rb, ref rc, i, j, k, n, accumulate);
                }

                for (; i < to; i++)
                {
                    Block1x16(ref ra, ref rb, ref rc, i, j, k, n, accumulate);
                }
            }
        }

        if (j < n)
        {
            // Leftover columns: one output row at a time, b's rows as contiguous slices.
            var width = n - j;
            for (var i = from; i < to; i++)
            {
                var row = c.AsSpan(cOffset + (i * n) + j, width);
                if (!accumulate)
                {
                    row.Clear();
                }

                for (var p = 0; p < k; p++)
                {
                    TensorPrimitives.MultiplyAdd(b.AsSpan(bOffset + (p * n) + j, width), a[aOffset + (i * k) + p], row, row);
                }
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Block6x16(ref float a, ref float b, ref float c, int i, int j, int k, int n, bool accumulate)
    {
        ref var c0 = ref Unsafe.Add(ref c, (i * n) + j);
        ref var c1 = ref Unsafe.Add(ref c0, n);
        ref var c2 = ref Unsafe.Add(ref c1, n);
        ref var c3 = ref Unsafe.Add(ref c2, n);
        ref var c4 = ref Unsafe.Add(ref c3, n);
        ref var c5 = ref Unsafe.Add(ref c4, n);
        Vector256<float> s00, s01, s10, s11, s20, s21, s30, s31, s40, s41, s50, s51;
        if (accumulate)
        {
            s00 = Vector256.LoadUnsafe(ref c0); s01 = Vector256.LoadUnsafe(ref c0, 8);
            s10 = Vector256.LoadUnsafe(ref c1); s11 = Vector256.LoadUnsafe(ref c1, 8);
            s20 = Vector256.LoadUnsafe(ref c2); s21 = Vector256.LoadUnsafe(ref c2, 8);
            s30 = Vector256.LoadUnsafe(ref c3); s31 = Vector256.LoadUnsafe(ref c3, 8);
            s40 = Vector256.LoadUnsafe(ref c4); s41 = Vector256.LoadUnsafe(ref c4, 8);
            s50 = Vector256.LoadUnsafe(ref c5); s51 = Vector256.LoadUnsafe(ref c5, 8);
        }
        else
        {
            s00 = s01 = s10 = s11 = s20 = s21 = s30 = s31 = s40 = s41 = s50 = s51 = Vector256<float>.Zero;
        }

        ref var a0 = ref Unsafe.Add(ref a, i * k);
        ref var a1 = ref Unsafe.Add(ref a0, k);
        ref var a2 = ref Unsafe.Add(ref a1, k);
        ref var a3 = ref Unsafe.Add(ref a2, k);
        ref var a4 = ref Unsafe.Add(ref a3, k);
        ref var a5 = ref Unsafe.Add(ref a4, k);
        ref var bp = ref Unsafe.Add(ref b, j);
        for (var p = 0; p < k; p++)
        {
            var b0 = Vector256.LoadUnsafe(ref bp);
            var b1 = Vector256.LoadUnsafe(ref bp, 8);
            bp = ref Unsafe.Add(ref bp, n);
            var x = Vector256.Create(Unsafe.Add(ref a0, p));
            s00 = Vector256.FusedMultiplyAdd(x, b0, s00); s01 = Vector256.FusedMultiplyAdd(x, b1, s01);
            x = Vector256.Create(Unsafe.Add(ref a1, p));
            s10 = Vector256.FusedMultiplyAdd(x, b0, s10); s11 = Vector256.FusedMultiplyAdd(x, b1, s11);
            x = Vector256.Create(Unsafe.Add(ref a2, p));
            s20 = Vector256.FusedMultiplyAdd(x, b0, s20); s21 = Vector256.FusedMultiplyAdd(x, b1, s21);
            x = Vector256.Create(Unsafe.Add(ref a3, p));
            s30 = Vector256.FusedMultiplyAdd(x, b0, s30); s31 = Vector256.FusedMultiplyAdd(x, b1, s31);
            x = Vector256.Create(Unsafe.Add(ref a4, p));
            s40 = Vector256.FusedMultiplyAdd(x, b0, s40); s41 = Vector256.FusedMultiplyAdd(x, b1, s41);
            x = Vector256.Create(Unsafe.Add(ref a5, p));
            s50 = Vector256.FusedMultiplyAdd(x, b0, s50); s51 = Vector256.FusedMultiplyAdd(x, b1, s51);
        }

        s00.StoreUnsafe(ref c0); s01.StoreUnsafe(ref c0, 8);
        s10.StoreUnsafe(ref c1); s11.StoreUnsafe(ref c1, 8);
        s20.StoreUnsafe(ref c2); s21.StoreUnsafe(ref c2, 8);
        s30.StoreUnsafe(ref c3); s31.StoreUnsafe(ref c3, 8);
        s40.StoreUnsafe(ref c4); s41.StoreUnsafe(ref c4, 8);
        s50.StoreUnsafe(ref c5); s51.StoreUnsafe(ref c5, 8);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Block1x16(ref float a, ref float b, ref float c, int i, int j, int k, int n, bool accumulate)
    {
        ref var c0 = ref Unsafe.Add(ref c, (i * n) + j);
        var s0 = accumulate ? Vector256.LoadUnsafe(ref c0) : Vector256<float>.Zero;
        var s1 = accumulate ? Vector256.LoadUnsafe(ref c0, 8) : Vector256<float>.Zero;
        ref var a0 = ref Unsafe.Add(ref a, i * k);
        ref var bp = ref Unsafe.Add(ref b, j);
        for (var p = 0; p < k; p++)
        {
            var x = Vector256.Create(Unsafe.Add(ref a0, p));
            s0 = Vector256.FusedMultiplyAdd(x, Vector256.LoadUnsafe(ref bp), s0);
            s1 = Vector256.FusedMultiplyAdd(x, Vector256.LoadUnsafe(ref bp, 8), s1);
            bp = ref Unsafe.Add(ref bp, n);
        }

        s0.StoreUnsafe(ref c0);
        s1.StoreUnsafe(ref c0, 8);
    }
}
