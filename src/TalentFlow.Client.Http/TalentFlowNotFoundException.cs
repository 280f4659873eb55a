using System.Net;

namespace TalentFlow.Client.Http;

/// <summary>The API answered 404 Not Found: the job, candidate, screening result, training job or model version does not exist.</summary>
public sealed class TalentFlowNotFoundException : TalentFlowApiException
{
    /// <inheritdoc cref="TalentFlowApiException(HttpStatusCode, TalentFlowProblem?, string?, TimeSpan?)"/>
    public TalentFlowNotFoundException(HttpStatusCode statusCode, TalentFlowProblem? problem, string? detail = null, TimeSpan? retryAfter = null)
        : base(statusCode, problem, detail, retryAfter)
    {
    }
}
