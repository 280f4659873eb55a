using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;

namespace TalentFlow.Client.Http.Internal;

/// <summary>
/// The client's retry rules as a Polly pipeline behind <c>AddResilienceHandler</c>: idempotent requests (GET, HEAD, OPTIONS,
/// PUT, DELETE) are tried again after a transient failure — the connection refused, reset or ended early; 408, 429, 502,
/// 503, 504 — with Polly's exponential backoff and jitter, or after the server's <c>Retry-After</c> when it is within
/// <see cref="TalentFlowClientOptions.MaxRetryDelay"/>. POST is never retried: the server may have acted on it. A handler
/// rather than a loop in the client, so every attempt goes through the handlers after it (credentials asked again).
/// </summary>
internal static partial class RetryPipeline
{
    /// <summary>The resilience pipeline's name (Polly's telemetry reports it).</summary>
    public const string Name = "TalentFlow";

    /// <summary>Set on a request that must be answered now, never retried (health probes, streamed uploads).</summary>
    public static readonly HttpRequestOptionsKey<bool> NoRetry = new("TalentFlow.NoRetry");

    public static void Configure(ResiliencePipelineBuilder<HttpResponseMessage> builder, ResilienceHandlerContext context)
    {
        var services = context.ServiceProvider;
        var settings = services.GetRequiredService<IOptions<TalentFlowClientOptions>>().Value;
        if (settings.MaxRetries == 0) return;
        var time = services.GetRequiredService<TimeProvider>();
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(RetryPipeline).FullName!);
        builder.AddRetry(new HttpRetryStrategyOptions
        {
            MaxRetryAttempts = settings.MaxRetries,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = settings.RetryBaseDelay,
            MaxDelay = settings.MaxRetryDelay,
            // Retry-After, when given, is the wait; ShouldHandle has already refused one over MaxRetryDelay.
            ShouldRetryAfterHeader = true,
            ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Outcome, args.Context, args.AttemptNumber, settings, time, logger)),
            OnRetry = args =>
            {
                var request = args.Context.GetRequestMessage();
                string reason = args.Outcome.Exception is HttpRequestException ex
                    ? ex.HttpRequestError.ToString()
                    : ((int)args.Outcome.Result!.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
                Log.Retrying(logger, request?.Method, request?.RequestUri?.AbsolutePath, args.AttemptNumber + 1, settings.MaxRetries, args.RetryDelay, reason);
                return ValueTask.CompletedTask;
            },
        });
    }

    private static bool ShouldRetry(Outcome<HttpResponseMessage> outcome, ResilienceContext context, int attempt, TalentFlowClientOptions settings, TimeProvider time, ILogger logger)
    {
        var request = context.GetRequestMessage();
        if (request is null || !IsIdempotent(request.Method) || (request.Options.TryGetValue(NoRetry, out bool noRetry) && noRetry)
            || context.CancellationToken.IsCancellationRequested)
        {
            return false;
        }
        if (outcome.Exception is not null) return outcome.Exception is HttpRequestException ex && IsTransient(ex);
        var response = outcome.Result!;
        if (!IsTransient(response.StatusCode)) return false;
        if (ProblemReader.RetryAfterOf(response, time) is { } retryAfter && retryAfter > settings.MaxRetryDelay)
        {
            // Surfaces as TalentFlowApiException.RetryAfter: the caller decides whether to wait that long.
            if (attempt < settings.MaxRetries)
            {
                Log.RetryAfterTooLong(logger, request.Method, request.RequestUri?.AbsolutePath, (int)response.StatusCode, retryAfter, settings.MaxRetryDelay);
            }
            return false;
        }
        return true;
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
        public static partial void Retrying(ILogger logger, HttpMethod? method, string? path, int attempt, int maxRetries, TimeSpan delay, string reason);

        [LoggerMessage(3101, LogLevel.Warning, "TalentFlow API {Method} {Path} answered {Status} with Retry-After {RetryAfter}, over the {MaxRetryDelay} cap; not retried")]
        public static partial void RetryAfterTooLong(ILogger logger, HttpMethod method, string? path, int status, TimeSpan retryAfter, TimeSpan maxRetryDelay);
    }
}
