using Orleans;
using TalentFlow.Contracts.Training;
using TalentFlow.Grains.Jobs;
using TalentFlow.Grains.Matching;
using TalentFlow.Grains.Training;
using TalentFlow.Silo.Security;

namespace TalentFlow.Silo.Endpoints;

/// <summary>
/// Seed 002's feedback routes: a reviewer's verdict on a screening result, and the training status it feeds
/// (<see cref="ApiPolicies.Feedback"/>: reviewer, admin).
/// </summary>
internal static class FeedbackEndpoints
{
    public static IEndpointRouteBuilder MapFeedbackEndpoints(this IEndpointRouteBuilder app)
    {
        var feedback = app.MapGroup("/api/v1/feedback").RequireAuthorization(ApiPolicies.Feedback);
        feedback.MapPost("/submit", async (FeedbackRequest request, System.Security.Claims.ClaimsPrincipal user, IGrainFactory grains, CancellationToken ct) =>
        {
            if (string.IsNullOrWhiteSpace(request.ScreeningResultId)) throw new ArgumentException("screening_result_id is required.");
            int bar = request.ScreeningResultId.IndexOf('|', StringComparison.Ordinal);
            if (bar <= 0 || bar == request.ScreeningResultId.Length - 1) return ApiProblems.NotFound($"Screening result '{request.ScreeningResultId}'");
            string jobId = request.ScreeningResultId[..bar], candidateId = request.ScreeningResultId[(bar + 1)..];
            ApiProblems.CheckId(jobId, "job", "screening_result_id");
            ApiProblems.CheckId(candidateId, "candidate", "screening_result_id");
            var record = await grains.GetGrain<IJobReviewGrain>(jobId).SubmitFeedbackAsync(
                candidateId, new ReviewerFeedback(request.HumanDecision, request.HumanScore, request.Notes, ReviewEndpoints.EffectiveReviewer(request.Reviewer, user)), ct);
            return Results.Ok(new FeedbackResponse(true, record.NeedsRetraining
                ? "Feedback recorded; the reviewer disagrees with the model, so it counts toward retraining."
                : "Feedback recorded.", record.ResultId, record.NeedsRetraining, record.SubmittedAt));
        }).Produces<FeedbackResponse>().ProducesProblems(400, 404, 415, 503);
        feedback.MapGet("/training-status", async (string? model, IGrainFactory grains, CancellationToken ct) =>
        {
            var status = await grains.GetGrain<ITrainingCoordinatorGrain>(ITrainingCoordinatorGrain.SingletonKey)
                .GetStatusAsync(model ?? MatchingModels.BaselineModelName, ct);
            return Results.Ok(new TrainingStatusResponse(status.Model, status.TotalSamples, status.PositiveSamples, status.NegativeSamples,
                status.NeedsRetraining, status.ReadyForTraining, status.SamplesNeeded, status.Threshold));
        }).Produces<TrainingStatusResponse>().ProducesProblems(503);
        return app;
    }

    /// <summary><c>POST /api/v1/feedback/submit</c>.</summary>
    internal sealed record FeedbackRequest(string? ScreeningResultId, string? HumanDecision, double? HumanScore, string? Notes, string? Reviewer);

    internal sealed record FeedbackResponse(bool Success, string Message, string ScreeningResultId, bool NeedsRetraining, DateTimeOffset SubmittedAt);

    internal sealed record TrainingStatusResponse(
        string Model, int TotalSamples, int PositiveSamples, int NegativeSamples, int NeedsRetraining, bool ReadyForTraining, int SamplesNeeded, int Threshold);
}
