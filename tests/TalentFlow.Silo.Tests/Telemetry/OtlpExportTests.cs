using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using TalentFlow.Silo.Security;

namespace TalentFlow.Silo.Tests.Telemetry;

/// <summary>
/// A silo configured only by OpenTelemetry's standard variables (given as configuration keys, as the environment gives them)
/// to export over OTLP http/protobuf to a real receiver, with short export intervals so the test need not wait long.
/// </summary>
public sealed class OtlpHostFixture : IAsyncLifetime
{
    public const string ServiceName = "talentflow-otlp-test";

    public OtlpReceiver Receiver { get; private set; } = null!;

    public WebApplicationFactory<Program> Host { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Receiver = await OtlpReceiver.StartAsync();
        Host = new SiloHostFactory().WithWebHostBuilder(builder => builder
            .UseSetting("OTEL_EXPORTER_OTLP_ENDPOINT", Receiver.Endpoint)
            .UseSetting("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf")
            .UseSetting("OTEL_SERVICE_NAME", ServiceName)
            .UseSetting("OTEL_RESOURCE_ATTRIBUTES", "deployment.environment.name=test")
            .UseSetting("OTEL_METRIC_EXPORT_INTERVAL", "500")
            .UseSetting("OTEL_BSP_SCHEDULE_DELAY", "200"));
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        await Receiver.DisposeAsync();
    }
}

public sealed class OtlpExportTests(OtlpHostFixture fixture) : IClassFixture<OtlpHostFixture>
{
    [Fact]
    public async Task Upload_WithOtlpEndpoint_ExportsRequestAndGrainCallSpansToTheReceiver()
    {
        using var recruiter = fixture.Host.CreateClient().As(ApiRoles.Recruiter);
        using (var upload = await recruiter.PostAsync("/api/v1/screening/upload-resume", TelemetryRequests.Upload()))
        {
            Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
        }

        static IEnumerable<(string Scope, string Name)> Spans(IReadOnlyList<byte[]> bodies) => bodies.SelectMany(OtlpMessages.Spans);
        await fixture.Receiver.WaitForAsync("traces", bodies =>
            Spans(bodies).Any(s => s.Name == "POST /api/v1/screening/upload-resume")
            && Spans(bodies).Any(s => s.Scope == "Microsoft.Orleans.Application" && s.Name.Contains("ScreenAsync", StringComparison.Ordinal)));

        var traces = fixture.Receiver.Exports("traces");
        var resource = traces.SelectMany(OtlpMessages.ResourceAttributes).ToLookup(a => a.Key, a => a.Value);
        Assert.Contains(OtlpHostFixture.ServiceName, resource["service.name"]);
        Assert.Contains("test", resource["deployment.environment.name"]);
        Assert.True(Guid.TryParse(Assert.Single(resource["service.instance.id"].Distinct()), out _));
        // Probes and scrapes are not traced.
        Assert.DoesNotContain(Spans(traces), s => s.Name.Contains("/health", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Start_WithOtlpEndpoint_ExportsOrleansAspNetCoreAndTalentFlowMetricsToTheReceiver()
    {
        using var recruiter = fixture.Host.CreateClient().As(ApiRoles.Recruiter);
        using (var upload = await recruiter.PostAsync("/api/v1/screening/upload-resume", TelemetryRequests.Upload()))
        {
            Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
        }

        static IEnumerable<(string Meter, string Name)> Metrics(IReadOnlyList<byte[]> bodies) => bodies.SelectMany(OtlpMessages.Metrics);
        await fixture.Receiver.WaitForAsync("metrics", bodies =>
            Metrics(bodies).Any(m => m.Name == "talentflow.screening.uploads")
            && Metrics(bodies).Any(m => m.Name == "http.server.request.duration"));

        var metrics = Metrics(fixture.Receiver.Exports("metrics")).ToList();
        Assert.Contains(metrics, m => m.Meter == "Microsoft.Orleans" && m.Name.StartsWith("orleans-", StringComparison.Ordinal));
        Assert.Contains(metrics, m => m.Meter == "TalentFlow" && m.Name == "talentflow.screening.duration");
        Assert.Contains(metrics, m => m.Meter == "System.Runtime");
    }
}
