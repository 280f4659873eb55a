using System.Runtime.InteropServices;

namespace TalentFlow.Benchmarks.ConvFm;

/// <summary>
/// CPU time of the calling thread (Linux <c>clock_gettime(CLOCK_THREAD_CPUTIME_ID)</c>, ns resolution): unlike the process's
/// total it leaves out other threads (the thread pool spinning after a parallel pass, the JIT, the GC) and, unlike wall
/// time, the time the neighbours hold the core. <see langword="null"/> where it is unavailable.
/// </summary>
internal static class ThreadCpuClock
{
    private const int ClockThreadCpuTimeId = 3;

    public static TimeSpan? Now()
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        return ClockGetTime(ClockThreadCpuTimeId, out var ts) == 0
            ? TimeSpan.FromTicks((ts.Seconds * TimeSpan.TicksPerSecond) + (ts.Nanoseconds / 100))
            : null;
    }

    // DllImport rather than LibraryImport: the generated stub needs unsafe code, which this project does not enable.
    [DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int ClockGetTime(int clock, out TimeSpec time);

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }
}
