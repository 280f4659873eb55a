using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace TalentFlow.Silo.Tests.Telemetry;

/// <summary>
/// A real OTLP/HTTP receiver on a loopback Kestrel port: it accepts <c>http/protobuf</c> exports at <c>/v1/traces</c>,
/// <c>/v1/metrics</c> and <c>/v1/logs</c>, keeps each body, and answers 200 with an empty (valid) export response.
/// </summary>
public sealed class OtlpReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<(string Signal, byte[] Body)> _exports = new();
    private readonly SemaphoreSlim _arrived = new(0);

    private OtlpReceiver(WebApplication app) => _app = app;

    /// <summary>The base address to give <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> (the exporter adds <c>/v1/&lt;signal&gt;</c>).</summary>
    public string Endpoint { get; private set; } = null!;

    /// <summary>The bodies received for <paramref name="signal"/> (<c>traces</c>, <c>metrics</c> or <c>logs</c>).</summary>
    public IReadOnlyList<byte[]> Exports(string signal) => [.. _exports.Where(e => e.Signal == signal).Select(e => e.Body)];

    public static async Task<OtlpReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var receiver = new OtlpReceiver(app);
        app.MapPost("/v1/{signal}", receiver.ReceiveAsync);
        await app.StartAsync();
        receiver.Endpoint = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        return receiver;
    }

    private async Task ReceiveAsync(HttpContext context, string signal)
    {
        if (context.Request.ContentType != "application/x-protobuf")
        {
            context.Response.StatusCode = StatusCodes.Status415UnsupportedMediaType;
            return;
        }
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
        _exports.Enqueue((signal, buffer.ToArray()));
        context.Response.ContentType = "application/x-protobuf";
        _arrived.Release();
    }

    /// <summary>Waits (up to 60 s) until the bodies of <paramref name="signal"/> satisfy <paramref name="done"/>; each export wakes it.</summary>
    public async Task WaitForAsync(string signal, Func<IReadOnlyList<byte[]>, bool> done)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (!done(Exports(signal))) await _arrived.WaitAsync(timeout.Token);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _arrived.Dispose();
    }
}
