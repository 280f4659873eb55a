using System.Diagnostics;

namespace TalentFlow.Hosting.Diagnostics;

/// <summary>The silo's process: CPU, memory, garbage collections and thread pool (silos sharing a process share these).</summary>
/// <param name="CpuPercent">CPU used by the process since the previous reading, as a percentage of all cores (0–100).</param>
/// <param name="WorkingSetBytes">Physical memory of the process.</param>
/// <param name="GcHeapBytes">Managed memory in use (<see cref="GC.GetTotalMemory(bool)"/>, without collecting).</param>
/// <param name="Gen0Collections">Generation-0 collections since start.</param>
/// <param name="Gen1Collections">Generation-1 collections since start.</param>
/// <param name="Gen2Collections">Generation-2 collections since start.</param>
/// <param name="GcPauseTimePercent">Share of time paused by the GC since start, in percent (0 before the first collection).</param>
/// <param name="ThreadPoolThreads">Thread pool threads.</param>
/// <param name="ThreadPoolQueueLength">Work items waiting in the thread pool.</param>
/// <param name="ThreadPoolCompletedItems">Work items the thread pool completed since start.</param>
/// <param name="UptimeSeconds">Seconds since the process started.</param>
[GenerateSerializer]
[Immutable]
[Alias("TalentFlow.Hosting.Diagnostics.ProcessStatisticsSnapshot")]
public sealed record ProcessStatisticsSnapshot(
    double CpuPercent, long WorkingSetBytes, long GcHeapBytes, int Gen0Collections,
    int Gen1Collections, int Gen2Collections, double GcPauseTimePercent, int ThreadPoolThreads,
    long ThreadPoolQueueLength, long ThreadPoolCompletedItems, double UptimeSeconds)
{
    private static readonly Lock Gate = new();
    // The process's own start, not the first reading's: a dashboard opened minutes after start shows the real uptime.
    private static readonly DateTime Started = GetStartTime();
    private static (long Timestamp, TimeSpan Cpu) _previous = (Stopwatch.GetTimestamp(), Process.GetCurrentProcess().TotalProcessorTime);

    private static DateTime GetStartTime()
    {
        using var process = Process.GetCurrentProcess();
        return process.StartTime;
    }

    /// <summary>Reads the current process; CPU is measured over the time since the previous call.</summary>
    public static ProcessStatisticsSnapshot Read()
    {
        using var process = Process.GetCurrentProcess();
        long now = Stopwatch.GetTimestamp();
        var cpu = process.TotalProcessorTime;
        double cpuPercent;
        lock (Gate)
        {
            var wall = Stopwatch.GetElapsedTime(_previous.Timestamp, now);
            cpuPercent = wall > TimeSpan.Zero ? Math.Clamp((cpu - _previous.Cpu) / (wall * Environment.ProcessorCount) * 100, 0, 100) : 0;
            _previous = (now, cpu);
        }
        var gc = GC.GetGCMemoryInfo();
        return new ProcessStatisticsSnapshot(
            Math.Round(cpuPercent, 1), process.WorkingSet64, GC.GetTotalMemory(forceFullCollection: false), GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2),
            gc.PauseTimePercentage, ThreadPool.ThreadCount, ThreadPool.PendingWorkItemCount, ThreadPool.CompletedWorkItemCount,
            Math.Round((TimeProvider.System.GetLocalNow().DateTime - Started).TotalSeconds, 1));
    }
}
