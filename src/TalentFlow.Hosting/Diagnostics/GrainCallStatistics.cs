using System.Collections.Concurrent;

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
/// the call path: one lookup keyed by the request's generated type (one per grain method), then adds on the calling core's
/// own stripe of counters, so two cores calling the same method do not fight over one cache line.
/// </summary>
public sealed class GrainCallStatistics
{
    private readonly ConcurrentDictionary<Type, MethodCallCounters> _byRequestType = new();

    // A generic grain method has one request type per type argument; they share the method's one row.
    private readonly ConcurrentDictionary<(string Interface, string Method), MethodCallCounters> _byName = new();

    /// <summary>Every method called so far, busiest first.</summary>
    public IReadOnlyList<MethodStatistics> Snapshot() =>
        [.. _byName.Values.Select(m => m.ToStatistics()).OrderByDescending(s => s.Calls).ThenBy(s => s.Interface, StringComparer.Ordinal).ThenBy(s => s.Method, StringComparer.Ordinal)];

    /// <summary>The counters of the method <paramref name="context"/> calls (Orleans generates one request type per interface method).</summary>
    internal MethodCallCounters For(IIncomingGrainCallContext context)
    {
        var requestType = context.Request.GetType();
        return _byRequestType.TryGetValue(requestType, out var counters) ? counters : _byRequestType.GetOrAdd(requestType, ByName(context));
    }

    private MethodCallCounters ByName(IIncomingGrainCallContext context)
    {
        var key = ((context.InterfaceMethod?.DeclaringType ?? typeof(IGrain)).Name, context.MethodName);
        return _byName.GetOrAdd(key, static k => new MethodCallCounters(k.Interface, k.Method));
    }
}
