using System.Net;
using System.Text;
using System.Text.Json;

namespace TalentFlow.Client.Http.Internal;

/// <summary>Turns an error response into the typed exception for its status, with the server's problem when it sent one.</summary>
internal static class ProblemReader
{
    /// <summary>The most of a non-problem body kept as <see cref="TalentFlowApiException.Detail"/>.</summary>
    private const int MaxDetailChars = 1024;

    /// <summary>The most of an error body read at all: problems are small; anything longer is not one.</summary>
    private const int MaxBodyBytes = 64 * 1024;

    public static async Task<TalentFlowApiException> ToExceptionAsync(HttpResponseMessage response, TimeProvider time, CancellationToken cancellationToken)
    {
        byte[] body = await ReadCappedAsync(response.Content, cancellationToken).ConfigureAwait(false);
        TalentFlowProblem? problem = null;
        string? detail = null;
        if (body.Length > 0 && IsJson(response.Content.Headers.ContentType?.MediaType))
        {
            try
            {
                problem = JsonSerializer.Deserialize(body, TalentFlowJsonContext.Default.TalentFlowProblem);
            }
            catch (JsonException)
            {
                // Not a problem after all: keep the text as the detail.
            }
        }
        if (problem is null && body.Length > 0)
        {
            string text = Encoding.UTF8.GetString(body).Trim();
            detail = text.Length > MaxDetailChars ? text[..MaxDetailChars] + "…" : text;
        }
        return Create(response.StatusCode, problem, detail, RetryAfterOf(response, time));
    }

    public static TalentFlowApiException Create(HttpStatusCode status, TalentFlowProblem? problem, string? detail, TimeSpan? retryAfter) => (int)status switch
    {
        400 or 413 or 415 or 422 => new TalentFlowValidationException(status, problem, detail, retryAfter),
        401 => new TalentFlowAuthenticationException(status, problem, detail, retryAfter),
        403 => new TalentFlowForbiddenException(status, problem, detail, retryAfter),
        404 => new TalentFlowNotFoundException(status, problem, detail, retryAfter),
        409 => new TalentFlowConflictException(status, problem, detail, retryAfter),
        _ => new TalentFlowApiException(status, problem, detail, retryAfter),
    };

    /// <summary>The server's <c>Retry-After</c> as a wait from now (seconds or a date), or null.</summary>
    public static TimeSpan? RetryAfterOf(HttpResponseMessage response, TimeProvider time)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta) return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        if (header?.Date is { } date)
        {
            var wait = date - time.GetUtcNow();
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }
        return null;
    }

    private static bool IsJson(string? mediaType) =>
        mediaType is not null && (mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase) || mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase));

    private static async Task<byte[]> ReadCappedAsync(HttpContent content, CancellationToken cancellationToken)
    {
        await using var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        using var buffer = new MemoryStream();
        byte[] chunk = new byte[8192];
        int read;
        while (buffer.Length < MaxBodyBytes && (read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            buffer.Write(chunk, 0, (int)Math.Min(read, MaxBodyBytes - buffer.Length));
        }
        return buffer.ToArray();
    }
}
