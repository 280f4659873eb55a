using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TalentFlow.Runtime.Messaging;

namespace TalentFlow.Benchmarks.Calls;

/// <summary>
/// The floor under silo-to-silo calls: bare Kestrel h2c echoing a small JSON body to the runtime's own HttpClient settings,
/// same process, same concurrency. Measured in the same run so that the runtime's overhead is a ratio, not a guess.
/// </summary>
internal static class KestrelAnchor
{
    public static async Task<double> MeasureCallsPerSecondAsync(int concurrency, TimeSpan duration)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Limits.Http2.MaxStreamsPerConnection = 1000;
            k.Listen(IPAddress.Loopback, 0, l => l.Protocols = HttpProtocols.Http2);
        });
        await using var app = builder.Build();
        app.MapPost("/echo", async (HttpContext context) =>
        {
            var body = await SiloEndpoint.ReadBodyAsync(context.Request, 1 << 20, context.RequestAborted);
            context.Response.ContentType = "application/json";
            context.Response.ContentLength = body.Length;
            await context.Response.Body.WriteAsync(body, context.RequestAborted);
        });
        await app.StartAsync();
        string url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/echo";
        using var http = RemoteGrainInvoker.CreateHttpClient();
        byte[] payload = """{"grain":"ping/ping-1","iface":"TalentFlow.Benchmarks.Calls.IPingGrain","method":"PingAsync","target":"127.0.0.1:1@1","view":3,"hops":0,"args":[1]}"""u8.ToArray();

        async Task<long> RunAsync(long end)
        {
            long calls = 0;
            while (Stopwatch.GetTimestamp() < end)
            {
                using var message = new HttpRequestMessage(HttpMethod.Post, url)
                {
                    Content = new ReadOnlyMemoryContent(payload),
                    Version = HttpVersion.Version20,
                    VersionPolicy = HttpVersionPolicy.RequestVersionExact,
                };
                using var response = await http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead);
                await response.Content.ReadAsByteArrayAsync();
                calls++;
            }
            return calls;
        }

        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => RunAsync(Stopwatch.GetTimestamp() + Stopwatch.Frequency)));
        var stopwatch = Stopwatch.StartNew();
        long end = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var counts = await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(() => RunAsync(end))));
        double seconds = stopwatch.Elapsed.TotalSeconds;
        await app.StopAsync();
        return counts.Sum() / seconds;
    }
}
