using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Options;
using TalentFlow.Client.Http.Internal;

namespace TalentFlow.Client.Http;

/// <summary>
/// The typed client of the TalentFlow HTTP API, for frontends and scripts: one method per route, bodies in the API's
/// snake_case JSON (source-generated). Register it with
/// <see cref="Microsoft.Extensions.DependencyInjection.TalentFlowClientServiceCollectionExtensions.AddTalentFlowClient"/> and inject it; it is a typed
/// <see cref="HttpClient"/> client, so connections are pooled by <c>IHttpClientFactory</c>.
/// </summary>
/// <remarks>
/// Every method throws <see cref="TalentFlowApiException"/> (or the subclass for its status) when the API answers with an
/// error, <see cref="OperationCanceledException"/> when the caller's token is cancelled, <see cref="TimeoutException"/> when
/// <see cref="TalentFlowClientOptions.Timeout"/> passes first, and <see cref="HttpRequestException"/> when the API cannot be
/// reached. Idempotent calls (GET, DELETE) are retried after transient failures; POST calls never are.
/// </remarks>
public sealed partial class TalentFlowHttpClient
{
    private readonly HttpClient _http;
    private readonly TalentFlowClientOptions _options;
    private readonly TimeProvider _time;

    internal TalentFlowHttpClient(HttpClient http, IOptions<TalentFlowClientOptions> options, TimeProvider time)
    {
        _http = http;
        _options = options.Value;
        _time = time;
    }

    private static string Segment(string value, string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(value, name);
        return Uri.EscapeDataString(value);
    }

    private Task<T> GetAsync<T>(string path, JsonTypeInfo<T> result, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Get, path, null, result, cancellationToken);

    private Task<T> PostAsync<TBody, T>(string path, TBody body, JsonTypeInfo<TBody> bodyType, JsonTypeInfo<T> result, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, path, JsonContent.Create(body, bodyType), result, cancellationToken);

    private Task<T> SendAsync<T>(HttpMethod method, string path, HttpContent? content, JsonTypeInfo<T> result, CancellationToken cancellationToken) =>
        SendAsync(method, path, content, configure: null, async (response, ct) =>
            await response.Content.ReadFromJsonAsync(result, ct).ConfigureAwait(false)
            ?? throw new JsonException($"The TalentFlow API answered {method} {path} with an empty body."), cancellationToken);

    /// <summary>
    /// One call: sends (through the retry and credential handlers), maps an error status to its exception, reads the answer;
    /// all of it within <see cref="TalentFlowClientOptions.Timeout"/>.
    /// </summary>
    private async Task<T> SendAsync<T>(
        HttpMethod method,
        string path,
        HttpContent? content,
        Action<HttpRequestMessage>? configure,
        Func<HttpResponseMessage, CancellationToken, Task<T>> read,
        CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var timeout = _options.Timeout == Timeout.InfiniteTimeSpan ? null : new CancellationTokenSource(_options.Timeout, _time);
        using var linked = timeout is null ? null : CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        var token = linked?.Token ?? cancellationToken;
        try
        {
            using var request = new HttpRequestMessage(method, path) { Content = content };
            configure?.Invoke(request);
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw await ProblemReader.ToExceptionAsync(response, _time, token).ConfigureAwait(false);
            }
            return await read(response, token).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (timeout is { IsCancellationRequested: true } && !cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"The TalentFlow API did not answer {method} {path} within {_options.Timeout}.", ex);
        }
        catch (OperationCanceledException ex) when (cancellationToken.IsCancellationRequested && ex.CancellationToken != cancellationToken)
        {
            // Carry the caller's own token, not the linked one, so `ex.CancellationToken == token` holds for the caller.
            throw new OperationCanceledException(ex.Message, ex, cancellationToken);
        }
        finally
        {
            content?.Dispose();
        }
    }
}
