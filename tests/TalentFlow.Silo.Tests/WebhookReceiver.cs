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

namespace TalentFlow.Silo.Tests;

/// <summary>
/// A real webhook receiver on a loopback Kestrel port: it keeps every delivery (raw body and headers) and answers 500 to
/// the next <see cref="FailNext"/> deliveries, 200 to the others.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<Delivery> _deliveries = new();
    private readonly SemaphoreSlim _arrived = new(0);
    private int _failures;

    private WebhookReceiver(WebApplication app) => _app = app;

    /// <summary>One POST as received.</summary>
    public sealed record Delivery(byte[] Body, IReadOnlyDictionary<string, string> Headers, int AnsweredWith);

    public string Url { get; private set; } = null!;

    public IReadOnlyList<Delivery> Deliveries => [.. _deliveries];

    /// <summary>The next <paramref name="count"/> deliveries are answered with a 500.</summary>
    public void FailNext(int count) => Volatile.Write(ref _failures, count);

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        app.MapPost("/hooks", receiver.ReceiveAsync);
        await app.StartAsync();
        receiver.Url = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single() + "/hooks";
        return receiver;
    }

    private async Task ReceiveAsync(HttpContext context)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
        int status = Interlocked.Decrement(ref _failures) >= 0 ? StatusCodes.Status500InternalServerError : StatusCodes.Status200OK;
        var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        _deliveries.Enqueue(new Delivery(buffer.ToArray(), headers, status));
        context.Response.StatusCode = status;
        _arrived.Release();
    }

    /// <summary>Waits (up to 30 s) until the deliveries satisfy <paramref name="done"/>; each arrival wakes it.</summary>
    public async Task<IReadOnlyList<Delivery>> WaitForAsync(Func<IReadOnlyList<Delivery>, bool> done)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!done(Deliveries)) await _arrived.WaitAsync(timeout.Token);
        return Deliveries;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _arrived.Dispose();
    }
}
