using System.Collections.Concurrent;
using System.Diagnostics;

namespace TalentFlow.Hosting.Diagnostics;

/// <summary>One grain method's figures on this silo since it started.</summary>
/// <param name="Interface">The grain interface's name.</param>
/// <param name="Method">The method's name.</param>
/// <param name="Calls">Calls that reached the grain.</param>
/// <param name="Failures">Calls whose grain code threw.</param>
/// <param name="MeanMilliseconds">Mean time in the grain (the turn and what it awaited).</param>
/// <param name="MaxMilliseconds">Longest call.</param>
/// <param name="HistogramMicros">Latency bucket counts in µs (the same buckets on every silo, so silos add up exactly).</param>
[GenerateSerializer]
[Immutable]
[Alias("TalentFlow.Hosting.Diagnostics.MethodStatistics")]
public sealed record MethodStatistics(
    string Interface, string Method, long Calls, long Failures,
    double MeanMilliseconds, double MaxMilliseconds, long[] HistogramMicros)
{
    /// <summary>The <paramref name="q"/> quantile of <paramref name="histogramMicros"/> (one silo's or several added bucket by bucket), in µs.</summary>
    public static double Quantile(ReadOnlySpan<long> histogramMicros, double q) => LatencyHistogram.Quantile(histogramMicros, q);
}

/// <summary>
/// Per-method call counts, failures and latency of this silo's grains, fed by <see cref="MethodStatisticsFilter"/>. Cheap on
/// the call path: one dictionary lookup and a few interlocked adds per call.
/// </summary>
public sealed class GrainCallStatistics
{
    private readonly ConcurrentDictionary<(Type Interface, string Method), Counter> _counters = new();

    /// <summary>Every method called so far, busiest first.</summary>
    public IReadOnlyList<MethodStatistics> Snapshot() =>
        [.. _counters.Select(kv => kv.Value.ToStatistics(kv.Key.Interface.Name, kv.Key.Method)).OrderByDescending(s => s.Calls).ThenBy(s => s.Interface, StringComparer.Ordinal)];

    internal void Record(Type grainInterface, string method, long elapsedTimestamp, bool failed) =>
        _counters.GetOrAdd((grainInterface, method), static _ => new Counter()).Add(elapsedTimestamp, failed);

    private sealed class Counter
    {
        private long _calls;
        private long _failures;
        private long _totalTicks;
        private long _maxTicks;
        private readonly LatencyHistogram _histogram = new();

        public void Add(long elapsed, bool failed)
        {
            Interlocked.Increment(ref _calls);
            if (failed) Interlocked.Increment(ref _failures);
            Interlocked.Add(ref _totalTicks, elapsed);
            _histogram.Record(elapsed * 1_000_000 / Stopwatch.Frequency);
            long max = Volatile.Read(ref _maxTicks);
            while (elapsed > max)
            {
                long seen = Interlocked.CompareExchange(ref _maxTicks, elapsed, max);
                if (seen == max) break;
                max = seen;
            }
        }

        public MethodStatistics ToStatistics(string grainInterface, string method)
        {
            long calls = Volatile.Read(ref _calls);
            double toMs = 1000.0 / Stopwatch.Frequency;
            return new MethodStatistics(grainInterface, method, calls, Volatile.Read(ref _failures),
                calls == 0 ? 0 : Volatile.Read(ref _totalTicks) * toMs / calls, Volatile.Read(ref _maxTicks) * toMs, _histogram.Snapshot());
        }
    }
}
