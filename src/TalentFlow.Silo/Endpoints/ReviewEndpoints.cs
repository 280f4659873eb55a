using System.Security.Claims;
using Orleans;
using TalentFlow.Contracts.Review;
using TalentFlow.Grains.Jobs;
using TalentFlow.ML.Review;
using TalentFlow.Silo.Security;

namespace TalentFlow.Silo.Endpoints;

/// <summary>
/// The review workflow: the queue of results to review next (<see cref="ApiPolicies.Feedback"/>), the per-job overlap setting
/// (read: <see cref="ApiPolicies.Read"/>, change: <see cref="ApiPolicies.Upload"/>), agreement per job and per reviewer
/// (<see cref="ApiPolicies.Read"/>), and adjudication of disputed results (<see cref="ApiPolicies.Adjudicate"/>).
/// </summary>
internal static class ReviewEndpoints
{
    public static IEndpointRouteBuilder MapReviewEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1");
        api.MapGet("/review/queue", async (string? job_id, string? strategy, string? limit, string? reviewer, ClaimsPrincipal user, IGrainFactory grains, CancellationToken ct) =>
        {
            string jobId = RequireJob(job_id);
            // Checked here too, so that a bad request is a 400 before the job is looked up.
            if (ReviewStrategies.Parse(strategy ?? "uncertainty") is null)
            {
                throw new ArgumentException($"strategy must be one of {string.Join(", ", ReviewStrategies.Names)}, not '{strategy}'.");
            }
            int take = 10;
            if (limit is not null && (!int.TryParse(limit, out take) || take < 1)) throw new ArgumentException($"limit must be a positive whole number, not '{limit}'.");
            if (!await JobExistsAsync(grains, jobId, ct)) return ApiProblems.NotFound($"Job '{jobId}'");
            var queue = await grains.GetGrain<IJobReviewGrain>(jobId).GetReviewQueueAsync(strategy ?? "uncertainty", take, EffectiveReviewer(reviewer, user), ct);
            return Results.Ok(queue);
        }).RequireAuthorization(ApiPolicies.Feedback).Produces<ReviewQueue>().ProducesProblems(400, 404, 503);

        api.MapGet("/jobs/{jobId}/review-settings", async (string jobId, IGrainFactory grains, CancellationToken ct) =>
            await JobExistsAsync(grains, ApiProblems.CheckId(jobId, "job")!, ct)
                ? Results.Ok(await grains.GetGrain<IJobReviewGrain>(jobId).GetReviewSettingsAsync(ct))
                : ApiProblems.NotFound($"Job '{jobId}'"))
            .RequireAuthorization(ApiPolicies.Read).Produces<ReviewSettings>().ProducesProblems(400, 404, 503);
        api.MapPut("/jobs/{jobId}/review-settings", async (string jobId, ReviewSettingsRequest request, IGrainFactory grains, CancellationToken ct) =>
            await JobExistsAsync(grains, ApiProblems.CheckId(jobId, "job")!, ct)
                ? Results.Ok(await grains.GetGrain<IJobReviewGrain>(jobId).SetReviewSettingsAsync(request.Overlap, ct))
                : ApiProblems.NotFound($"Job '{jobId}'"))
            .RequireAuthorization(ApiPolicies.Upload).Produces<ReviewSettings>().ProducesProblems(400, 404, 415, 503);

        api.MapGet("/jobs/{jobId}/agreement", async (string jobId, IGrainFactory grains, CancellationToken ct) =>
            await JobExistsAsync(grains, ApiProblems.CheckId(jobId, "job")!, ct)
                ? Results.Ok(await grains.GetGrain<IJobReviewGrain>(jobId).GetAgreementAsync(ct))
                : ApiProblems.NotFound($"Job '{jobId}'"))
            .RequireAuthorization(ApiPolicies.Read).Produces<JobAgreement>().ProducesProblems(400, 404, 503);
        api.MapGet("/reviewers/{reviewer}/agreement", async (string reviewer, IGrainFactory grains, CancellationToken ct) =>
        {
            if (string.IsNullOrWhiteSpace(reviewer) || reviewer.Length > 200) throw new ArgumentException("The reviewer name must be 1–200 characters.");
            var report = await ReviewerAgreementReports.ForAsync(grains, reviewer.Trim(), ct);
            return report is null ? ApiProblems.NotFound($"A reviewer '{reviewer}' with verdicts") : Results.Ok(report);
        }).RequireAuthorization(ApiPolicies.Read).Produces<ReviewerAgreementReport>().ProducesProblems(400, 404, 503);

        api.MapGet("/review/adjudications", async (string? job_id, IGrainFactory grains, CancellationToken ct) =>
        {
            string jobId = RequireJob(job_id);
            return await JobExistsAsync(grains, jobId, ct)
                ? Results.Ok(await grains.GetGrain<IJobReviewGrain>(jobId).GetAdjudicationsAsync(ct))
                : ApiProblems.NotFound($"Job '{jobId}'");
        }).RequireAuthorization(ApiPolicies.Adjudicate).Produces<IReadOnlyList<AdjudicationCase>>().ProducesProblems(400, 404, 503);
        api.MapPost("/review/adjudications/{jobId}/{candidateId}", async (string jobId, string candidateId, AdjudicationRequest request, ClaimsPrincipal user,
            IGrainFactory grains, CancellationToken ct) =>
        {
            ApiProblems.CheckId(jobId, "job");
            ApiProblems.CheckId(candidateId, "candidate");
            Adjudication.Validate(request.Label?.Trim().ToLowerInvariant(), request.Reason);
            if (!await JobExistsAsync(grains, jobId, ct)) return ApiProblems.NotFound($"Job '{jobId}'");
            try
            {
                var decided = await grains.GetGrain<IJobReviewGrain>(jobId).AdjudicateAsync(candidateId, request.Label!.Trim().ToLowerInvariant(), request.Reason!,
                    user.Identity?.Name ?? "unknown", ct);
                return Results.Ok(decided);
            }
            catch (ReviewConflictException e)
            {
                return Results.Problem(e.Message, statusCode: StatusCodes.Status409Conflict, title: "Conflict");
            }
        }).RequireAuthorization(ApiPolicies.Adjudicate).Produces<AdjudicationCase>().ProducesProblems(400, 404, 409, 415, 503);
        return app;
    }

    /// <summary>
    /// Who is reviewing: the name given, else the caller's key name when the caller is a reviewer (the same rule as
    /// <c>POST /api/v1/feedback/submit</c>), else nobody (an admin browsing the queue).
    /// </summary>
    internal static string? EffectiveReviewer(string? given, ClaimsPrincipal user) =>
        !string.IsNullOrWhiteSpace(given) ? given.Trim() : user.IsInRole(ApiRoles.Reviewer) ? user.Identity?.Name : null;

    private static string RequireJob(string? jobId) =>
        ApiProblems.CheckId(string.IsNullOrWhiteSpace(jobId) ? throw new ArgumentException("job_id is required.") : jobId, "job", "job_id")!;

    private static async Task<bool> JobExistsAsync(IGrainFactory grains, string jobId, CancellationToken ct) =>
        await grains.GetGrain<IJobGrain>(jobId).GetAsync(ct) is not null;

    /// <summary><c>PUT /api/v1/jobs/{job_id}/review-settings</c>: null overlap returns to the default.</summary>
    internal sealed record ReviewSettingsRequest(int? Overlap);

    /// <summary><c>POST /api/v1/review/adjudications/{job_id}/{candidate_id}</c>.</summary>
    internal sealed record AdjudicationRequest(string? Label, string? Reason);
}
