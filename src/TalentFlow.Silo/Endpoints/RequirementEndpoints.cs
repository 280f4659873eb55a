using Orleans;
using TalentFlow.Contracts.Jobs;
using TalentFlow.Grains.Jobs;
using TalentFlow.Silo.Security;

namespace TalentFlow.Silo.Endpoints;

/// <summary>
/// A job's requirements and screening settings: read by every role (<see cref="ApiPolicies.Read"/>), replaced by a recruiter
/// (<see cref="ApiPolicies.Upload"/>). Bad items → 400 (the grain's <see cref="ArgumentException"/>), an unknown job → 404.
/// </summary>
internal static class RequirementEndpoints
{
    public static IEndpointRouteBuilder MapRequirementEndpoints(this IEndpointRouteBuilder app)
    {
        var jobs = app.MapGroup("/api/v1/jobs/{jobId}");
        jobs.MapGet("/requirements", async (string jobId, IGrainFactory grains, CancellationToken ct) =>
            Results.Ok(await Job(grains, jobId).GetRequirementsAsync(ct)))
            .RequireAuthorization(ApiPolicies.Read).Produces<JobRequirements>().ProducesProblems(400, 404, 503);
        jobs.MapPut("/requirements", async (string jobId, SetJobRequirementsRequest? body, IGrainFactory grains, CancellationToken ct) =>
        {
            if (body?.Requirements is not { } requirements) throw new ArgumentException("Send {\"requirements\": [{\"kind\", \"text\", \"weight\"}, …]}.");
            return Results.Ok(await Job(grains, jobId).SetRequirementsAsync(requirements, ct));
        }).RequireAuthorization(ApiPolicies.Upload).Produces<JobRequirements>().ProducesProblems(400, 404, 415, 503);
        jobs.MapGet("/settings", async (string jobId, IGrainFactory grains, CancellationToken ct) =>
            Results.Ok(await Job(grains, jobId).GetSettingsAsync(ct)))
            .RequireAuthorization(ApiPolicies.Read).Produces<JobSettings>().ProducesProblems(400, 404, 503);
        jobs.MapPut("/settings", async (string jobId, SettingsBody? body, IGrainFactory grains, CancellationToken ct) =>
        {
            if (body?.BlindScreening is not { } blind)
            {
                throw new ArgumentException("Send {\"blind_screening\": true|false} and optionally \"shortlist_threshold\" or \"target_shortlist_rate\" in (0, 1).");
            }
            // Validated before the grain is asked, so a bad value is a 400 even for a job that does not exist.
            var settings = new JobSettings(blind, body.ShortlistThreshold, body.TargetShortlistRate);
            settings.Validate();
            return Results.Ok(await Job(grains, jobId).SetSettingsAsync(settings, ct));
        }).RequireAuthorization(ApiPolicies.Upload).Produces<JobSettings>().ProducesProblems(400, 404, 415, 503);
        return app;
    }

    private static IJobRequirementsGrain Job(IGrainFactory grains, string jobId) => grains.GetGrain<IJobRequirementsGrain>(ApiProblems.CheckId(jobId, "job")!);

    /// <summary>
    /// <c>PUT /api/v1/jobs/{id}/settings</c>, replacing the settings: <c>blind_screening</c> is required; an omitted
    /// <c>shortlist_threshold</c> / <c>target_shortlist_rate</c> means the served model's calibrated threshold.
    /// </summary>
    internal sealed record SettingsBody(bool? BlindScreening, double? ShortlistThreshold = null, double? TargetShortlistRate = null);
}
