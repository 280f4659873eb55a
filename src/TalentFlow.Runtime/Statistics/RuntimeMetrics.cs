using System.Diagnostics.Metrics;
using TalentFlow.Runtime.Hosting;

namespace TalentFlow.Runtime.Statistics;

/// <summary>
/// The runtime's instruments on the <c>TalentFlow.Runtime</c> meter, observed from every silo in the process: activations,
/// calls and errors per grain method, and latency percentiles. Pull-based: nothing is computed unless a listener asks.
/// </summary>
internal static class RuntimeMetrics
{
    public const string MeterName = "TalentFlow.Runtime";
    private static readonly Meter Meter = new(MeterName);
    private static readonly List<SiloRuntime> Silos = [];

    static RuntimeMetrics()
    {
        Meter.CreateObservableGauge("talentflow.activations", ObserveActivations, description: "Live grain activations per silo.");
        Meter.CreateObservableCounter("talentflow.grain.calls", () => ObserveMethods(m => m.Calls), description: "Completed grain calls.");
        Meter.CreateObservableCounter("talentflow.grain.errors", () => ObserveMethods(m => m.Errors), description: "Grain calls that threw.");
        Meter.CreateObservableGauge("talentflow.grain.latency.p99", () => ObserveMethods(m => LatencyHistogram.Quantile(m.Latency.Snapshot(), 0.99)), "us");
    }

    public static void Register(SiloRuntime silo)
    {
        lock (Silos) Silos.Add(silo);
    }

    public static void Unregister(SiloRuntime silo)
    {
        lock (Silos) Silos.Remove(silo);
    }

    private static SiloRuntime[] Snapshot()
    {
        lock (Silos) return [.. Silos];
    }

    private static IEnumerable<Measurement<int>> ObserveActivations()
    {
        foreach (var silo in Snapshot())
        {
            yield return new Measurement<int>(silo.Catalog.Count, new KeyValuePair<string, object?>("silo", silo.LocalAddress?.ToString()));
        }
    }

    private static IEnumerable<Measurement<T>> ObserveMethods<T>(Func<MethodStatistics, T> value) where T : struct
    {
        foreach (var silo in Snapshot())
        {
            foreach (var grainClass in silo.Manifest.Classes)
            {
                foreach (var method in grainClass.Methods.Values)
                {
                    yield return new Measurement<T>(value(method),
                        new KeyValuePair<string, object?>("silo", silo.LocalAddress?.ToString()),
                        new KeyValuePair<string, object?>("grain_type", method.GrainType),
                        new KeyValuePair<string, object?>("method", method.MethodName));
                }
            }
        }
    }
}
