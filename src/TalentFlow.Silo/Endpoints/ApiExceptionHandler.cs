using Microsoft.AspNetCore.Diagnostics;
using TalentFlow.Contracts.Training;
using TalentFlow.ML.Documents;

namespace TalentFlow.Silo.Endpoints;

/// <summary>
/// The one place where a caller's mistake becomes an RFC 9457 problem, for every route: a request ASP.NET Core could not
/// read (malformed JSON, a body over the limit) keeps its 4xx status in every environment (Development would rethrow it as
/// a 500); under <c>/api</c>, bad input (<see cref="ArgumentException"/>, also as thrown by a grain on another silo) → 400,
/// an unknown id (<see cref="KeyNotFoundException"/>) → 404, a change to a training job that has ended
/// (<see cref="TrainingJobEndedException"/>, an <see cref="InvalidOperationException"/>) or a registry change that clashes with
/// its state (<see cref="ModelRegistryConflictException"/>) → 409, an unreadable upload
/// (<see cref="DocumentException"/>) by its kind: text that was extracted but is unfit to parse (scanned, empty, garbled,
/// columns out of order) → 422 with a <c>type</c> naming the kind and a <c>detected</c> member (<see cref="DocumentProblems"/>). Other <see cref="InvalidOperationException"/>s are a server's state going
/// wrong (a missing artifact, an encoder mismatch), not a conflict the caller can resolve, so they stay 500s.
/// Anything else stays a 500: a bug, not bad input.
/// </summary>
internal sealed class ApiExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        bool api = ApiPaths.IsApi(httpContext.Request.Path);
        if (api && exception is DocumentException { Quality: not null } unfit)
        {
            httpContext.Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            var details = DocumentProblems.Unprocessable(unfit);
            return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, Exception = exception, ProblemDetails = details })
                .ConfigureAwait(false);
        }

        if (api && ClusterFailure(exception) is { } lost)
        {
            // A silo died or stopped answering mid-call: the caller may try again shortly; a write may or may not have happened.
            httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            httpContext.Response.Headers.RetryAfter = "2";
            return await problems.TryWriteAsync(new ProblemDetailsContext
            {
                HttpContext = httpContext,
                Exception = exception,
                ProblemDetails = { Status = StatusCodes.Status503ServiceUnavailable, Title = "Cluster unavailable", Detail = lost },
            }).ConfigureAwait(false);
        }

        (int Status, string Title, string Detail)? problem = exception switch
        {
            BadHttpRequestException bad => (bad.StatusCode, TitleOf(bad.StatusCode), DetailOf(bad)),
            ArgumentException argument when api => (StatusCodes.Status400BadRequest, "Invalid request", WithoutParameterName(argument)),
            KeyNotFoundException when api => (StatusCodes.Status404NotFound, "Not found", exception.Message),
            TrainingJobEndedException when api => (StatusCodes.Status409Conflict, "Conflict", exception.Message),
            ModelRegistryConflictException when api => (StatusCodes.Status409Conflict, "Conflict", exception.Message),
            DocumentException document when api => DocumentProblems.Refusal(document),
            _ => null,
        };
        if (problem is not { } p) return false;
        httpContext.Response.StatusCode = p.Status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = { Status = p.Status, Title = p.Title, Detail = p.Detail },
        }).ConfigureAwait(false);
    }

    private static string TitleOf(int status) => status switch
    {
        StatusCodes.Status413PayloadTooLarge => ApiProblems.TooLargeTitle,
        StatusCodes.Status415UnsupportedMediaType => ApiProblems.UnsupportedMediaTypeTitle,
        _ => "Invalid request",
    };

    /// <summary>What ASP.NET Core could not read, in the caller's terms: the JSON path and place, not a .NET type name.</summary>
    private static string DetailOf(BadHttpRequestException bad) => bad.InnerException switch
    {
        System.Text.Json.JsonException { Path: { Length: > 0 } path } json =>
            $"The JSON body could not be read at {path} (line {json.LineNumber + 1}, byte {json.BytePositionInLine + 1}): malformed JSON, or a value of the wrong type for that field.",
        System.Text.Json.JsonException => "The body is not valid JSON.",
        _ when bad.StatusCode == StatusCodes.Status413PayloadTooLarge => "The request body is larger than this route accepts.",
        _ => bad.Message,
    };

    /// <summary>
    /// The message without .NET's " (Parameter 'name')" suffix, which names a C# parameter, not a field the caller sent, and
    /// without what .NET appends after it (an out-of-range argument's "Actual value was …" line): our messages already say it.
    /// </summary>
    private static string WithoutParameterName(ArgumentException argument)
    {
        if (argument.ParamName is not { } name) return argument.Message;
        var suffix = argument.Message.IndexOf($" (Parameter '{name}')", StringComparison.Ordinal);
        return suffix < 0 ? argument.Message : argument.Message[..suffix];
    }

    /// <summary>The detail for a call lost with its silo (or timed out), or null for any other exception.</summary>
    internal static string? ClusterFailure(Exception exception) => exception switch
    {
        Orleans.Runtime.SiloUnavailableException or Orleans.Runtime.OrleansMessageRejectionException =>
            "A silo was lost during the call; the outcome may be unknown (a write may or may not have happened). Retry after a few seconds.",
        TimeoutException or Orleans.Runtime.OrleansException { InnerException: TimeoutException } =>
            "The cluster did not answer in time; the outcome may be unknown (a write may or may not have happened). Retry after a few seconds.",
        TalentFlow.Hosting.Placement.NoSiloWithRoleException none => none.Message + " Retry when a silo with that role has joined.",
        _ => null,
    };
}
