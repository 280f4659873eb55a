using System.Diagnostics;
using TalentFlow.Client.Http;

namespace TalentFlow.Client.Tests;

/// <summary>A call that does not answer: the caller's cancellation and the client's timeout, told apart.</summary>
public sealed class CancellationTests
{
    private static ClientScope CreateClient(Uri baseAddress, TimeSpan timeout) => ClientScope.Create(baseAddress, o =>
    {
        o.ApiKey = "any-key-0123456789abcdef";
        o.Timeout = timeout;
    });

    [Fact]
    public async Task GetJob_CallerCancels_ThrowsOperationCanceledPromptly()
    {
        await using var server = await TransientServer.StartAsync(failures: 0);
        using var scope = CreateClient(server.BaseAddress, TimeSpan.FromMinutes(1));
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        var clock = Stopwatch.StartNew();

        var ex = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => scope.Client.GetJobAsync("slow", cancel.Token));

        Assert.Equal(cancel.Token, ex.CancellationToken);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task GetJob_AlreadyCancelled_ThrowsWithoutSending()
    {
        await using var server = await TransientServer.StartAsync(failures: 0);
        using var scope = CreateClient(server.BaseAddress, TimeSpan.FromMinutes(1));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => scope.Client.GetJobAsync("job-1", new CancellationToken(canceled: true)));

        Assert.Equal(0, server.Requests);
    }

    [Fact]
    public async Task GetJob_NoAnswerWithinTimeout_ThrowsTimeoutException()
    {
        await using var server = await TransientServer.StartAsync(failures: 0);
        using var scope = CreateClient(server.BaseAddress, TimeSpan.FromMilliseconds(300));

        var ex = await Assert.ThrowsAsync<TimeoutException>(() => scope.Client.GetJobAsync("slow"));

        Assert.Contains("api/v1/jobs/slow", ex.Message, StringComparison.Ordinal);
        Assert.IsAssignableFrom<OperationCanceledException>(ex.InnerException);
    }

    [Fact]
    public async Task GetJob_TimeoutCoversRetries_ThrowsTimeoutInsteadOfWaitingForEveryRetry()
    {
        await using var server = await TransientServer.StartAsync(failures: 10, retryAfter: "2");
        using var scope = ClientScope.Create(server.BaseAddress, o =>
        {
            o.ApiKey = "any-key-0123456789abcdef";
            o.Timeout = TimeSpan.FromMilliseconds(500);
            o.MaxRetries = 5;
        });

        await Assert.ThrowsAsync<TimeoutException>(() => scope.Client.GetJobAsync("job-1"));

        // No retry was sent (the first answer asks for 2 s, the timeout is 0.5 s); on a loaded machine the timeout can even
        // fire before the first request is counted, so 0 is allowed.
        Assert.InRange(server.Requests, 0, 1);
    }
}
