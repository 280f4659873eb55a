using System.Globalization;
using Orleans;
using TalentFlow.Contracts;
using TalentFlow.Contracts.Candidates;
using TalentFlow.Contracts.Jobs;
using TalentFlow.Contracts.Matching;
using TalentFlow.Grains.Candidates;
using TalentFlow.Grains.Jobs;
using TalentFlow.Silo.Security;

namespace TalentFlow.Silo.Endpoints;

/// <summary>
/// Jobs and candidates: store, read, score one candidate against one job. Storing is a recruiter's (<see cref="ApiPolicies.Upload"/>);
/// reading, scoring and ranking are open to every role (<see cref="ApiPolicies.Read"/>).
/// </summary>
internal static class CatalogEndpoints
{
    public static IEndpointRouteBuilder MapCatalogEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1");

        api.MapPost("/jobs", async (JobRequest request, IGrainFactory grains, CancellationToken ct) =>
        {
            string id = ApiProblems.CheckId(request.Id, "job", "id") ?? "job-" + Guid.NewGuid().ToString("N")[..12];
            var settings = request.BlindScreening is not null || request.ShortlistThreshold is not null || request.TargetShortlistRate is not null
                ? new JobSettings(request.BlindScreening ?? false, request.ShortlistThreshold, request.TargetShortlistRate)
                : null;
            // A bad threshold is a 400 before anything is stored.
            settings?.Validate();
            var profile = await grains.GetGrain<IJobGrain>(id).UpsertAsync(
                new JobPosting(request.Title ?? "", request.Description ?? "", request.RequiredSkills, request.Location, request.Company), ct);
            // Idempotent: a retried create sets the same value again.
            if (settings is not null) await grains.GetGrain<IJobRequirementsGrain>(id).SetSettingsAsync(settings, ct);
            return Results.Created($"/api/v1/jobs/{Uri.EscapeDataString(id)}", profile);
        }).RequireAuthorization(ApiPolicies.Upload).ProducesCreated<JobProfile>().ProducesProblems(400, 415, 503);
        api.MapGet("/jobs/{id}", async (string id, IGrainFactory grains, CancellationToken ct) =>
            await grains.GetGrain<IJobGrain>(ApiProblems.CheckId(id, "job")!).GetAsync(ct) is { } job ? Results.Ok(job) : ApiProblems.NotFound($"Job '{id}'"))
            .RequireAuthorization(ApiPolicies.Read).Produces<JobProfile>().ProducesProblems(400, 404, 503);

        api.MapPost("/candidates", async (CandidateRequest request, IGrainFactory grains, CancellationToken ct) =>
        {
            string id = ApiProblems.CheckId(request.Id, "candidate", "id") ?? "cand-" + Guid.NewGuid().ToString("N")[..12];
            var profile = await grains.GetGrain<ICandidateGrain>(id).UpsertResumeAsync(new CandidateResume(request.Name ?? "", request.Text ?? "", "api"), ct);
            return Results.Created($"/api/v1/candidates/{Uri.EscapeDataString(id)}", profile);
        }).RequireAuthorization(ApiPolicies.Upload).ProducesCreated<CandidateProfile>().ProducesProblems(400, 415, 503);
        api.MapGet("/candidates/{id}", async (string id, IGrainFactory grains, CancellationToken ct) =>
            await grains.GetGrain<ICandidateGrain>(ApiProblems.CheckId(id, "candidate")!).GetProfileAsync(ct) is { } profile
                ? Results.Ok(profile)
                : ApiProblems.NotFound($"Candidate '{id}'"))
            .RequireAuthorization(ApiPolicies.Read).Produces<CandidateProfile>().ProducesProblems(400, 404, 503);

        api.MapGet("/candidates/{id}/history", async (string id, IGrainFactory grains, CancellationToken ct) =>
        {
            var candidate = grains.GetGrain<ICandidateGrain>(ApiProblems.CheckId(id, "candidate")!);
            return await candidate.GetProfileAsync(ct) is null ? ApiProblems.NotFound($"Candidate '{id}'") : Results.Ok(await candidate.GetHistoryAsync(ct));
        }).RequireAuthorization(ApiPolicies.Read).Produces<IReadOnlyList<CandidateInteraction>>().ProducesProblems(400, 404, 503);
        // Deleting personal data is the uploader's (recruiter) or an admin's call, like storing it.
        api.MapDelete("/candidates/{id}", async (string id, IGrainFactory grains, CancellationToken ct) =>
            await grains.GetGrain<ICandidateGrain>(ApiProblems.CheckId(id, "candidate")!).DeleteAsync(ct) ? Results.NoContent() : ApiProblems.NotFound($"Candidate '{id}'"))
            .RequireAuthorization(ApiPolicies.Upload).Produces(StatusCodes.Status204NoContent).ProducesProblems(400, 404, 503);
        api.MapGet("/candidates/{id}/jobs/{jobId}/score", async (string id, string jobId, IGrainFactory grains, CancellationToken ct) =>
            Results.Ok(await grains.GetGrain<ICandidateGrain>(ApiProblems.CheckId(id, "candidate")!).ScoreAgainstJobAsync(ApiProblems.CheckId(jobId, "job")!, ct)))
            .RequireAuthorization(ApiPolicies.Read).Produces<CandidateMatch>().ProducesProblems(400, 404, 503);

        // ?top=10&skills=python,sql&min_years=3&min_score=0.2: filters apply inside every shard, so the top k stays exact.
        api.MapGet("/jobs/{jobId}/candidates", async (string jobId, int? top, string? skills, double? min_years, double? min_score, IGrainFactory grains, CancellationToken ct) =>
        {
            if (top is < 1 or > 1000) throw new ArgumentException("top must be 1–1000.");
            var filter = new CandidateFilter(
                skills?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), min_years, min_score);
            return Results.Ok(await grains.GetGrain<IJobGrain>(ApiProblems.CheckId(jobId, "job")!).RankCandidatesAsync(top ?? 10, filter, ct));
        }).RequireAuthorization(ApiPolicies.Read).Produces<IReadOnlyList<RankedCandidate>>().ProducesProblems(400, 404, 503);
        api.MapGet("/jobs/{jobId}/candidates/{candidateId}/score", async (string jobId, string candidateId, IGrainFactory grains, CancellationToken ct) =>
            Results.Ok(await grains.GetGrain<IJobGrain>(ApiProblems.CheckId(jobId, "job")!)
                .ScoreCandidateAsync(ApiProblems.CheckId(candidateId, "candidate")!, ct)))
            .RequireAuthorization(ApiPolicies.Read).Produces<CandidateMatch>().ProducesProblems(400, 404, 503);

        MapLists(api);
        return app;
    }

    /// <summary><c>POST /api/v1/jobs</c>.</summary>
    internal sealed record JobRequest(string? Title, string? Description, IReadOnlyList<string>? RequiredSkills, string? Location, string? Company, string? Id,
        bool? BlindScreening = null, double? ShortlistThreshold = null, double? TargetShortlistRate = null);

    /// <summary><c>POST /api/v1/candidates</c>: resume text (files go through the screening upload).</summary>
    internal sealed record CandidateRequest(string? Name, string? Text, string? Id);

    /// <summary>
    /// <c>GET /api/v1/jobs</c> and <c>GET /api/v1/candidates</c>: every stored job or candidate in id order, a page at a time
    /// (<see cref="Paging"/>: <c>?limit=</c> 1–500, default 50; <c>?cursor=</c> the previous page's <c>next_cursor</c>). A create
    /// is listed, and a deleted candidate unlisted, before the call answers. Readable by every role, like one job or candidate.
    /// </summary>
    private static void MapLists(RouteGroupBuilder api)
    {
        // Both parameters bind as text, so that a malformed one is a 400 naming it in the caller's terms, not a binding failure.
        api.MapGet("/jobs", async (string? limit, string? cursor, IGrainFactory grains, CancellationToken ct) =>
                TypedResults.Ok(await grains.GetGrain<IJobDirectoryGrain>(IJobDirectoryGrain.Key).ListAsync(LimitOf(limit), CursorOf(cursor), ct)))
            .RequireAuthorization(ApiPolicies.Read)
            .Produces<JobPage>().ProducesProblems(400, 503);
        api.MapGet("/candidates", async (string? limit, string? cursor, IGrainFactory grains, CancellationToken ct) =>
                TypedResults.Ok(await grains.GetGrain<ICandidateDirectoryGrain>(ICandidateDirectoryGrain.Key).ListAsync(LimitOf(limit), CursorOf(cursor), ct)))
            .RequireAuthorization(ApiPolicies.Read)
            .Produces<CandidatePage>().ProducesProblems(400, 503);
    }

    private static int LimitOf(string? limit) =>
        limit is null ? Paging.DefaultLimit
        : int.TryParse(limit, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int value) ? Paging.CheckLimit(value)
        : throw new ArgumentException($"limit must be {Paging.LimitRule}; '{EntityId.Shown(limit)}' was given.");

    /// <summary>The cursor, checked here so that a bad one is refused before any grain is called.</summary>
    private static string? CursorOf(string? cursor)
    {
        _ = Paging.AfterIdOf(cursor);
        return cursor;
    }
}
