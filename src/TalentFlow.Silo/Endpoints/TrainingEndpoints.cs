using TalentFlow.Grains;
using TalentFlow.Runtime;
using TalentFlow.Silo.Security;

namespace TalentFlow.Silo.Endpoints;

/// <summary>The learning loop's routes: trigger training (seed 002), follow or cancel a job, list the model registry. Admin only.</summary>
internal static class TrainingEndpoints
{
    public static IEndpointRouteBuilder MapTrainingEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").RequireAuthorization(ApiPolicies.Admin);
        api.MapPost("/feedback/trigger-training", async (TriggerRequest? request, IGrainFactory grains, CancellationToken ct) =>
        {
            var result = await Coordinator(grains).TriggerAsync(request?.Model ?? MatchingModels.BaselineModelName, request?.Force ?? false, ct);
            return Results.Ok(result);
        });
        api.MapGet("/training/jobs", async (IGrainFactory grains, CancellationToken ct) => Results.Ok(await Coordinator(grains).GetJobsAsync(ct)));
        api.MapGet("/training/jobs/{id}", async (string id, IGrainFactory grains, CancellationToken ct) =>
            await Coordinator(grains).GetJobAsync(id, ct) is { } job ? Results.Ok(job) : ApiProblems.NotFound($"Training job '{id}'"));
        api.MapPost("/training/jobs/{id}/cancel", async (string id, IGrainFactory grains, CancellationToken ct) =>
            Results.Ok(await Coordinator(grains).CancelAsync(id, ct)));
        api.MapGet("/models", async (IGrainFactory grains, CancellationToken ct) =>
        {
            var versions = await Coordinator(grains).GetVersionsAsync(ct);
            return Results.Ok(versions.GroupBy(v => v.Model, StringComparer.Ordinal).Select(g => new ModelResponse(g.Key,
                [.. g.Select(v => new VersionResponse(v.Version, v.Stage, v.Metrics, v.CreatedAt))])));
        });
        api.MapPost("/models/{model}/versions/{version}/promote", async (string model, string version, IGrainFactory grains, CancellationToken ct) =>
        {
            await Coordinator(grains).PromoteAsync(model, version, ct);
            return Results.Ok(new { success = true, model, version, stage = "Production" });
        });
        return app;
    }

    private static ITrainingCoordinatorGrain Coordinator(IGrainFactory grains) => grains.GetGrain<ITrainingCoordinatorGrain>(ITrainingCoordinatorGrain.SingletonKey);

    /// <summary><c>POST /api/v1/feedback/trigger-training</c>: optional body.</summary>
    internal sealed record TriggerRequest(string? Model, bool? Force);

    internal sealed record ModelResponse(string Name, IReadOnlyList<VersionResponse> Versions);

    internal sealed record VersionResponse(string Version, string Stage, IReadOnlyDictionary<string, double> Metrics, DateTimeOffset CreatedAt);
}
