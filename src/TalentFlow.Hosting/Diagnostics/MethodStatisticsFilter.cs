using System.Diagnostics;

namespace TalentFlow.Hosting.Diagnostics;

/// <summary>
/// Times every incoming application grain call on this silo into <see cref="GrainCallStatistics"/> (Orleans' own meters cover
/// the runtime; this gives the per-method table the home-made runtime's <c>/rt/stats</c> had).
/// </summary>
internal sealed class MethodStatisticsFilter(GrainCallStatistics statistics) : IIncomingGrainCallFilter
{
    public async Task Invoke(IIncomingGrainCallContext context)
    {
        long started = Stopwatch.GetTimestamp();
        bool failed = true;
        try
        {
            await context.Invoke().ConfigureAwait(true);
            failed = false;
        }
        finally
        {
            statistics.Record(context.InterfaceMethod?.DeclaringType ?? typeof(IGrain), context.MethodName, Stopwatch.GetTimestamp() - started, failed);
        }
    }
}
