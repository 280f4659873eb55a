using System.Net;

namespace TalentFlow.Client.Http;

/// <summary>The API answered 401 Unauthorized: no key or token was sent, or the server does not know it.</summary>
public sealed class TalentFlowAuthenticationException : TalentFlowApiException
{
    /// <inheritdoc cref="TalentFlowApiException(HttpStatusCode, TalentFlowProblem?, string?, TimeSpan?)"/>
    public TalentFlowAuthenticationException(HttpStatusCode statusCode, TalentFlowProblem? problem, string? detail = null, TimeSpan? retryAfter = null)
        : base(statusCode, problem, detail, retryAfter)
    {
    }
}
