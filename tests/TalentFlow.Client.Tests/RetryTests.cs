using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.DependencyInjection;
using TalentFlow.Client.Http;

namespace TalentFlow.Client.Tests;

/// <summary>Retries against a real struggling server (<see cref="TransientServer"/>): idempotent calls only, within bounds.</summary>
public sealed class RetryTests
{
    private static ClientScope CreateClient(Uri baseAddress, Action<TalentFlowClientOptions>? configure = null, Action<IHttpClientBuilder>? builder = null) =>
        ClientScope.Create(baseAddress, o =>
        {
            o.ApiKey = "any-key-0123456789abcdef";
            o.RetryBaseDelay = TimeSpan.FromMilliseconds(10);
            configure?.Invoke(o);
        }, builder);

    [Fact]
    public async Task GetJob_TwoTransient503s_RetriesAndReturnsTheJob()
    {
        await using var server = await TransientServer.StartAsync(failures: 2);
        using var scope = CreateClient(server.BaseAddress);

        var job = await scope.Client.GetJobAsync("job-1");

        Assert.Equal("job-1", job.Id);
        Assert.Equal(3, server.Requests);
    }

    [Theory]
    [InlineData(HttpStatusCode.BadGateway)]
    [InlineData(HttpStatusCode.GatewayTimeout)]
    [InlineData(HttpStatusCode.RequestTimeout)]
    [InlineData(HttpStatusCode.TooManyRequests)]
    public async Task GetJob_OneTransientStatus_Retries(HttpStatusCode status)
    {
        await using var server = await TransientServer.StartAsync(failures: 1, (int)status);
        using var scope = CreateClient(server.BaseAddress);

        await scope.Client.GetJobAsync("job-1");

        Assert.Equal(2, server.Requests);
    }

    [Fact]
    public async Task GetJob_MoreFailuresThanRetries_GivesUpAfterMaxRetriesWithThe503()
    {
        await using var server = await TransientServer.StartAsync(failures: 10);
        using var scope = CreateClient(server.BaseAddress, o => o.MaxRetries = 2);

        var ex = await Assert.ThrowsAsync<TalentFlowApiException>(() => scope.Client.GetJobAsync("job-1"));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ex.StatusCode);
        Assert.Equal("Try again soon.", ex.Detail);
        Assert.Equal(3, server.Requests);
    }

    [Fact]
    public async Task CreateJob_Transient503_IsNeverRetried()
    {
        await using var server = await TransientServer.StartAsync(failures: 1);
        using var scope = CreateClient(server.BaseAddress);

        var ex = await Assert.ThrowsAsync<TalentFlowApiException>(() => scope.Client.CreateJobAsync(new CreateJobRequest("t", "d")));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ex.StatusCode);
        Assert.Equal(1, server.Requests);
    }

    [Fact]
    public async Task GetJob_MaxRetriesZero_SendsOnce()
    {
        await using var server = await TransientServer.StartAsync(failures: 1);
        using var scope = CreateClient(server.BaseAddress, o => o.MaxRetries = 0);

        var ex = await Assert.ThrowsAsync<TalentFlowApiException>(() => scope.Client.GetJobAsync("job-1"));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ex.StatusCode);
        Assert.Equal(1, server.Requests);
    }

    [Fact]
    public async Task GetHealth_Transient503_IsNeverRetriedAndReportsNotReady()
    {
        await using var server = await TransientServer.StartAsync(failures: 1);
        using var scope = CreateClient(server.BaseAddress);

        var health = await scope.Client.GetHealthAsync();

        Assert.False(health.IsReady);
        Assert.Equal(1, server.Requests);
    }

    [Fact]
    public async Task GetJob_429WithRetryAfter_WaitsThatLongThenRetries()
    {
        await using var server = await TransientServer.StartAsync(failures: 1, StatusCodes429, retryAfter: "1");
        using var scope = CreateClient(server.BaseAddress);
        var clock = Stopwatch.StartNew();

        await scope.Client.GetJobAsync("job-1");

        Assert.Equal(2, server.Requests);
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(900), $"retried after {clock.Elapsed}");
    }

    [Fact]
    public async Task GetJob_RetryAfterOverTheCap_IsNotRetriedAndSurfacesTheWait()
    {
        await using var server = await TransientServer.StartAsync(failures: 1, StatusCodes429, retryAfter: "120");
        using var scope = CreateClient(server.BaseAddress, o => o.MaxRetryDelay = TimeSpan.FromSeconds(5));

        var ex = await Assert.ThrowsAsync<TalentFlowApiException>(() => scope.Client.GetJobAsync("job-1"));

        Assert.Equal(HttpStatusCode.TooManyRequests, ex.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(120), ex.RetryAfter);
        Assert.Equal(1, server.Requests);
    }

    [Fact]
    public async Task GetJob_ConnectionRefused_RetriesThenThrowsHttpRequestException()
    {
        var attempts = new StrongBox<int>();
        using var scope = CreateClient(new Uri($"http://127.0.0.1:{ClosedPort()}/"), o => o.MaxRetries = 2,
            b => b.AddHttpMessageHandler(() => new CountingHandler(attempts)));

        var ex = await Assert.ThrowsAsync<HttpRequestException>(() => scope.Client.GetJobAsync("job-1"));

        Assert.Equal(HttpRequestError.ConnectionError, ex.HttpRequestError);
        Assert.Equal(3, attempts.Value);
    }

    [Fact]
    public async Task CreateJob_ConnectionRefused_IsNeverRetried()
    {
        var attempts = new StrongBox<int>();
        using var scope = CreateClient(new Uri($"http://127.0.0.1:{ClosedPort()}/"), configure: null,
            b => b.AddHttpMessageHandler(() => new CountingHandler(attempts)));

        await Assert.ThrowsAsync<HttpRequestException>(() => scope.Client.CreateJobAsync(new CreateJobRequest("t", "d")));

        Assert.Equal(1, attempts.Value);
    }

    [Fact]
    public async Task GetJob_PlainText500_ThrowsTheBaseExceptionWithTheBodyAndIsNotRetried()
    {
        await using var server = await TransientServer.StartAsync(failures: 0);
        using var scope = CreateClient(server.BaseAddress);

        var ex = await Assert.ThrowsAsync<TalentFlowApiException>(() => scope.Client.GetJobAsync("plain"));

        Assert.Equal(typeof(TalentFlowApiException), ex.GetType());
        Assert.Equal(HttpStatusCode.InternalServerError, ex.StatusCode);
        Assert.Null(ex.Problem);
        Assert.Equal("boom: the proxy fell over", ex.Detail);
        Assert.Equal(1, server.Requests);
    }

    [Fact]
    public async Task GetJob_409Problem_ThrowsConflictException()
    {
        await using var server = await TransientServer.StartAsync(failures: 0);
        using var scope = CreateClient(server.BaseAddress);

        var ex = await Assert.ThrowsAsync<TalentFlowConflictException>(() => scope.Client.GetJobAsync("conflict"));

        Assert.Equal("The job changed meanwhile.", ex.Detail);
        Assert.Equal("Conflict", ex.Title);
    }

    private const int StatusCodes429 = 429;

    /// <summary>A loopback port nothing listens on: bound, read, released.</summary>
    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
