using System.Diagnostics;
using System.Numerics;

namespace TalentFlow.Hosting.Diagnostics;

/// <summary>
/// One grain method's counters, striped by processor: a call adds to the stripe of the core it runs on, and a snapshot sums
/// the stripes. Interlocked adds stay exact when a thread moves cores between reading its processor id and adding.
/// </summary>
internal sealed class MethodCallCounters(string grainInterface, string method)
{
    private static readonly int StripeMask = (int)BitOperations.RoundUpToPowerOf2((uint)Environment.ProcessorCount) - 1;
    private readonly Stripe[] _stripes = [.. Enumerable.Range(0, StripeMask + 1).Select(_ => new Stripe())];

    public void Record(long elapsedTimestamp, bool failed) =>
        _stripes[Thread.GetCurrentProcessorId() & StripeMask].Add(elapsedTimestamp, failed);

    public MethodStatistics ToStatistics()
    {
        long calls = 0, failures = 0, totalTicks = 0, maxTicks = 0;
        var histogram = new long[LatencyHistogram.BucketCount];
        foreach (var stripe in _stripes)
        {
            calls += Volatile.Read(ref stripe.Calls);
            failures += Volatile.Read(ref stripe.Failures);
            totalTicks += Volatile.Read(ref stripe.TotalTicks);
            maxTicks = Math.Max(maxTicks, Volatile.Read(ref stripe.MaxTicks));
            stripe.Histogram.AddTo(histogram);
        }

        double toMs = 1000.0 / Stopwatch.Frequency;
        return new MethodStatistics(grainInterface, method, calls, failures, calls == 0 ? 0 : totalTicks * toMs / calls, maxTicks * toMs, histogram);
    }

    /// <summary>One core's counters; a class of its own so that stripes live apart on the heap, with padding against sharing a cache line.</summary>
    private sealed class Stripe
    {
#pragma warning disable CS0169, IDE0051 // padding: keeps the hot counters off the previous object's cache line
        private readonly long _p0, _p1, _p2, _p3, _p4, _p5, _p6, _p7;
#pragma warning restore CS0169, IDE0051
        public long Calls;
        public long Failures;
        public long TotalTicks;
        public long MaxTicks;
        public readonly LatencyHistogram Histogram = new();

        public void Add(long elapsed, bool failed)
        {
            Interlocked.Increment(ref Calls);
            if (failed) Interlocked.Increment(ref Failures);
            Interlocked.Add(ref TotalTicks, elapsed);
            Histogram.Record(elapsed * 1_000_000 / Stopwatch.Frequency);
            long max = Volatile.Read(ref MaxTicks);
            while (elapsed > max)
            {
                long seen = Interlocked.CompareExchange(ref MaxTicks, elapsed, max);
                if (seen == max) break;
                max = seen;
            }
        }
    }
}
