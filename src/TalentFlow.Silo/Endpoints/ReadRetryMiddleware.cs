namespace TalentFlow.Silo.Endpoints;

/// <summary>
/// Runs a read of the API once more when the silo that held its grain was lost during the call. A GET changes nothing, so a
/// second try is safe, and by then the grain is placed on a live silo: the caller gets its answer instead of a 503. Writes
/// are never repeated here (their outcome may be unknown; <see cref="ApiExceptionHandler"/> says so with a 503), nor is a
/// read that timed out (a second wait would double the caller's), nor one whose response has started.
/// </summary>
internal sealed partial class ReadRetryMiddleware(RequestDelegate next, ILogger<ReadRetryMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (!IsRetriedRead(context.Request))
        {
            await next(context).ConfigureAwait(false);
            return;
        }
        try
        {
            await next(context).ConfigureAwait(false);
        }
        catch (Exception ex) when (IsSiloLost(ex) && !context.Response.HasStarted && !context.RequestAborted.IsCancellationRequested)
        {
            RetryingRead(logger, context.Request.Path, ex.GetType().Name);
            context.Response.Clear();
            await next(context).ConfigureAwait(false);
        }
    }

    private static bool IsRetriedRead(HttpRequest request) =>
        (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
        && ApiPaths.IsApi(request.Path);

    /// <summary>The call's silo died or refused it; not a timeout (which may still be running) nor a missing role.</summary>
    internal static bool IsSiloLost(Exception exception) =>
        exception is Orleans.Runtime.SiloUnavailableException or Orleans.Runtime.OrleansMessageRejectionException;

    [LoggerMessage(3200, LogLevel.Warning, "GET {Path}: a silo was lost during the call ({Exception}); reading once more.")]
    private static partial void RetryingRead(ILogger logger, PathString path, string exception);
}
