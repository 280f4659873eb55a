using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;
using TalentFlow.Contracts.Training.Registry;

namespace TalentFlow.Silo.Webhooks;

/// <summary>
/// Delivers queued registry events to every configured receiver: a JSON POST of the event, signed
/// (<see cref="WebhookSignature"/>), retried with exponential backoff after a network error, a timeout, a 408, a 429 or a 5xx,
/// up to <see cref="WebhookOptions.MaxAttempts"/>; other 4xx answers are final. Receivers are served concurrently.
/// </summary>
internal sealed partial class WebhookDispatcher(
    WebhookQueue queue, IHttpClientFactory clients, IOptions<WebhookOptions> options, TimeProvider time, ILogger<WebhookDispatcher> logger) : BackgroundService
{
    /// <summary>The named <see cref="HttpClient"/> deliveries use.</summary>
    public const string ClientName = "talentflow-webhooks";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var e in queue.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
            {
                byte[] body = JsonSerializer.SerializeToUtf8Bytes(e, WebhookJsonContext.Default.RegistryEvent);
                await Task.WhenAll(options.Value.Endpoints.Select(endpoint => DeliverAsync(endpoint, e, body, stoppingToken))).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: what is still queued stays in the registry's history.
        }
    }

    /// <summary>One event to one receiver, with retries; true when the receiver took it.</summary>
    internal async Task<bool> DeliverAsync(WebhookEndpoint endpoint, RegistryEvent e, byte[] body, CancellationToken cancellationToken)
    {
        var o = options.Value;
        string signature = WebhookSignature.Sign(body, endpoint.Secret!);
        var client = clients.CreateClient(ClientName);
        for (int attempt = 1; ; attempt++)
        {
            string outcome;
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, endpoint.Url);
                request.Content = new ByteArrayContent(body);
                request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
                request.Headers.Add(WebhookSignature.SignatureHeader, signature);
                request.Headers.Add(WebhookSignature.TimestampHeader, time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
                request.Headers.Add(WebhookSignature.EventIdHeader, e.Id);
                request.Headers.Add(WebhookSignature.EventKindHeader, e.Kind);
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(o.RequestTimeout);
                using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
                if (response.IsSuccessStatusCode)
                {
                    Delivered(logger, e.Id, e.Kind, endpoint.Url!, attempt);
                    return true;
                }
                int status = (int)response.StatusCode;
                outcome = $"HTTP {status}";
                if (status < 500 && response.StatusCode is not (HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests))
                {
                    Rejected(logger, e.Id, endpoint.Url!, status);
                    return false;
                }
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested && ex is HttpRequestException or OperationCanceledException)
            {
                outcome = ex is OperationCanceledException ? $"no answer within {o.RequestTimeout}" : ex.Message;
            }
            if (attempt >= o.MaxAttempts)
            {
                GaveUp(logger, e.Id, endpoint.Url!, attempt, outcome);
                return false;
            }
            var delay = o.InitialBackoff * Math.Pow(2, attempt - 1);
            Retrying(logger, e.Id, endpoint.Url!, attempt, outcome, delay);
            await Task.Delay(delay, time, cancellationToken).ConfigureAwait(false);
        }
    }

    [LoggerMessage(3302, LogLevel.Information, "Registry event {EventId} ({Kind}) delivered to {Url} (attempt {Attempt}).")]
    private static partial void Delivered(ILogger logger, string eventId, string kind, string url, int attempt);

    [LoggerMessage(3303, LogLevel.Warning, "Registry event {EventId} to {Url}: attempt {Attempt} failed ({Outcome}); retrying in {Delay}.")]
    private static partial void Retrying(ILogger logger, string eventId, string url, int attempt, string outcome, TimeSpan delay);

    [LoggerMessage(3304, LogLevel.Error, "Registry event {EventId} to {Url}: gave up after {Attempts} attempts ({Outcome}).")]
    private static partial void GaveUp(ILogger logger, string eventId, string url, int attempts, string outcome);

    [LoggerMessage(3305, LogLevel.Error, "Registry event {EventId} to {Url}: refused with HTTP {Status}; not retried.")]
    private static partial void Rejected(ILogger logger, string eventId, string url, int status);
}

/// <summary>The webhook body: the event in the API's snake_case.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(RegistryEvent))]
internal sealed partial class WebhookJsonContext : JsonSerializerContext;
