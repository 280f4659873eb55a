using TalentFlow.Runtime.Statistics;

namespace TalentFlow.Runtime.Hosting;

internal sealed partial class SiloRuntime
{
    /// <summary>This silo's numbers, for <c>/rt/stats</c> and the dashboard.</summary>
    public SiloStatisticsSnapshot Statistics()
    {
        var byType = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var activation in Catalog.Activations)
        {
            byType[activation.GrainId.Type] = byType.GetValueOrDefault(activation.GrainId.Type) + 1;
        }
        var methods = new List<MethodStatisticsSnapshot>();
        foreach (var grainClass in Manifest.Classes)
        {
            foreach (var method in grainClass.Methods.Values)
            {
                var histogram = method.Latency.Snapshot();
                methods.Add(new MethodStatisticsSnapshot(
                    method.GrainType, method.InterfaceName, method.MethodName, method.Calls, method.Errors,
                    LatencyHistogram.Quantile(histogram, 0.50), LatencyHistogram.Quantile(histogram, 0.95),
                    LatencyHistogram.Quantile(histogram, 0.99), histogram));
            }
        }
        return new SiloStatisticsSnapshot(
            LocalAddress?.ToString() ?? "", Options.SiloName, Status.ToString(), Options.Roles, Catalog.Count, byType,
            Reminders.LocalCount, methods, ProcessStatisticsSnapshot.Read());
    }
}
