using System.Buffers;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TalentFlow.Runtime.Hosting;
using TalentFlow.Runtime.Membership;

namespace TalentFlow.Runtime.Messaging;

/// <summary>
/// The silo's HTTP/2 cleartext endpoint on Kestrel: grain calls from silos and clients, probes, membership and manifest for
/// clients, broadcasts and statistics. Kestrel does the transport; this class only maps routes.
/// </summary>
internal sealed partial class SiloEndpoint : IAsyncDisposable
{
    private readonly SiloRuntime _runtime;
    private WebApplication? _app;

    public SiloEndpoint(SiloRuntime runtime) => _runtime = runtime;

    /// <summary>Starts listening and returns the bound <c>host:port</c> (the advertised host when set).</summary>
    public async Task<string> StartAsync(CancellationToken cancellationToken)
    {
        var options = _runtime.Options;
        var (host, port) = ParseEndpoint(options.Endpoint);
        // Its own configuration only: the application's Kestrel settings and URLs are for its HTTP API, not this endpoint.
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection();
        builder.WebHost.UseSetting(WebHostDefaults.PreferHostingUrlsKey, "false");
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = options.MaxMessageSize;
            kestrel.Limits.Http2.MaxStreamsPerConnection = 1000;
            kestrel.Limits.Http2.InitialConnectionWindowSize = 4 * 1024 * 1024;
            kestrel.Limits.Http2.InitialStreamWindowSize = 1024 * 1024;
            var address = host is "*" or "0.0.0.0" ? IPAddress.Any : host == "localhost" ? IPAddress.Loopback : IPAddress.Parse(host);
            kestrel.Listen(address, port, listen => listen.Protocols = HttpProtocols.Http2);
        });
        _app = builder.Build();
        MapRoutes(_app);
        await _app.StartAsync(cancellationToken).ConfigureAwait(false);
        var bound = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var boundUri = new Uri(bound);
        string advertised = options.AdvertisedHost ?? (host is "*" or "0.0.0.0" ? "127.0.0.1" : boundUri.Host);
        string endpoint = string.Concat(advertised, ":", boundUri.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        _runtime.Log.Listening(endpoint);
        return endpoint;
    }

    /// <summary>Stops; with <paramref name="abort"/> connections are cut at once (a killed silo).</summary>
    public async Task StopAsync(bool abort)
    {
        if (_app is null) return;
        using var cts = new CancellationTokenSource();
        if (abort) await cts.CancelAsync().ConfigureAwait(false);
        else cts.CancelAfter(TimeSpan.FromSeconds(5));
        try
        {
            await _app.StopAsync(cts.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Aborting: Kestrel closed what it had.
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null) await _app.DisposeAsync().ConfigureAwait(false);
    }

    internal static (string Host, int Port) ParseEndpoint(string endpoint)
    {
        int colon = endpoint.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(endpoint.AsSpan(colon + 1), out int port) || port is < 0 or > 65535)
        {
            throw new FormatException($"'{endpoint}' is not an endpoint (host:port).");
        }
        return (endpoint[..colon], port);
    }

    private void MapRoutes(WebApplication app)
    {
        app.MapPost(WireProtocol.CallPath, HandleCallAsync);
        app.MapGet(MembershipService.PingPath, (HttpContext context) =>
        {
            string? silo = context.Request.Query["silo"];
            bool alive = _runtime.LocalAddress is { } local && silo == local.ToString() && _runtime.Status is not (SiloStatus.Dead or SiloStatus.None);
            return alive ? Results.Ok() : Results.StatusCode(StatusCodes.Status410Gone);
        });
        app.MapGet("/rt/membership", () => TypedJson(_runtime.MembershipSnapshot(), RuntimeJsonContext.Default.MembershipSnapshot));
        app.MapGet("/rt/manifest", () => TypedJson(_runtime.Manifest.Manifest, RuntimeJsonContext.Default.ClusterManifest));
        app.MapGet("/rt/stats", () => TypedJson(_runtime.Statistics(), RuntimeJsonContext.Default.SiloStatisticsSnapshot));
        app.MapPost("/rt/membership/changed", async (HttpContext context) =>
        {
            await _runtime.Membership.RefreshAsync(-1, context.RequestAborted).ConfigureAwait(false);
            return Results.Ok();
        });
        app.MapPost("/rt/broadcast/{channel}", async (string channel, HttpContext context) =>
        {
            var payload = await ReadBodyAsync(context.Request, _runtime.Options.MaxMessageSize, context.RequestAborted).ConfigureAwait(false);
            bool handled = await _runtime.Broadcaster.DeliverLocalAsync(channel, payload, context.RequestAborted).ConfigureAwait(false);
            return handled ? Results.Ok() : Results.NotFound();
        });
    }

    private static IResult TypedJson<T>(T value, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> typeInfo) =>
        Results.Bytes(JsonSerializer.SerializeToUtf8Bytes(value, typeInfo), "application/json");

    internal static async Task<ReadOnlyMemory<byte>> ReadBodyAsync(HttpRequest request, int maxSize, CancellationToken cancellationToken)
    {
        if (request.ContentLength > maxSize) throw new GrainMessageException($"The message is over the {maxSize}-byte limit.") { IsTooLarge = true };
        var buffer = new ArrayBufferWriter<byte>((int)Math.Min(request.ContentLength ?? 4096, maxSize));
        var reader = request.BodyReader;
        while (true)
        {
            var read = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            foreach (var segment in read.Buffer)
            {
                if (buffer.WrittenCount + segment.Length > maxSize) throw new GrainMessageException($"The message is over the {maxSize}-byte limit.") { IsTooLarge = true };
                buffer.Write(segment.Span);
            }
            reader.AdvanceTo(read.Buffer.End);
            if (read.IsCompleted) break;
        }
        return buffer.WrittenMemory;
    }
}
