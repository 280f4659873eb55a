using Orleans;
using TalentFlow.Grains.Jobs;
using TalentFlow.Silo.Endpoints;
using TalentFlow.Silo.Security;

namespace TalentFlow.Silo.Dashboard;

/// <summary>
/// A job's screening scores in ten buckets of 0.1 (the last one holds 1.0), for the dashboard's histogram; admin only,
/// like the rest of the dashboard's data. Counts only: no names or other personal data.
/// </summary>
internal static class ScoreHistogramEndpoint
{
    public const int Buckets = 10;

    public static IEndpointRouteBuilder MapScoreHistogram(this IEndpointRouteBuilder app)
    {
        app.MapPanelData("/jobs/{jobId}/score-histogram", async (string jobId, IGrainFactory grains, CancellationToken ct) =>
        {
            var job = grains.GetGrain<IJobGrain>(ApiProblems.CheckId(jobId, "job")!);
            if (await job.GetAsync(ct) is null) return ApiProblems.NotFound($"Job '{jobId}'");
            var results = await job.GetScreeningResultsAsync(ct);
            var counts = new int[Buckets];
            foreach (var result in results) counts[Math.Clamp((int)(result.Score * Buckets), 0, Buckets - 1)]++;
            return Results.Ok(new ScoreHistogram(jobId, counts, results.Count,
                results.Count(r => r.Decision == "SHORTLIST"), results.Count(r => r.HumanReviewed)));
        }).Produces<ScoreHistogram>().ProducesProblems(400, 404, 503);
        return app;
    }

    /// <summary>Bucket <c>i</c> counts scores in [i/10, (i+1)/10), the last also 1.0.</summary>
    internal sealed record ScoreHistogram(string JobId, IReadOnlyList<int> Buckets, int Total, int Shortlisted, int Reviewed);
}
