using Orleans;
using TalentFlow.Contracts.Users;
using TalentFlow.Grains.Users;
using TalentFlow.Silo.Security;

namespace TalentFlow.Silo.Endpoints;

/// <summary>
/// Job seekers: profile, interactions with jobs, job recommendations. Writing a profile or an interaction is what a
/// front end does on the user's behalf with a recruiter's (or admin's) key (<see cref="ApiPolicies.Upload"/>, as for storing
/// jobs and candidates); reading them and the recommendations is open to every role (<see cref="ApiPolicies.Read"/>).
/// </summary>
internal static class UserEndpoints
{
    public static IEndpointRouteBuilder MapUserEndpoints(this IEndpointRouteBuilder app)
    {
        var users = app.MapGroup("/api/v1/users/{id}");

        users.MapPut("/profile", async (string id, ProfileRequest request, IGrainFactory grains, CancellationToken ct) =>
            Results.Ok(await User(grains, id).SetProfileAsync(
                new UserProfile(request.PositionsOfInterest, request.PastTitles, request.City, request.State), ct)))
            .RequireAuthorization(ApiPolicies.Upload).Produces<UserProfile>().ProducesProblems(400, 415, 503);
        users.MapGet("/profile", async (string id, IGrainFactory grains, CancellationToken ct) =>
            await User(grains, id).GetProfileAsync(ct) is { } profile ? Results.Ok(profile) : ApiProblems.NotFound($"The profile of user '{id}'"))
            .RequireAuthorization(ApiPolicies.Read).Produces<UserProfile>().ProducesProblems(400, 404, 503);

        // 201 when recorded, 200 when the same (job, kind, time) was recorded before: clients may safely send again.
        users.MapPost("/interactions", async (string id, InteractionRequest request, IGrainFactory grains, TimeProvider time, CancellationToken ct) =>
        {
            var interaction = new UserInteraction(ApiProblems.CheckId(request.JobId, "job", "job_id") ?? "", request.Kind ?? "", request.At ?? time.GetUtcNow());
            bool recorded = await User(grains, id).RecordInteractionAsync(interaction, ct);
            var body = new InteractionResult(interaction.JobId, interaction.Kind, interaction.At, recorded);
            return recorded ? Results.Created($"/api/v1/users/{Uri.EscapeDataString(id)}/interactions", body) : Results.Ok(body);
        }).RequireAuthorization(ApiPolicies.Upload).ProducesCreated<InteractionResult>().Produces<InteractionResult>().ProducesProblems(400, 415, 503);
        users.MapGet("/interactions", async (string id, IGrainFactory grains, CancellationToken ct) =>
        {
            var user = User(grains, id);
            return await user.ExistsAsync(ct) ? Results.Ok(await user.GetInteractionsAsync(ct)) : ApiProblems.NotFound($"User '{id}'");
        }).RequireAuthorization(ApiPolicies.Read).Produces<IReadOnlyList<UserInteraction>>().ProducesProblems(400, 404, 503);

        users.MapGet("/recommendations", async (string id, int? top, IGrainFactory grains, CancellationToken ct) =>
        {
            if (top is < 1 or > UserGrain.MaxTop) throw new ArgumentException($"top must be 1–{UserGrain.MaxTop}.");
            return Results.Ok(await User(grains, id).RecommendAsync(top ?? 10, ct));
        }).RequireAuthorization(ApiPolicies.Read).Produces<IReadOnlyList<JobRecommendation>>().ProducesProblems(400, 404, 503);
        return app;
    }

    private static IUserGrain User(IGrainFactory grains, string id) => grains.GetGrain<IUserGrain>(ApiProblems.CheckId(id, "user")!);

    /// <summary><c>PUT /api/v1/users/{id}/profile</c>.</summary>
    internal sealed record ProfileRequest(IReadOnlyList<string>? PositionsOfInterest, IReadOnlyList<string>? PastTitles, string? City, string? State);

    /// <summary><c>POST /api/v1/users/{id}/interactions</c>: <c>kind</c> is viewed, clicked, saved or applied; <c>at</c> defaults to now.</summary>
    internal sealed record InteractionRequest(string? JobId, string? Kind, DateTimeOffset? At);

    /// <summary>The interaction as stored, and whether this request recorded it (false: it was already there).</summary>
    internal sealed record InteractionResult(string JobId, string Kind, DateTimeOffset At, bool Recorded);
}
