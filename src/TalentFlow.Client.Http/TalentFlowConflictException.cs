using System.Net;

namespace TalentFlow.Client.Http;

/// <summary>The API answered 409 Conflict: the request conflicts with the resource's current state.</summary>
public sealed class TalentFlowConflictException : TalentFlowApiException
{
    /// <inheritdoc cref="TalentFlowApiException(HttpStatusCode, TalentFlowProblem?, string?, TimeSpan?)"/>
    public TalentFlowConflictException(HttpStatusCode statusCode, TalentFlowProblem? problem, string? detail = null, TimeSpan? retryAfter = null)
        : base(statusCode, problem, detail, retryAfter)
    {
    }
}
