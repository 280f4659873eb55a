using System.Net.Http.Headers;
using Microsoft.Extensions.Options;

namespace TalentFlow.Client.Http.Internal;

/// <summary>
/// Puts the credentials on every attempt: the API key in <c>X-Api-Key</c>, or a bearer token asked of the provider each time
/// (inside the retry handler, so a retry after a token expired sends a fresh one). Never logs either.
/// </summary>
internal sealed class AuthenticationHandler(IOptions<TalentFlowClientOptions> options) : DelegatingHandler
{
    public const string ApiKeyHeader = "X-Api-Key";

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        request.Headers.Remove(ApiKeyHeader);
        request.Headers.Authorization = null;
        if (settings.ApiKey is { } key)
        {
            request.Headers.TryAddWithoutValidation(ApiKeyHeader, key);
        }
        else if (settings.BearerTokenProvider is { } provider && await provider(cancellationToken).ConfigureAwait(false) is { Length: > 0 } token)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }
}
