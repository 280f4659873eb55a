using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace TalentFlow.Client.Http.Internal;

/// <summary>
/// Tries idempotent requests (GET, HEAD, OPTIONS, PUT, DELETE) again after a transient failure — the connection refused,
/// reset or ended early; 408, 429, 502, 503, 504 — with exponential backoff and jitter, or after the server's
/// <c>Retry-After</c> when it is within <see cref="TalentFlowClientOptions.MaxRetryDelay"/>. POST is never retried: the
/// server may have acted on it. A handler rather than a loop in the client, so every attempt goes through the same
/// pipeline (credentials asked again, handlers the application adds see each attempt) and any request sent with this
/// <see cref="HttpClient"/> gets the same rules.
/// </summary>
internal sealed partial class RetryHandler(IOptions<TalentFlowClientOptions> options, TimeProvider time, ILogger<RetryHandler> logger) : DelegatingHandler
{
    /// <summary>Set on a request that must be answered now, never retried (health probes).</summary>
    public static readonly HttpRequestOptionsKey<bool> NoRetry = new("TalentFlow.NoRetry");

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!IsIdempotent(request.Method) || (request.Options.TryGetValue(NoRetry, out bool noRetry) && noRetry) || settings.MaxRetries == 0)
        {
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        for (int attempt = 0; ; attempt++)
        {
            HttpResponseMessage response;
            try
            {
                response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            }
            catch (HttpRequestException ex) when (attempt < settings.MaxRetries && IsTransient(ex) && !cancellationToken.IsCancellationRequested)
            {
                await WaitAsync(request, attempt, null, ex.HttpRequestError.ToString(), settings, cancellationToken).ConfigureAwait(false);
                continue;
            }
            if (attempt >= settings.MaxRetries || !IsTransient(response.StatusCode)) return response;
            var retryAfter = ProblemReader.RetryAfterOf(response, time);
            if (retryAfter > settings.MaxRetryDelay)
            {
                Log.RetryAfterTooLong(logger, request.Method, request.RequestUri?.AbsolutePath, (int)response.StatusCode, retryAfter.Value, settings.MaxRetryDelay);
                return response;
            }
            int status = (int)response.StatusCode;
            response.Dispose();
            await WaitAsync(request, attempt, retryAfter, status.ToString(System.Globalization.CultureInfo.InvariantCulture), settings, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task WaitAsync(HttpRequestMessage request, int attempt, TimeSpan? retryAfter, string reason, TalentFlowClientOptions settings, CancellationToken cancellationToken)
    {
        var delay = retryAfter ?? Backoff(attempt, settings.RetryBaseDelay, settings.MaxRetryDelay, Random.Shared.NextDouble());
        Log.Retrying(logger, request.Method, request.RequestUri?.AbsolutePath, attempt + 1, settings.MaxRetries, delay, reason);
        if (delay > TimeSpan.Zero) await Task.Delay(delay, time, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>base · 2^attempt, then "equal jitter": half of it fixed, the other half random, so clients that failed together spread out.</summary>
    internal static TimeSpan Backoff(int attempt, TimeSpan baseDelay, TimeSpan maxDelay, double random)
    {
        double exponential = Math.Min(baseDelay.TotalMilliseconds * Math.Pow(2, attempt), maxDelay.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(exponential / 2 + random * exponential / 2);
    }

    private static bool IsIdempotent(HttpMethod method) =>
        method == HttpMethod.Get || method == HttpMethod.Head || method == HttpMethod.Options || method == HttpMethod.Put || method == HttpMethod.Delete;

    private static bool IsTransient(HttpStatusCode status) => status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests
        or HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout;

    private static bool IsTransient(HttpRequestException ex) =>
        ex.HttpRequestError is HttpRequestError.ConnectionError or HttpRequestError.ResponseEnded
        || ex.InnerException is SocketException { SocketErrorCode: SocketError.ConnectionRefused or SocketError.ConnectionReset or SocketError.ConnectionAborted }
        || ex.InnerException is IOException { InnerException: SocketException { SocketErrorCode: SocketError.ConnectionReset or SocketError.ConnectionAborted } };

    private static partial class Log
    {
        [LoggerMessage(3100, LogLevel.Warning, "TalentFlow API {Method} {Path}: transient failure ({Reason}); retry {Attempt} of {MaxRetries} in {Delay}")]
        public static partial void Retrying(ILogger logger, HttpMethod method, string? path, int attempt, int maxRetries, TimeSpan delay, string reason);

        [LoggerMessage(3101, LogLevel.Warning, "TalentFlow API {Method} {Path} answered {Status} with Retry-After {RetryAfter}, over the {MaxRetryDelay} cap; not retried")]
        public static partial void RetryAfterTooLong(ILogger logger, HttpMethod method, string? path, int status, TimeSpan retryAfter, TimeSpan maxRetryDelay);
    }
}
