using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace TalentFlow.ML.Numerics;

/// <summary>
/// Small dense matrix products for inference, register-blocked with <see cref="Vector{T}"/> (8 floats on AVX2). Row-major
/// throughout; the right-hand matrix is given transposed (<c>[k, n]</c>, a weight matrix <c>W[n, k]</c> stored k-major) so
/// its rows are contiguous along the output columns. Columns that do not fill a vector take a scalar path, so any size works.
/// </summary>
internal static class MatrixKernels
{
    /// <summary>
    /// <c>c[m, n] += a[m, k] · b[k, n]</c>. A row's result does not depend on <paramref name="m"/> or on where the row sits
    /// in the block (every path sums in k order, except <paramref name="n"/> = 1, a dot product per row).
    /// </summary>
    public static void MultiplyAdd(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, int m, int k, int n)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(m);
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        if (a.Length < m * k || b.Length < k * n || c.Length < m * n)
        {
            throw new ArgumentException("A matrix span is shorter than its shape.");
        }

        ref var ra = ref MemoryMarshal.GetReference(a);
        ref var rb = ref MemoryMarshal.GetReference(b);
        ref var rc = ref MemoryMarshal.GetReference(c);
        var width = Vector.IsHardwareAccelerated ? Vector<float>.Count : int.MaxValue;
        var j = 0;
        if (m < 4 && n >= 4 * width)
        {
            // Too few rows for the 4-row panel: four column vectors per row keep four FMA chains in flight instead of two.
            for (; j <= n - (4 * width); j += 4 * width)
            {
                for (var i = 0; i < m; i++)
                {
                    Block1x4(ref ra, ref rb, ref rc, i, j, k, n);
                }
            }
        }

        if (n - j >= 2 * width)
        {
            for (; j <= n - (2 * width); j += 2 * width)
            {
                var i = 0;
                for (; i <= m - 4; i += 4)
                {
                    Block4x2(ref ra, ref rb, ref rc, i, j, k, n);
                }

                for (; i < m; i++)
                {
                    Block1x2(ref ra, ref rb, ref rc, i, j, k, n);
                }
            }
        }

        if (n - j >= width)
        {
            for (; j <= n - width; j += width)
            {
                for (var i = 0; i < m; i++)
                {
                    Block1x1(ref ra, ref rb, ref rc, i, j, k, n);
                }
            }
        }

        if (n == 1)
        {
            // A column vector: b is contiguous, so each output is one dot product.
            for (var i = 0; i < m; i++)
            {
                c[i] += TensorPrimitives.Dot(a.Slice(i * k, k), b[..k]);
            }

            return;
        }

        for (; j < n; j++)
        {
            for (var i = 0; i < m; i++)
            {
                var sum = 0f;
                for (var p = 0; p < k; p++)
                {
                    sum += Unsafe.Add(ref ra, (i * k) + p) * Unsafe.Add(ref rb, (p * n) + j);
                }

                Unsafe.Add(ref rc, (i * n) + j) += sum;
            }
        }
    }

    /// <summary>Four rows by two vectors of columns: eight accumulators kept in registers over the whole k loop.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Block4x2(ref float a, ref float b, ref float c, int i, int j, int k, int n)
    {
        var w = Vector<float>.Count;
        ref var c0 = ref Unsafe.Add(ref c, (i * n) + j);
        ref var c1 = ref Unsafe.Add(ref c0, n);
        ref var c2 = ref Unsafe.Add(ref c1, n);
        ref var c3 = ref Unsafe.Add(ref c2, n);
        var s00 = Vector.LoadUnsafe(ref c0);
        var s01 = Vector.LoadUnsafe(ref c0, (nuint)w);
        var s10 = Vector.LoadUnsafe(ref c1);
        var s11 = Vector.LoadUnsafe(ref c1, (nuint)w);
        var s20 = Vector.LoadUnsafe(ref c2);
        var s21 = Vector.LoadUnsafe(ref c2, (nuint)w);
        var s30 = Vector.LoadUnsafe(ref c3);
        var s31 = Vector.LoadUnsafe(ref c3, (nuint)w);
        ref var a0 = ref Unsafe.Add(ref a, i * k);
        ref var a1 = ref Unsafe.Add(ref a0, k);
        ref var a2 = ref Unsafe.Add(ref a1, k);
        ref var a3 = ref Unsafe.Add(ref a2, k);
        ref var bj = ref Unsafe.Add(ref b, j);
        for (var p = 0; p < k; p++)
        {
            ref var bp = ref Unsafe.Add(ref bj, p * n);
            var b0 = Vector.LoadUnsafe(ref bp);
            var b1 = Vector.LoadUnsafe(ref bp, (nuint)w);
            var x = new Vector<float>(Unsafe.Add(ref a0, p));
            s00 = Vector.FusedMultiplyAdd(x, b0, s00);
            s01 = Vector.FusedMultiplyAdd(x, b1, s01);
            x = new Vector<float>(Unsafe.Add(ref a1, p));
            s10 = Vector.FusedMultiplyAdd(x, b0, s10);
            s11 = Vector.FusedMultiplyAdd(x, b1, s11);
            x = new Vector<float>(Unsafe.Add(ref a2, p));
            s20 = Vector.FusedMultiplyAdd(x, b0, s20);
            s21 = Vector.FusedMultiplyAdd(x, b1, s21);
            x = new Vector<float>(Unsafe.Add(ref a3, p));
            s30 = Vector.FusedMultiplyAdd(x, b0, s30);
            s31 = Vector.FusedMultiplyAdd(x, b1, s31);
        }

        s00.StoreUnsafe(ref c0);
        s01.StoreUnsafe(ref c0, (nuint)w);
        s10.StoreUnsafe(ref c1);
        s11.StoreUnsafe(ref c1, (nuint)w);
        s20.StoreUnsafe(ref c2);
        s21.StoreUnsafe(ref c2, (nuint)w);
        s30.StoreUnsafe(ref c3);
        s31.StoreUnsafe(ref c3, (nuint)w);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Block1x4(ref float a, ref float b, ref float c, int i, int j, int k, int n)
    {
        var w = Vector<float>.Count;
        ref var c0 = ref Unsafe.Add(ref c, (i * n) + j);
        var s0 = Vector.LoadUnsafe(ref c0);
        var s1 = Vector.LoadUnsafe(ref c0, (nuint)w);
        var s2 = Vector.LoadUnsafe(ref c0, (nuint)(2 * w));
        var s3 = Vector.LoadUnsafe(ref c0, (nuint)(3 * w));
        ref var a0 = ref Unsafe.Add(ref a, i * k);
        ref var bj = ref Unsafe.Add(ref b, j);
        for (var p = 0; p < k; p++)
        {
            ref var bp = ref Unsafe.Add(ref bj, p * n);
            var x = new Vector<float>(Unsafe.Add(ref a0, p));
            s0 = Vector.FusedMultiplyAdd(x, Vector.LoadUnsafe(ref bp), s0);
            s1 = Vector.FusedMultiplyAdd(x, Vector.LoadUnsafe(ref bp, (nuint)w), s1);
            s2 = Vector.FusedMultiplyAdd(x, Vector.LoadUnsafe(ref bp, (nuint)(2 * w)), s2);
            s3 = Vector.FusedMultiplyAdd(x, Vector.LoadUnsafe(ref bp, (nuint)(3 * w)), s3);
        }

        s0.StoreUnsafe(ref c0);
        s1.StoreUnsafe(ref c0, (nuint)w);
        s2.StoreUnsafe(ref c0, (nuint)(2 * w));
        s3.StoreUnsafe(ref c0, (nuint)(3 * w));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Block1x2(ref float a, ref float b, ref float c, int i, int j, int k, int n)
    {
        var w = Vector<float>.Count;
        ref var c0 = ref Unsafe.Add(ref c, (i * n) + j);
        var s0 = Vector.LoadUnsafe(ref c0);
        var s1 = Vector.LoadUnsafe(ref c0, (nuint)w);
        ref var a0 = ref Unsafe.Add(ref a, i * k);
        ref var bj = ref Unsafe.Add(ref b, j);
        for (var p = 0; p < k; p++)
        {
            ref var bp = ref Unsafe.Add(ref bj, p * n);
            var x = new Vector<float>(Unsafe.Add(ref a0, p));
            s0 = Vector.FusedMultiplyAdd(x, Vector.LoadUnsafe(ref bp), s0);
            s1 = Vector.FusedMultiplyAdd(x, Vector.LoadUnsafe(ref bp, (nuint)w), s1);
        }

        s0.StoreUnsafe(ref c0);
        s1.StoreUnsafe(ref c0, (nuint)w);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Block1x1(ref float a, ref float b, ref float c, int i, int j, int k, int n)
    {
        ref var c0 = ref Unsafe.Add(ref c, (i * n) + j);
        var s0 = Vector.LoadUnsafe(ref c0);
        ref var a0 = ref Unsafe.Add(ref a, i * k);
        ref var bj = ref Unsafe.Add(ref b, j);
        for (var p = 0; p < k; p++)
        {
            s0 = Vector.FusedMultiplyAdd(new Vector<float>(Unsafe.Add(ref a0, p)), Vector.LoadUnsafe(ref Unsafe.Add(ref bj, p * n)), s0);
        }

        s0.StoreUnsafe(ref c0);
    }
}
