using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace TalentFlow.ML.Ranking;

/// <summary>Dot product of two int8 vectors into an int32, with AVX2 when the CPU has it.</summary>
internal static class Int8Dot
{
    /// <summary>Lengths must be equal and a multiple of 32 (rows are padded with zeros).</summary>
    public static int Dot(ReadOnlySpan<sbyte> a, ReadOnlySpan<sbyte> b)
    {
        ref sbyte pa = ref MemoryMarshal.GetReference(a);
        ref sbyte pb = ref MemoryMarshal.GetReference(b);
        int length = a.Length;
        if (Avx2.IsSupported)
        {
            var acc0 = Vector256<int>.Zero;
            var acc1 = Vector256<int>.Zero;
            for (int i = 0; i < length; i += 32)
            {
                var va = Vector256.LoadUnsafe(ref pa, (nuint)i);
                var vb = Vector256.LoadUnsafe(ref pb, (nuint)i);
                // Sign-extend each 16-byte half to 16 shorts; vpmaddwd multiplies pairs and adds them into ints.
                var aLow = Avx2.ConvertToVector256Int16(va.GetLower());
                var aHigh = Avx2.ConvertToVector256Int16(va.GetUpper());
                var bLow = Avx2.ConvertToVector256Int16(vb.GetLower());
                var bHigh = Avx2.ConvertToVector256Int16(vb.GetUpper());
                acc0 = Avx2.Add(acc0, Avx2.MultiplyAddAdjacent(aLow, bLow));
                acc1 = Avx2.Add(acc1, Avx2.MultiplyAddAdjacent(aHigh, bHigh));
            }
            return Vector256.Sum(Avx2.Add(acc0, acc1));
        }
        int sum = 0;
        for (int i = 0; i < length; i++) sum += Unsafe.Add(ref pa, i) * Unsafe.Add(ref pb, i);
        return sum;
    }
}
