namespace TalentFlow.Runtime.Statistics;

/// <summary>One grain method's numbers on one silo.</summary>
/// <param name="GrainType">The grain type.</param>
/// <param name="Interface">The grain interface.</param>
/// <param name="Method">The method.</param>
/// <param name="Calls">Calls completed since start.</param>
/// <param name="Errors">Calls that threw.</param>
/// <param name="P50Micros">Median latency, µs.</param>
/// <param name="P95Micros">95th percentile, µs.</param>
/// <param name="P99Micros">99th percentile, µs.</param>
/// <param name="Histogram">Raw bucket counts, so several silos can be merged exactly.</param>
public sealed record MethodStatisticsSnapshot(
    string GrainType, string Interface, string Method, long Calls, long Errors,
    double P50Micros, double P95Micros, double P99Micros, long[] Histogram);

/// <summary>A silo's statistics, served at <c>/rt/stats</c> on its endpoint.</summary>
/// <param name="Silo">The silo address.</param>
/// <param name="SiloName">Its name.</param>
/// <param name="Status">Its status.</param>
/// <param name="Roles">Its roles.</param>
/// <param name="Activations">Live activations.</param>
/// <param name="ActivationsByType">Live activations per grain type.</param>
/// <param name="Reminders">Reminders this silo fires.</param>
/// <param name="Methods">Per-method numbers.</param>
/// <param name="Process">The silo's process: CPU, memory, GC, thread pool (null from a silo that does not report it).</param>
public sealed record SiloStatisticsSnapshot(
    string Silo, string SiloName, string Status, IReadOnlyList<string> Roles, int Activations,
    IReadOnlyDictionary<string, int> ActivationsByType, int Reminders, IReadOnlyList<MethodStatisticsSnapshot> Methods,
    ProcessStatisticsSnapshot? Process = null);

/// <summary>Percentiles of latency histograms as served in <see cref="MethodStatisticsSnapshot.Histogram"/>.</summary>
public static class LatencyQuantiles
{
    /// <summary>
    /// The <paramref name="q"/> quantile, in µs, of bucket counts — one silo's, or several silos' added bucket by bucket
    /// (the buckets are the same everywhere, so merged percentiles are exact to a bucket).
    /// </summary>
    public static double Of(ReadOnlySpan<long> counts, double q) => LatencyHistogram.Quantile(counts, q);
}
