using System.Text.Json;
using Microsoft.AspNetCore.Http;
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
}
