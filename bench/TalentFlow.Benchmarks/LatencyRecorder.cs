using System.Diagnostics;
using HdrHistogram;

namespace TalentFlow.Benchmarks;

/// <summary>
/// The latencies of one measured operation, kept in an HdrHistogram instead of a sorted list of samples: memory stays
/// constant however long a scenario runs, and callers on several threads record without a lock.
/// </summary>
/// <remarks>
/// Values are <see cref="Stopwatch"/> ticks (nanoseconds on Linux), so a microsecond-scale call keeps its decimals, with
/// 3 significant digits: every reported value is within 0.1% of the exact sample at that rank. The rank is HdrHistogram's,
/// p·n rounded to the nearest (the sorted lists this replaced took it rounded up), so with few samples a tail percentile may
/// be the neighbouring sample.
/// </remarks>
internal sealed class LatencyRecorder
{
    // An hour: far above any single call a scenario times (an upload under load takes seconds), and a value past it is
    // counted at the top rather than thrown away or crashing the run.
    private static readonly long HighestTicks = Stopwatch.Frequency * 3600;

    private readonly LongConcurrentHistogram histogram = new(1, HighestTicks, 3);

    /// <summary>How many latencies were recorded.</summary>
    public long Count => histogram.TotalCount;

    /// <summary>Records the time since <paramref name="startTimestamp"/> (a <see cref="Stopwatch.GetTimestamp"/> value).</summary>
    public void RecordSince(long startTimestamp) => RecordTicks(Stopwatch.GetTimestamp() - startTimestamp);

    /// <summary>Records one latency.</summary>
    public void Record(TimeSpan elapsed) => RecordTicks((long)(elapsed.TotalSeconds * Stopwatch.Frequency));

    /// <summary>Records one latency given in milliseconds (e.g. measured against a schedule rather than a start timestamp).</summary>
    public void RecordMilliseconds(double milliseconds) => RecordTicks((long)(milliseconds / 1000 * Stopwatch.Frequency));

    /// <summary>Records one latency in <see cref="Stopwatch"/> ticks (a difference of two <see cref="Stopwatch.GetTimestamp"/> values).</summary>
    // A negative value (a clock read before its due time) counts as 0 rather than failing the histogram.
    public void RecordTicks(long ticks) => histogram.RecordValue(Math.Clamp(ticks, 0, HighestTicks));

    /// <summary>The recorded latencies' percentiles, extremes and mean in milliseconds (all 0 when nothing was recorded).</summary>
    public LatencySummary Summary()
    {
        if (histogram.TotalCount == 0) return new LatencySummary(0, 0, 0, 0, 0, 0, 0, 0);
        return new LatencySummary(
            Count: histogram.TotalCount,
            P50Ms: At(50),
            P90Ms: At(90),
            P95Ms: At(95),
            P99Ms: At(99),
            MaxMs: Milliseconds(histogram.GetMaxValue()),
            // Percentile 0 is the lowest value equivalent to the smallest sample.
            MinMs: At(0),
            MeanMs: Milliseconds(histogram.GetMean()));
    }

    private double At(double percentile) => Milliseconds(histogram.GetValueAtPercentile(percentile));

    private static double Milliseconds(double ticks) => ticks * 1000 / Stopwatch.Frequency;
}

/// <summary>A <see cref="LatencyRecorder"/>'s figures, in milliseconds.</summary>
internal sealed record LatencySummary(long Count, double P50Ms, double P90Ms, double P95Ms, double P99Ms, double MaxMs, double MinMs, double MeanMs);
