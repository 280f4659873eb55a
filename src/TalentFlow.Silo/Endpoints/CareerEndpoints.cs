using Orleans;
using TalentFlow.Contracts.Careers;
using TalentFlow.Grains.Careers;
using TalentFlow.Silo.Security;

namespace TalentFlow.Silo.Endpoints;

/// <summary>
/// Career advice: <c>POST /api/v1/careers/recommendations</c> with <c>{text | candidate_id, top_k}</c> → the top careers with
/// calibrated confidence, skills to learn and books. Recruiters and admins (<see cref="ApiPolicies.Upload"/>): a candidate's
/// profile is personal data.
/// </summary>
internal static class CareerEndpoints
{
    /// <summary>The most characters of text one request may send.</summary>
    internal const int MaxTextLength = 200_000;

    public static IEndpointRouteBuilder MapCareerEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/v1/careers").MapPost("/recommendations", async (CareerRecommendationRequest? request, IGrainFactory grains, CancellationToken ct) =>
        {
            if (request is null) throw new ArgumentException("The body must be {\"text\" or \"candidate_id\", \"top_k\"}.");
            if (request.Text is { Length: > MaxTextLength }) throw new ArgumentException($"text is over {MaxTextLength} characters.");
            var candidate = request.CandidateId is null ? null : ApiProblems.CheckId(request.CandidateId, "candidate", "candidate_id");
            var advice = await grains.GetGrain<ICareerAdvisorGrain>(ICareerAdvisorGrain.Key).RecommendAsync(new CareerQuery(request.Text, candidate, request.TopK ?? 3), ct);
            return TypedResults.Ok(advice);
        }).RequireAuthorization(ApiPolicies.Upload).ProducesProblems(400, 404, 415, 503);
        return app;
    }

    /// <summary>The body of <c>POST /api/v1/careers/recommendations</c>.</summary>
    internal sealed record CareerRecommendationRequest(string? Text, string? CandidateId, int? TopK);
}
