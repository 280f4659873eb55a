using Orleans;
using TalentFlow.Contracts.Training;
using TalentFlow.Grains.Matching;
using TalentFlow.Grains.Training;
using TalentFlow.Grains.Training.Registry;
using TalentFlow.Silo.Security;

namespace TalentFlow.Silo.Endpoints;

/// <summary>
/// The learning loop's routes: trigger training (seed 002), follow or cancel a job; the model registry: list, register an
/// artifact, promote, roll back, and A/B tests (<see cref="AbTestEndpoints"/>). Admin only.
/// </summary>
internal static class TrainingEndpoints
{
    public static IEndpointRouteBuilder MapTrainingEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").RequireAuthorization(ApiPolicies.Admin);
        api.MapPost("/feedback/trigger-training", async (TriggerRequest? request, IGrainFactory grains, CancellationToken ct) =>
        {
            var result = await Coordinator(grains).TriggerAsync(request?.Model ?? MatchingModels.BaselineModelName, request?.Force ?? false, ct);
            return Results.Ok(result);
        }).Produces<TriggerResult>().ProducesProblems(400, 415, 503);
        api.MapGet("/feedback/export", async (string? status, int? days, double? min_confidence, IGrainFactory grains, TimeProvider time, CancellationToken ct) =>
            Results.Ok(await TrainingSampleExport.ReadAsync(grains, new TrainingSampleFilter(status ?? "reviewed", days, min_confidence ?? 0), time.GetUtcNow(), ct)))
            .Produces<IReadOnlyList<TrainingSample>>().ProducesProblems(400, 503);
        api.MapGet("/training/jobs", async (IGrainFactory grains, CancellationToken ct) => Results.Ok(await Coordinator(grains).GetJobsAsync(ct)))
            .Produces<IReadOnlyList<TrainingJobInfo>>().ProducesProblems(503);
        api.MapGet("/training/jobs/{id}", async (string id, IGrainFactory grains, CancellationToken ct) =>
            await Coordinator(grains).GetJobAsync(id, ct) is { } job ? Results.Ok(job) : ApiProblems.NotFound($"Training job '{id}'"))
            .Produces<TrainingJobInfo>().ProducesProblems(404, 503);
        api.MapPost("/training/jobs/{id}/cancel", async (string id, IGrainFactory grains, CancellationToken ct) =>
            Results.Ok(await Coordinator(grains).CancelAsync(id, ct)))
            .Produces<TrainingJobInfo>().ProducesProblems(404, 409, 503);
        api.MapGet("/models", async (IGrainFactory grains, CancellationToken ct) =>
        {
            var versions = await ModelRegistries.GetVersionsAsync(grains, ct);
            return Results.Ok(versions.GroupBy(v => v.Model, StringComparer.Ordinal).Select(g => new ModelResponse(g.Key,
                [.. g.Select(Response)])));
        }).Produces<IReadOnlyList<ModelResponse>>().ProducesProblems(503);
        api.MapGet("/models/{model}/compare", async (string model, string? a, string? b, IGrainFactory grains, CancellationToken ct) =>
        {
            if (string.IsNullOrWhiteSpace(a) || string.IsNullOrWhiteSpace(b)) throw new ArgumentException("Name the two versions to compare: ?a=VERSION&b=VERSION.");
            var versions = await ModelRegistries.GetVersionsAsync(grains, model, ct);
            var first = versions.FirstOrDefault(v => v.Model == model && v.Version == a) ?? throw new KeyNotFoundException($"Model {model} has no version '{a}'.");
            var second = versions.FirstOrDefault(v => v.Model == model && v.Version == b) ?? throw new KeyNotFoundException($"Model {model} has no version '{b}'.");
            var differences = new SortedDictionary<string, double>(StringComparer.Ordinal);
            foreach (var (metric, value) in second.Metrics)
            {
                if (first.Metrics.TryGetValue(metric, out var before)) differences[metric] = value - before;
            }
            return Results.Ok(new CompareResponse(model, Response(first), Response(second), differences, first.DataFingerprint is not null && first.DataFingerprint == second.DataFingerprint));
        }).Produces<CompareResponse>().ProducesProblems(400, 404, 503);
        api.MapPut("/models/{model}/versions/{version}", RegisterAsync)
            .AcceptsBytes("The artifact, as the CLI's train commands write it (at most 512 MiB).", "application/octet-stream", "application/json", "application/zip")
            .ProducesCreated<VersionChange>().ProducesProblems(400, 404, 409, 413, 415, 503);
        // Who asked and why are recorded in the registry's history (RegistryGovernanceEndpoints).
        api.MapPost("/models/{model}/rollback", RegistryGovernanceEndpoints.RollbackAsync)
            .Accepts<RegistryGovernanceEndpoints.RollbackRequest>(isOptional: true, "application/json")
            .Produces<RegistryGovernanceEndpoints.RollbackResponse>().ProducesProblems(400, 404, 409, 415, 503);
        api.MapPost("/models/{model}/versions/{version}/promote", RegistryGovernanceEndpoints.PromoteAsync)
            .Accepts<RegistryGovernanceEndpoints.ReasonRequest>(isOptional: true, "application/json")
            .Produces<VersionChange>().ProducesProblems(400, 404, 409, 415, 503);
        app.MapAbTestEndpoints();
        app.MapRegistryGovernanceEndpoints();
        return app;
    }

    /// <summary>
    /// <c>PUT /api/v1/models/{model}/versions/{version}[?activate=true][&amp;reason=...]</c>: the body is the artifact (as the CLI's
    /// <c>train</c> commands write it). It is checked before it is stored, then registered in stage None; with
    /// <c>activate</c> it is promoted and fanned out at once.
    /// </summary>
    private static async Task<IResult> RegisterAsync(string model, string version, bool? activate, string? reason, HttpContext context, IGrainFactory grains, CancellationToken ct)
    {
        ApiProblems.CheckId(version, "version");
        var type = context.Request.ContentType;
        if (type is null || !(type.StartsWith("application/octet-stream", StringComparison.OrdinalIgnoreCase) || type.StartsWith("application/json", StringComparison.OrdinalIgnoreCase)
            || type.StartsWith("application/zip", StringComparison.OrdinalIgnoreCase)))
        {
            return ApiProblems.UnsupportedMediaType("Send the artifact as the body, with Content-Type application/octet-stream, application/json or (a semantic_scorer archive) application/zip.");
        }
        if (context.Request.ContentLength > MaxArtifactBytes)
        {
            return ApiProblems.TooLarge($"The artifact is {context.Request.ContentLength:N0} bytes; the limit is {MaxArtifactBytes:N0}.");
        }
        var limit = context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>();
        if (limit is { IsReadOnly: false }) limit.MaxRequestBodySize = MaxArtifactBytes;
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, ct);
        var artifact = buffer.ToArray();
        ModelArtifacts.Validate(model, version, artifact);
        if ((await ModelRegistries.GetVersionsAsync(grains, model, ct)).Any(v => v.Version == version))
        {
            // Checked before the artifact is written: a registered version's bytes never change under it.
            throw new ModelRegistryConflictException($"Model {model} already has a version '{version}'.");
        }
        await grains.GetGrain<IModelArtifactGrain>(ModelArtifactGrain.Key(model, version)).SaveAsync(artifact, ct);
        var registry = ModelRegistries.Of(grains, model);
        var change = RegistryGovernanceEndpoints.Change(context.User, reason);
        await registry.RegisterAsync(version, null, change, ct);
        if (activate == true) await registry.PromoteAsync(version, change, ct);
        return Results.Created($"/api/v1/models/{Uri.EscapeDataString(model)}/versions/{Uri.EscapeDataString(version)}",
            new VersionChange(true, model, version, activate == true ? "Production" : "None"));
    }

    /// <summary>The largest artifact a registration takes: 512 MiB (an encoder's vectors are the big ones).</summary>
    private const long MaxArtifactBytes = 512L * 1024 * 1024;

    private static ITrainingCoordinatorGrain Coordinator(IGrainFactory grains) => grains.GetGrain<ITrainingCoordinatorGrain>(ITrainingCoordinatorGrain.SingletonKey);

    /// <summary><c>POST /api/v1/feedback/trigger-training</c>: optional body.</summary>
    internal sealed record TriggerRequest(string? Model, bool? Force);

    /// <summary>A version registered or promoted: the model, the version and the stage it is in now.</summary>
    internal sealed record VersionChange(bool Success, string Model, string Version, string Stage);

    internal sealed record ModelResponse(string Name, IReadOnlyList<VersionResponse> Versions);

    private static VersionResponse Response(ModelVersionInfo v) =>
        new(v.Version, v.Stage, v.Metrics, v.CreatedAt, v.Parent, v.PromotedAt, v.Parameters, v.DataFingerprint);

    internal sealed record VersionResponse(
        string Version, string Stage, IReadOnlyDictionary<string, double> Metrics, DateTimeOffset CreatedAt, string? Parent, DateTimeOffset? PromotedAt,
        IReadOnlyDictionary<string, string>? Parameters, string? DataFingerprint);

    /// <summary><c>GET /api/v1/models/{model}/compare?a=&amp;b=</c>: both versions and b's metrics minus a's.</summary>
    internal sealed record CompareResponse(string Model, VersionResponse A, VersionResponse B, IReadOnlyDictionary<string, double> Differences, bool SameData);
}
