using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using TalentFlow.Runtime.Invocation;
using TalentFlow.Runtime.Membership;

namespace TalentFlow.Runtime.Messaging;

/// <summary>
/// Sends calls to other silos over HTTP/2 cleartext on persistent connections. At most once: a call is never sent again
/// blindly; only a "not owner" refusal (the call did not run) is retried, by the router.
/// </summary>
internal sealed class RemoteGrainInvoker : IDisposable
{
    private readonly HttpClient _http;
    private readonly JsonSerializerOptions _json;
    private readonly TimeSpan _timeout;
    private readonly int _maxMessageSize;
    private readonly TimeProvider _time;
    // Parsing a Uri per call showed in traces; silos are few, so their call URIs are kept.
    private readonly ConcurrentDictionary<string, Uri> _callUris = new(StringComparer.Ordinal);

    public RemoteGrainInvoker(JsonSerializerOptions json, TimeSpan timeout, int maxMessageSize, TimeProvider time)
    {
        _json = json;
        _timeout = timeout;
        _maxMessageSize = maxMessageSize;
        _time = time;
        _http = CreateHttpClient();
    }

    public HttpClient Http => _http;

    public static HttpClient CreateHttpClient() => new(new SocketsHttpHandler
    {
        EnableMultipleHttp2Connections = true,
        ConnectTimeout = TimeSpan.FromSeconds(5),
        PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
        KeepAlivePingDelay = TimeSpan.FromSeconds(30),
        KeepAlivePingTimeout = TimeSpan.FromSeconds(10),
        UseProxy = false,
        AutomaticDecompression = DecompressionMethods.None,
    })
    {
        DefaultRequestVersion = HttpVersion.Version20,
        DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        Timeout = Timeout.InfiniteTimeSpan,
    };

    public async ValueTask<T> InvokeAsync<T>(SiloAddress target, GrainReference reference, GrainRequest<T> request, long viewVersion, int hops)
    {
        var body = new ArrayBufferWriter<byte>(256);
        WireProtocol.WriteCall(body, reference.GrainId, request, target, viewVersion, hops, _json);
        if (body.WrittenCount > _maxMessageSize)
        {
            throw new GrainMessageException($"The call {request} is {body.WrittenCount} bytes, over the {_maxMessageSize}-byte message limit.") { IsTooLarge = true };
        }
        using var message = new HttpRequestMessage(HttpMethod.Post, CallUri(target.Endpoint))
        {
            Content = new ReadOnlyMemoryContent(body.WrittenMemory),
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        using var timeout = new CancellationTokenSource(_timeout, _time);
        // Most calls carry no token of their own: one source then does, and the linked one is not allocated.
        using var linked = request.CancellationToken.CanBeCanceled
            ? CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, request.CancellationToken)
            : null;
        var token = linked?.Token ?? timeout.Token;
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            throw new GrainCallTimeoutException($"The call {request} to {reference.GrainId} on {target} timed out after {_timeout.TotalSeconds:0.###} s.");
        }
        catch (HttpRequestException ex)
        {
            throw new SiloUnavailableException($"Silo {target} is unreachable for {request}: {ex.Message}", ex);
        }
        using (response)
        {
            byte[] payload;
            try
            {
                if (response.Content.Headers.ContentLength > _maxMessageSize)
                {
                    throw new GrainMessageException($"The response to {request} is over the {_maxMessageSize}-byte message limit.") { IsTooLarge = true };
                }
                payload = await response.Content.ReadAsByteArrayAsync(token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested)
            {
                throw new GrainCallTimeoutException($"The call {request} to {reference.GrainId} on {target} timed out after {_timeout.TotalSeconds:0.###} s.");
            }
            catch (HttpRequestException ex)
            {
                throw new SiloUnavailableException($"Silo {target} went away during {request}: {ex.Message}", ex);
            }
            if (response.StatusCode == HttpStatusCode.OK)
            {
                if (typeof(T) == typeof(VoidResult)) return default!;
                return JsonSerializer.Deserialize(payload, GrainJson.TypeInfo<T>(_json))!;
            }
            var error = ReadError(payload, response.StatusCode);
            if (error.Kind == WireError.NotOwner) throw new NotOwnerException(error.View ?? -1);
            throw WireProtocol.ToException(error);
        }
    }

    private Uri CallUri(string endpoint) =>
        _callUris.TryGetValue(endpoint, out var uri)
            ? uri
            : _callUris.GetOrAdd(endpoint, static e => new Uri(string.Concat("http://", e, WireProtocol.CallPath)));

    private static WireError ReadError(byte[] payload, HttpStatusCode status)
    {
        try
        {
            var error = JsonSerializer.Deserialize(payload, RuntimeJsonContext.Default.WireError);
            if (error is not null) return error;
        }
        catch (JsonException)
        {
            // Not one of ours (a proxy, an old silo): described below.
        }
        return new WireError(
            status == HttpStatusCode.RequestEntityTooLarge ? WireError.TooLarge : WireError.Unavailable,
            typeof(SiloUnavailableException).FullName!,
            $"The silo answered HTTP {(int)status}: {System.Text.Encoding.UTF8.GetString(payload.AsSpan(0, Math.Min(payload.Length, 300)))}", null, null);
    }

    public void Dispose() => _http.Dispose();
}
