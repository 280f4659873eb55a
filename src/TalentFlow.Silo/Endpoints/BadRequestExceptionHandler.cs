using Microsoft.AspNetCore.Diagnostics;

namespace TalentFlow.Silo.Endpoints;

/// <summary>
/// A request ASP.NET Core could not read (malformed JSON, a body over the limit) is the caller's mistake: answer with its
/// 4xx status as a problem, in every environment (Development rethrows these by default, which would surface as a 500).
/// </summary>
internal sealed class BadRequestExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException bad) return false;
        httpContext.Response.StatusCode = bad.StatusCode;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = { Status = bad.StatusCode, Title = "Invalid request", Detail = bad.InnerException?.Message ?? bad.Message },
        }).ConfigureAwait(false);
    }
}
