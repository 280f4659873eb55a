using System.Diagnostics;

namespace TalentFlow.Runtime.Statistics;

/// <summary>Calls, errors and latency of one grain method on one silo.</summary>
internal sealed class MethodStatistics(string grainType, string interfaceName, string methodName)
{
    private long _calls;
    private long _errors;

    public string GrainType { get; } = grainType;

    public string InterfaceName { get; } = interfaceName;

    public string MethodName { get; } = methodName;

    public LatencyHistogram Latency { get; } = new();

    public long Calls => Volatile.Read(ref _calls);

    public long Errors => Volatile.Read(ref _errors);

    public void Record(long startTimestamp, bool failed)
    {
        Interlocked.Increment(ref _calls);
        if (failed) Interlocked.Increment(ref _errors);
        long elapsedTicks = Stopwatch.GetTimestamp() - startTimestamp;
        Latency.Record(elapsedTicks * 1_000_000 / Stopwatch.Frequency);
    }
}
