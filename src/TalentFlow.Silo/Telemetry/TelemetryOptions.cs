using System.ComponentModel.DataAnnotations;

namespace TalentFlow.Silo.Telemetry;

/// <summary>
/// The silo's own telemetry settings (configuration section <c>Telemetry</c>), validated at start-up. Where traces and metrics
/// are exported is not set here but by OpenTelemetry's standard variables (<c>OTEL_EXPORTER_OTLP_ENDPOINT</c>,
/// <c>OTEL_SERVICE_NAME</c>, <c>OTEL_RESOURCE_ATTRIBUTES</c>, ...), so a collector is pointed at without our own names.
/// </summary>
public sealed class TelemetryOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Telemetry";

    /// <summary>
    /// The path of the Prometheus scraping endpoint, readable by the admin role only. Default <c>/metrics</c>; empty turns the
    /// endpoint (and the Prometheus exporter) off.
    /// </summary>
    [RegularExpression("^(/[A-Za-z0-9._~-]+)+$", ErrorMessage = "Telemetry:MetricsPath must be empty or a path such as /metrics (segments of letters, digits, '.', '_', '~', '-').")]
    public string MetricsPath { get; set; } = "/metrics";

    /// <summary>Whether the Prometheus endpoint is served.</summary>
    public bool ServesPrometheus => !string.IsNullOrEmpty(MetricsPath);
}
