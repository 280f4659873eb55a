using System.Net;

namespace TalentFlow.Client.Http;

/// <summary>The API answered 400, 413, 415 or 422: the request is malformed, too large, of an unsupported type or invalid.</summary>
public sealed class TalentFlowValidationException : TalentFlowApiException
{
    /// <inheritdoc cref="TalentFlowApiException(HttpStatusCode, TalentFlowProblem?, string?, TimeSpan?)"/>
    public TalentFlowValidationException(HttpStatusCode statusCode, TalentFlowProblem? problem, string? detail = null, TimeSpan? retryAfter = null)
        : base(statusCode, problem, detail, retryAfter)
    {
    }
}
