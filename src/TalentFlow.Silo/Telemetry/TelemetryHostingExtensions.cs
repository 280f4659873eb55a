using Microsoft.Extensions.Options;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using TalentFlow.Silo.Security;

namespace TalentFlow.Silo.Telemetry;

/// <summary>
/// OpenTelemetry for the silo. Metrics always: ASP.NET Core's, HttpClient's, the runtime's, Orleans' meter and the
/// <c>TalentFlow</c> meter, scraped by Prometheus at <see cref="TelemetryOptions.MetricsPath"/> (admin only). When
/// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set, also traces (requests, outgoing HTTP such as webhooks, Orleans grain calls
/// propagated between silos) and OTLP export of traces, metrics and logs, configured by the standard <c>OTEL_*</c> variables.
/// Without it nothing is exported and no span is made, so a silo with no collector pays nothing and warns of nothing.
/// </summary>
internal static class TelemetryHostingExtensions
{
    public static WebApplicationBuilder AddTalentFlowTelemetry(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var section = configuration.GetSection(TelemetryOptions.SectionName);
        builder.Services.AddOptions<TelemetryOptions>().Bind(section).ValidateDataAnnotations().ValidateOnStart();
        var options = section.Get<TelemetryOptions>() ?? new TelemetryOptions();
        bool otlp = !string.IsNullOrWhiteSpace(configuration[TelemetryNames.OtlpEndpointVariable]);

        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => DescribeService(resource, configuration))
            .WithMetrics(metrics =>
            {
                metrics.AddAspNetCoreInstrumentation().AddHttpClientInstrumentation().AddRuntimeInstrumentation().AddMeter(TelemetryNames.Meters);
                if (options.ServesPrometheus) metrics.AddPrometheusExporter();
            });
        if (!otlp) return builder;

        telemetry.WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation(o => o.Filter = context => IsTraced(context.Request.Path, options))
                .AddHttpClientInstrumentation()
                .AddSource(TelemetryNames.OrleansActivitySources))
            .UseOtlpExporter();
        // Orleans starts grain-call spans and carries the trace context between silos only with its propagation filters,
        // which sit on every call: added only when spans are exported.
        builder.UseOrleans(silo => silo.AddActivityPropagation());
        return builder;
    }

    /// <summary>Maps the Prometheus scraping endpoint (admin only) unless <see cref="TelemetryOptions.MetricsPath"/> is empty.</summary>
    public static IEndpointRouteBuilder MapTalentFlowMetrics(this IEndpointRouteBuilder app)
    {
        var options = app.ServiceProvider.GetRequiredService<IOptions<TelemetryOptions>>().Value;
        if (options.ServesPrometheus)
        {
            app.MapPrometheusScrapingEndpoint(options.MetricsPath).RequireAuthorization(ApiPolicies.Admin).ExcludeFromDescription();
        }
        return app;
    }

    // OTEL_SERVICE_NAME and OTEL_RESOURCE_ATTRIBUTES are read by the default resource; ours only fill what they leave out,
    // since an attribute added here would override theirs. Each process is its own instance, so silos sharing a service name
    // stay apart in a collector.
    private static void DescribeService(ResourceBuilder resource, IConfiguration configuration)
    {
        string given = configuration["OTEL_RESOURCE_ATTRIBUTES"] ?? "";
        bool Gives(string attribute) => given.Split(',').Any(a => a.Trim().StartsWith(attribute + "=", StringComparison.Ordinal));
        var attributes = new List<KeyValuePair<string, object>>();
        if (string.IsNullOrWhiteSpace(configuration["OTEL_SERVICE_NAME"]) && !Gives("service.name"))
        {
            attributes.Add(new("service.name", TelemetryNames.DefaultServiceName));
            if (typeof(TelemetryHostingExtensions).Assembly.GetName().Version is { } version) attributes.Add(new("service.version", version.ToString()));
        }
        if (!Gives("service.instance.id")) attributes.Add(new("service.instance.id", Guid.NewGuid().ToString()));
        resource.AddAttributes(attributes);
    }

    // Scrapes and probes come every few seconds and would bury the requests worth a trace.
    private static bool IsTraced(PathString path, TelemetryOptions options) =>
        !path.StartsWithSegments("/health", StringComparison.OrdinalIgnoreCase)
        && !(options.ServesPrometheus && path.StartsWithSegments(options.MetricsPath, StringComparison.OrdinalIgnoreCase));
}
