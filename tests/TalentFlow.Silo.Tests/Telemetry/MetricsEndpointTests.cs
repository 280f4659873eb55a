using System.Net;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using TalentFlow.Silo.Security;

namespace TalentFlow.Silo.Tests.Telemetry;

/// <summary>The Prometheus endpoint of a silo started without <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> (the shared test host).</summary>
[Collection(SiloHostCollection.Name)]
public sealed class MetricsEndpointTests(SiloHostFactory factory)
{
    [Fact]
    public async Task Metrics_AdminAfterAnUpload_ServesOrleansAspNetCoreRuntimeAndTalentFlowFamilies()
    {
        using var recruiter = factory.CreateClient(ApiRoles.Recruiter);
        using (var upload = await recruiter.PostAsync("/api/v1/screening/upload-resume", TelemetryRequests.Upload()))
        {
            Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
        }

        using var admin = factory.CreateClient(ApiRoles.Admin);
        using var response = await admin.GetAsync("/metrics");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        var families = TelemetryRequests.Families(await response.Content.ReadAsStringAsync());
        Assert.Contains(families, f => f.StartsWith("orleans_catalog_activations", StringComparison.Ordinal));
        Assert.Contains(families, f => f.StartsWith("orleans_app_requests_latency", StringComparison.Ordinal));
        Assert.Contains("http_server_request_duration_seconds", families);
        Assert.Contains(families, f => f.StartsWith("dotnet_gc_", StringComparison.Ordinal));
        Assert.Contains("talentflow_screening_uploads_total", families);
        Assert.Contains("talentflow_screening_duration_seconds", families);
        Assert.Contains("talentflow_grain_calls_total", families);
    }

    [Fact]
    public async Task Metrics_Anonymous_Returns401()
    {
        using var anonymous = factory.CreateClient();
        using var response = await anonymous.GetAsync("/metrics");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData(ApiRoles.Recruiter)]
    [InlineData(ApiRoles.Reviewer)]
    [InlineData(ApiRoles.Adjudicator)]
    public async Task Metrics_NonAdminKey_Returns403(string role)
    {
        using var client = factory.CreateClient(role);
        using var response = await client.GetAsync("/metrics");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public void Start_WithoutOtlpEndpoint_HasMetricsButNoTracing()
    {
        // No tracer provider: no span is sampled, no grain-call propagation filter runs, no exporter tries to connect.
        Assert.NotNull(factory.Services.GetService<MeterProvider>());
        Assert.Null(factory.Services.GetService<TracerProvider>());
    }
}
