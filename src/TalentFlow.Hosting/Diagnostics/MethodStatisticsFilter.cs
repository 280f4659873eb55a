using System.Diagnostics;

namespace TalentFlow.Hosting.Diagnostics;

/// <summary>
/// Times every incoming application grain call on this silo into <see cref="GrainCallStatistics"/> (Orleans' own meters cover
/// the runtime; this gives the per-method table the home-made runtime's <c>/rt/stats</c> had).
/// </summary>
/// <remarks>
/// It sits on every call, so it is written for the call that completes at once (a ping, a cached read): no async state
/// machine, no allocation, one lookup by the request's type and a few uncontended adds on this core's stripe. Only a call that
/// is still running when the grain returns its task pays for an await (<c>bench calls</c> measures the difference).
/// </remarks>
internal sealed class MethodStatisticsFilter(GrainCallStatistics statistics) : IIncomingGrainCallFilter
{
    public Task Invoke(IIncomingGrainCallContext context)
    {
        var method = statistics.For(context);
        long started = Stopwatch.GetTimestamp();
        Task call;
        try
        {
            call = context.Invoke();
        }
        catch
        {
            method.Record(Stopwatch.GetTimestamp() - started, failed: true);
            throw;
        }

        if (!call.IsCompleted) return RecordWhenDoneAsync(call, method, started);
        method.Record(Stopwatch.GetTimestamp() - started, failed: !call.IsCompletedSuccessfully);
        return call;
    }

    private static async Task RecordWhenDoneAsync(Task call, MethodCallCounters method, long started)
    {
        bool failed = true;
        try
        {
            // Back on the activation's scheduler, as the rest of the filter chain expects.
            await call.ConfigureAwait(true);
            failed = false;
        }
        finally
        {
            method.Record(Stopwatch.GetTimestamp() - started, failed);
        }
    }
}
