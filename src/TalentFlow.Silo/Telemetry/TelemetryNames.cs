using TalentFlow.Hosting.Diagnostics;

namespace TalentFlow.Silo.Telemetry;

/// <summary>The meters and activity sources the silo exports, by name.</summary>
internal static class TelemetryNames
{
    /// <summary><c>service.name</c> when neither <c>OTEL_SERVICE_NAME</c> nor <c>OTEL_RESOURCE_ATTRIBUTES</c> names one.</summary>
    public const string DefaultServiceName = "talentflow-silo";

    /// <summary>The variable whose presence turns the OTLP exporter (and tracing) on.</summary>
    public const string OtlpEndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>Orleans' runtime meter (<c>orleans-*</c> instruments: catalog, messaging, directory, storage, reminders...).</summary>
    public const string OrleansMeter = "Microsoft.Orleans";

    /// <summary>Every meter besides the instrumentation packages' own (ASP.NET Core, HttpClient, runtime).</summary>
    public static readonly string[] Meters = [OrleansMeter, TalentFlowMetrics.MeterName];

    /// <summary>
    /// Orleans' activity sources: application grain calls, activation lifecycle and grain storage. Its runtime source is left
    /// out: it traces the cluster's own system-target traffic (membership probes, directory), a span every few seconds per silo
    /// that says nothing about a request.
    /// </summary>
    public static readonly string[] OrleansActivitySources =
    [
        Orleans.Diagnostics.ActivitySources.ApplicationGrainActivitySourceName,
        Orleans.Diagnostics.ActivitySources.LifecycleActivitySourceName,
        Orleans.Diagnostics.ActivitySources.StorageActivitySourceName,
    ];
}
