namespace TalentFlow.Hosting.Diagnostics;

/// <summary>
/// A lock-free latency histogram with log-linear buckets (8 sub-buckets per power of two, about ±6% error) from 1 µs to
/// about 70 minutes: enough for p50/p95/p99 without keeping samples. Recording is one Interlocked increment.
/// </summary>
internal sealed class LatencyHistogram
{
    private const int SubBucketBits = 3;
    private const int SubBuckets = 1 << SubBucketBits;
    private const int Powers = 32;
    /// <summary>How many buckets a snapshot has.</summary>
    public const int BucketCount = Powers * SubBuckets;
    private readonly long[] _counts = new long[BucketCount];

    public void Record(long microseconds) => Interlocked.Increment(ref _counts[BucketOf(microseconds)]);

    /// <summary>Adds this histogram's counts into <paramref name="totals"/> (summing stripes or silos).</summary>
    public void AddTo(Span<long> totals)
    {
        for (int i = 0; i < _counts.Length && i < totals.Length; i++) totals[i] += Volatile.Read(ref _counts[i]);
    }

    /// <summary>The value at quantile <paramref name="q"/> (0..1) of a snapshot, in microseconds (bucket midpoint).</summary>
    public static double Quantile(ReadOnlySpan<long> counts, double q)
    {
        long total = 0;
        foreach (long c in counts) total += c;
        if (total == 0) return 0;
        long rank = (long)Math.Ceiling(q * total);
        long seen = 0;
        for (int i = 0; i < counts.Length; i++)
        {
            seen += counts[i];
            if (seen >= Math.Max(rank, 1)) return Midpoint(i);
        }
        return Midpoint(counts.Length - 1);
    }

    internal static int BucketOf(long value)
    {
        if (value < SubBuckets) return (int)Math.Max(value, 0);
        int power = 63 - (int)ulong.LeadingZeroCount((ulong)value);
        int shift = power - SubBucketBits;
        int sub = (int)((value >> shift) & (SubBuckets - 1));
        int bucket = (power - SubBucketBits + 1) * SubBuckets + sub;
        return Math.Min(bucket, (Powers * SubBuckets) - 1);
    }

    internal static double Midpoint(int bucket)
    {
        if (bucket < SubBuckets) return bucket;
        int power = (bucket / SubBuckets) + SubBucketBits - 1;
        int sub = bucket % SubBuckets;
        double low = (double)(SubBuckets + sub) * Math.Pow(2, power - SubBucketBits);
        double width = Math.Pow(2, power - SubBucketBits);
        return low + (width / 2);
    }
}
