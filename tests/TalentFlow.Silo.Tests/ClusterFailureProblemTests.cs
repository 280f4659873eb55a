using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;
using TalentFlow.Hosting.Placement;
using TalentFlow.Silo.Endpoints;

namespace TalentFlow.Silo.Tests;

/// <summary>A call lost with its silo is a 503 the caller can retry, with a body that says the outcome may be unknown — never a 500.</summary>
public sealed class ClusterFailureProblemTests
{
    private static async Task<(HttpContext Http, JsonElement Body, bool Handled)> HandleAsync(Exception exception, string path = "/api/v1/jobs/j")
    {
        var services = new ServiceCollection().AddLogging().AddProblemDetails().BuildServiceProvider();
        var http = new DefaultHttpContext { RequestServices = services };
        http.Request.Path = path;
        var body = new MemoryStream();
        http.Response.Body = body;
        var handler = new ApiExceptionHandler(services.GetRequiredService<Microsoft.AspNetCore.Http.IProblemDetailsService>());
        bool handled = await handler.TryHandleAsync(http, exception, CancellationToken.None);
        body.Position = 0;
        var json = body.Length == 0 ? default : JsonDocument.Parse(body).RootElement.Clone();
        return (http, json, handled);
    }

    [Theory]
    [InlineData("silo")]
    [InlineData("timeout")]
    public async Task TryHandleAsync_CallLostWithItsSilo_Answers503WithRetryAfterAndSaysTheOutcomeMayBeUnknown(string kind)
    {
        Exception lost = kind switch
        {
            "silo" => new SiloUnavailableException("The target silo became unavailable for message"),
            _ => new TimeoutException("Response did not arrive on time"),
        };

        var (http, body, handled) = await HandleAsync(lost);

        Assert.True(handled);
        Assert.Equal(StatusCodes.Status503ServiceUnavailable, http.Response.StatusCode);
        Assert.Equal("2", http.Response.Headers.RetryAfter.ToString());
        Assert.Equal(503, body.GetProperty("status").GetInt32());
        Assert.Contains("may be unknown", body.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TryHandleAsync_NoSiloWithTheRole_Answers503NamingTheRole()
    {
        var (http, body, _) = await HandleAsync(new NoSiloWithRoleException("trainer", "trainer/x", 1));

        Assert.Equal(StatusCodes.Status503ServiceUnavailable, http.Response.StatusCode);
        Assert.Contains("trainer", body.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TryHandleAsync_OtherFailure_IsNotTurnedInto503()
    {
        var (http, _, handled) = await HandleAsync(new InvalidOperationException("a bug"));

        Assert.False(handled);
        Assert.NotEqual(StatusCodes.Status503ServiceUnavailable, http.Response.StatusCode);
    }

    /// <summary>
    /// A host with the API's own middleware order (exception handler, then the read retry) and two routes whose grain call
    /// fails with <paramref name="failure"/> the first <paramref name="failures"/> times: one read, one write.
    /// </summary>
    private static async Task<(WebApplication App, Func<int> Calls)> StartFailingHostAsync(Func<Exception> failure, int failures)
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Services.AddProblemDetails().AddExceptionHandler<ApiExceptionHandler>();
        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseMiddleware<ReadRetryMiddleware>();
        int calls = 0;
        IResult Call() => Interlocked.Increment(ref calls) <= failures ? throw failure() : Results.Ok(new { calls });
        app.MapGet("/api/v1/jobs/{id}", (string id) => Call());
        app.MapPost("/api/v1/jobs", () => Call());
        await app.StartAsync();
        return (app, () => Volatile.Read(ref calls));
    }

    [Fact]
    public async Task InvokeAsync_ReadWhoseSiloWasLostOnce_IsReadAgainAndAnswers200()
    {
        var (app, calls) = await StartFailingHostAsync(() => new SiloUnavailableException("The target silo became unavailable"), failures: 1);
        await using var _ = app;

        using var response = await app.GetTestClient().GetAsync(new Uri("/api/v1/jobs/j", UriKind.Relative));

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, calls());
    }

    [Fact]
    public async Task InvokeAsync_ReadLostTwice_IsTriedOnlyOnceMoreAndAnswers503()
    {
        var (app, calls) = await StartFailingHostAsync(() => new SiloUnavailableException("The target silo became unavailable"), failures: 5);
        await using var _ = app;

        using var response = await app.GetTestClient().GetAsync(new Uri("/api/v1/jobs/j", UriKind.Relative));

        Assert.Equal(System.Net.HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("2", response.Headers.RetryAfter?.ToString());
        Assert.Equal(2, calls());
    }

    [Fact]
    public async Task InvokeAsync_WriteWhoseSiloWasLost_IsNotRepeatedAndAnswers503()
    {
        var (app, calls) = await StartFailingHostAsync(() => new SiloUnavailableException("The target silo became unavailable"), failures: 1);
        await using var _ = app;

        using var response = await app.GetTestClient().PostAsync(new Uri("/api/v1/jobs", UriKind.Relative), null);

        Assert.Equal(System.Net.HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(1, calls());
    }

    [Fact]
    public async Task InvokeAsync_ReadThatTimedOut_IsNotRepeated()
    {
        var (app, calls) = await StartFailingHostAsync(() => new TimeoutException("Response did not arrive on time"), failures: 1);
        await using var _ = app;

        using var response = await app.GetTestClient().GetAsync(new Uri("/api/v1/jobs/j", UriKind.Relative));

        Assert.Equal(System.Net.HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(1, calls());
    }
}
