using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace TalentFlow.ML.Numerics;

/// <summary>Software prefetch of a memory range into all cache levels; a no-op where the CPU has no such instruction.</summary>
internal static unsafe class Prefetch
{
    private const int LineBytes = 64;

    /// <summary>Asks for every cache line of [<paramref name="start"/>, +<paramref name="bytes"/>) to be loaded; never faults.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Range(void* start, int bytes)
    {
        if (!Sse.IsSupported)
        {
            return;
        }

        var p = (byte*)start;
        for (var offset = 0; offset < bytes; offset += LineBytes)
        {
            Sse.Prefetch0(p + offset);
        }
    }
}
