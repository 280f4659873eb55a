using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace TalentFlow.Client.Tests;

/// <summary>
/// A tiny real HTTP server on a loopback Kestrel port that answers the API's job routes the way a struggling deployment
/// would: the first <c>failures</c> requests get <c>status</c> (with a problem body and, when set, <c>Retry-After</c>), later
/// ones a real job (<c>/health/ready</c> fails the same way). Job <c>slow</c> never answers; job <c>conflict</c> is a 409 problem; job <c>plain</c> a 500 in plain text.
/// </summary>
internal sealed class TransientServer : IAsyncDisposable
{
    private const string Job = """{"id":"job-1","title":"Data Engineer","required_skills":["python"],"preferred_skills":[],"experience_level":null,"minimum_years":null,"education_requirement":null,"location":null,"company":null,"updated_at":"2025-01-01T00:00:00+00:00"}""";

    private readonly WebApplication _app;
    private int _failuresLeft;
    private int _requests;

    private TransientServer(WebApplication app, int failures)
    {
        _app = app;
        _failuresLeft = failures;
    }

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>Requests the job routes received, failed ones included.</summary>
    public int Requests => Volatile.Read(ref _requests);

    public static async Task<TransientServer> StartAsync(int failures, int status = StatusCodes.Status503ServiceUnavailable, string? retryAfter = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var server = new TransientServer(app, failures);
        app.MapGet("/api/v1/jobs/{id}", (string id, HttpContext context) => server.AnswerAsync(id, context, status, retryAfter));
        app.MapPost("/api/v1/jobs", (HttpContext context) => server.AnswerAsync("job-1", context, status, retryAfter));
        app.MapGet("/health/ready", (HttpContext context) => server.AnswerAsync("job-1", context, status, retryAfter));
        await app.StartAsync();
        server.BaseAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single() + "/");
        return server;
    }

    private async Task AnswerAsync(string id, HttpContext context, int status, string? retryAfter)
    {
        Interlocked.Increment(ref _requests);
        var response = context.Response;
        switch (id)
        {
            case "slow":
                await Task.Delay(Timeout.Infinite, context.RequestAborted);
                return;
            case "conflict":
                await WriteProblemAsync(response, StatusCodes.Status409Conflict, "Conflict", "The job changed meanwhile.");
                return;
            case "plain":
                response.StatusCode = StatusCodes.Status500InternalServerError;
                response.ContentType = "text/plain";
                await response.WriteAsync("boom: the proxy fell over", context.RequestAborted);
                return;
        }
        if (Interlocked.Decrement(ref _failuresLeft) >= 0)
        {
            if (retryAfter is not null) response.Headers.RetryAfter = retryAfter;
            await WriteProblemAsync(response, status, "Unavailable", "Try again soon.");
            return;
        }
        response.StatusCode = HttpMethods.IsPost(context.Request.Method) ? StatusCodes.Status201Created : StatusCodes.Status200OK;
        response.ContentType = "application/json";
        await response.WriteAsync(Job, context.RequestAborted);
    }

    private static Task WriteProblemAsync(HttpResponse response, int status, string title, string detail)
    {
        response.StatusCode = status;
        response.ContentType = "application/problem+json";
        return response.WriteAsync($$"""{"type":"https://tools.ietf.org/html/rfc9110","title":"{{title}}","status":{{status}},"detail":"{{detail}}"}""");
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
