using Orleans;
using TalentFlow.Contracts.Review;
using TalentFlow.Grains.Jobs;
using TalentFlow.Silo.Endpoints;
using TalentFlow.Silo.Security;

namespace TalentFlow.Silo.Dashboard;

/// <summary>
/// The dashboard's review panel: per job in review its queue size, agreement and pending adjudications, and each reviewer's
/// agreement across jobs; admin only, like the rest of the dashboard's data.
/// </summary>
internal static class ReviewPanelEndpoint
{
    /// <summary>Jobs shown at most (ordinal order of their ids).</summary>
    public const int MaxJobs = 50;

    public static IEndpointRouteBuilder MapReviewPanel(this IEndpointRouteBuilder app)
    {
        app.MapPanelData("/review", async (IGrainFactory grains, CancellationToken ct) =>
        {
            var jobIds = await grains.GetGrain<IReviewDirectoryGrain>(IReviewDirectoryGrain.Key).GetJobsAsync(ct);
            var jobs = await Task.WhenAll(jobIds.Take(MaxJobs).Select(id => grains.GetGrain<IJobReviewGrain>(id).GetAgreementAsync(ct)));
            var reviewers = await ReviewerAgreementReports.AllAsync(grains, ct);
            return Results.Ok(new ReviewPanel(jobs.Sum(j => j.Counts.QueueSize), jobs.Sum(j => j.Counts.Disputed), jobIds.Count, jobs, reviewers));
        }).Produces<ReviewPanel>().ProducesProblems(503);
        return app;
    }

    /// <summary>The panel's data.</summary>
    internal sealed record ReviewPanel(int QueueSize, int PendingAdjudications, int JobsInReview, IReadOnlyList<JobAgreement> Jobs, IReadOnlyList<ReviewerAgreement> Reviewers);
}
