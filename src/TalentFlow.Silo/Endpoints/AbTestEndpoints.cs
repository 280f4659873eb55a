using Orleans;
using TalentFlow.Contracts.Training;
using TalentFlow.Grains.Training;
using TalentFlow.Grains.Training.ModelKinds;
using TalentFlow.Grains.Training.Registry;
using TalentFlow.Silo.Security;

namespace TalentFlow.Silo.Endpoints;

/// <summary>
/// A/B tests of the registry's models: <c>PUT/GET/DELETE /api/v1/models/{model}/ab-test</c> and
/// <c>GET /api/v1/models/{model}/ab-test/metrics</c>. Admin only. Promoting the challenger also ends its test.
/// </summary>
internal static class AbTestEndpoints
{
    public static IEndpointRouteBuilder MapAbTestEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/models/{model}/ab-test").RequireAuthorization(ApiPolicies.Admin);
        api.MapPut("", async (string model, AbTestRequest? request, IGrainFactory grains, CancellationToken ct) =>
        {
            if (request is null || string.IsNullOrWhiteSpace(request.Version) || request.Share is null)
            {
                throw new ArgumentException("Name the challenger and its share of the candidates: {\"version\": \"...\", \"share\": 0.1}.");
            }
            ApiProblems.CheckId(request.Version, "version");
            return Results.Ok(await ModelRegistries.Of(grains, model).StartAbTestAsync(request.Version, request.Share.Value, ct));
        }).Produces<ModelAbTest>().ProducesProblems(400, 404, 409, 415, 503);
        api.MapGet("", async (string model, IGrainFactory grains, CancellationToken ct) =>
            await TestOfAsync(grains, model, ct) is { } test ? Results.Ok(test) : NoTest(model))
            .Produces<ModelAbTest>().ProducesProblems(404, 503);
        api.MapDelete("", async (string model, IGrainFactory grains, CancellationToken ct) =>
            await ModelRegistries.Of(grains, model).EndAbTestAsync(ct) is { } ended
                ? Results.Ok(ended)
                : NoTest(model))
            .Produces<ModelAbTest>().ProducesProblems(404, 503);
        api.MapGet("/metrics", async (string model, IGrainFactory grains, CancellationToken ct) =>
            await TestOfAsync(grains, model, ct) is { } test ? Results.Ok(await AbTestMetrics.ReadAsync(grains, test, ct)) : NoTest(model))
            .Produces<AbTestReport>().ProducesProblems(404, 503);
        return app;
    }

    private static async Task<ModelAbTest?> TestOfAsync(IGrainFactory grains, string model, CancellationToken ct) =>
        ModelKindRegistry.TryGet(model, out _) ? await ModelRegistries.Of(grains, model).GetAbTestAsync(ct) : null;

    private static IResult NoTest(string model) => ApiProblems.NotFound($"An A/B test of model '{model}'");

    /// <summary><c>PUT /api/v1/models/{model}/ab-test</c>: the challenger version and its share of the candidates, in (0, 1).</summary>
    internal sealed record AbTestRequest(string? Version, double? Share);
}
