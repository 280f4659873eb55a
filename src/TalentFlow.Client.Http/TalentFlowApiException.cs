using System.Net;

namespace TalentFlow.Client.Http;

/// <summary>
/// The API answered with an error status. The subclasses say which kind of mistake (<see cref="TalentFlowValidationException"/>,
/// <see cref="TalentFlowNotFoundException"/>, ...); any other status (a 5xx, or a 4xx without its own class) is this type itself.
/// </summary>
public class TalentFlowApiException : Exception
{
    /// <summary>Creates the exception for a status and the problem the server sent with it.</summary>
    /// <param name="statusCode">The HTTP status.</param>
    /// <param name="problem">The problem body, or null when the body was not a problem.</param>
    /// <param name="detail">What went wrong: the problem's detail, or the start of a non-problem body.</param>
    /// <param name="retryAfter">The server's <c>Retry-After</c>, when it sent one.</param>
    public TalentFlowApiException(HttpStatusCode statusCode, TalentFlowProblem? problem, string? detail = null, TimeSpan? retryAfter = null)
        : base(MessageOf(statusCode, problem?.Title, detail ?? problem?.Detail))
    {
        StatusCode = statusCode;
        Problem = problem;
        Detail = detail ?? problem?.Detail;
        RetryAfter = retryAfter;
    }

    /// <summary>The HTTP status.</summary>
    public HttpStatusCode StatusCode { get; }

    /// <summary>The problem's title (the kind of mistake), when the body was a problem.</summary>
    public string? Title => Problem?.Title;

    /// <summary>What went wrong this time: the problem's detail, or the start of a non-problem body.</summary>
    public string? Detail { get; }

    /// <summary>The problem's type URI, when the body was a problem.</summary>
    public string? Type => Problem?.Type;

    /// <summary>The problem as the server sent it, or null when the body was not a problem.</summary>
    public TalentFlowProblem? Problem { get; }

    /// <summary>How long the server asked the caller to wait (<c>Retry-After</c>), when it said.</summary>
    public TimeSpan? RetryAfter { get; }

    private static string MessageOf(HttpStatusCode status, string? title, string? detail)
    {
        string head = $"The TalentFlow API answered {(int)status} {title ?? status.ToString()}";
        return string.IsNullOrWhiteSpace(detail) ? head + "." : $"{head}: {detail}";
    }
}
