using System.Net;

namespace TalentFlow.Client.Http;

/// <summary>The API answered 403 Forbidden: the key or token is valid, but its role may not use the route.</summary>
public sealed class TalentFlowForbiddenException : TalentFlowApiException
{
    /// <inheritdoc cref="TalentFlowApiException(HttpStatusCode, TalentFlowProblem?, string?, TimeSpan?)"/>
    public TalentFlowForbiddenException(HttpStatusCode statusCode, TalentFlowProblem? problem, string? detail = null, TimeSpan? retryAfter = null)
        : base(statusCode, problem, detail, retryAfter)
    {
    }
}
