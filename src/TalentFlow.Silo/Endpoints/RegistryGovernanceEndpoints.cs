using System.Security.Claims;
using Orleans;
using TalentFlow.Contracts.Training.Registry;
using TalentFlow.Grains.Training;
using TalentFlow.Grains.Training.ModelKinds;
using TalentFlow.Grains.Training.Registry;
using TalentFlow.Silo.Security;

namespace TalentFlow.Silo.Endpoints;

/// <summary>
/// The registry's governance routes (admin only): aliases (<c>GET/PUT/DELETE /api/v1/models/{model}/aliases[/{alias}]</c>),
/// the history (<c>GET /api/v1/models/{model}/history</c>), the events of every model (<c>GET /api/v1/models/events</c>),
/// a version's lineage (<c>GET /api/v1/models/{model}/versions/{version}/lineage</c>), and the promote and rollback routes
/// of <see cref="TrainingEndpoints"/>, which record who asked and why. The actor is always the authenticated principal.
/// </summary>
internal static class RegistryGovernanceEndpoints
{
    /// <summary>How many entries a list route answers when not told: 100.</summary>
    public const int DefaultLimit = 100;

    public static IEndpointRouteBuilder MapRegistryGovernanceEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/models").RequireAuthorization(ApiPolicies.Admin);
        api.MapGet("/events", async (int? limit, IGrainFactory grains, CancellationToken ct) =>
            Results.Ok(await ModelRegistries.GetEventsAsync(grains, limit ?? DefaultLimit, ct)))
            .Produces<IReadOnlyList<RegistryEvent>>().ProducesProblems(400, 503);
        api.MapGet("/{model}/aliases", async (string model, IGrainFactory grains, CancellationToken ct) =>
            Results.Ok(await Registry(grains, Known(model)).GetAliasesAsync(ct)))
            .Produces<IReadOnlyList<ModelAlias>>().ProducesProblems(404, 503);
        api.MapGet("/{model}/aliases/{alias}", async (string model, string alias, IGrainFactory grains, CancellationToken ct) =>
        {
            ModelAliases.Validate(alias);
            var found = (await Registry(grains, Known(model)).GetAliasesAsync(ct)).FirstOrDefault(a => a.Alias == alias);
            return found is null ? ApiProblems.NotFound($"Alias '{alias}' of model '{model}'") : Results.Ok(found);
        }).Produces<ModelAlias>().ProducesProblems(400, 404, 503);
        api.MapPut("/{model}/aliases/{alias}", async (string model, string alias, AliasRequest? request, ClaimsPrincipal user, IGrainFactory grains, CancellationToken ct) =>
        {
            if (request is null || string.IsNullOrWhiteSpace(request.Version)) throw new ArgumentException("Name the version and say why: {\"version\": \"...\", \"reason\": \"...\"}.");
            ApiProblems.CheckId(request.Version, "version");
            return Results.Ok(await Registry(grains, Known(model)).SetAliasAsync(alias, request.Version, Change(user, request.Reason), ct));
        }).Produces<ModelAlias>().ProducesProblems(400, 404, 415, 503);
        api.MapDelete("/{model}/aliases/{alias}", async (string model, string alias, string? reason, ClaimsPrincipal user, IGrainFactory grains, CancellationToken ct) =>
            Results.Ok(await Registry(grains, Known(model)).DeleteAliasAsync(alias, Change(user, reason), ct)))
            .Produces<ModelAlias>().ProducesProblems(400, 404, 409, 503);
        api.MapGet("/{model}/history", async (string model, int? limit, IGrainFactory grains, CancellationToken ct) =>
            Results.Ok(await Registry(grains, Known(model)).GetHistoryAsync(limit ?? DefaultLimit, ct)))
            .Produces<IReadOnlyList<RegistryEvent>>().ProducesProblems(400, 404, 503);
        api.MapGet("/{model}/versions/{version}/lineage", async (string model, string version, int? limit, IGrainFactory grains, CancellationToken ct) =>
            Results.Ok(await ModelLineageReader.ReadAsync(grains, Known(model), version, limit ?? DefaultLimit, ct)))
            .Produces<ModelLineage>().ProducesProblems(400, 404, 503);
        return app;
    }

    /// <summary><c>POST /api/v1/models/{model}/rollback</c>: no body rolls back one production version (as before); a target goes anywhere earlier.</summary>
    public static async Task<IResult> RollbackAsync(string model, HttpRequest http, ClaimsPrincipal user, IGrainFactory grains, CancellationToken ct)
    {
        var request = await OptionalBodyAsync<RollbackRequest>(http, ct);
        var target = new RollbackTarget(request?.ToVersion, request?.Alias, request?.Steps, request?.At);
        var now = await Registry(grains, model).RollbackAsync(target, Change(user, request?.Reason), ct);
        return Results.Ok(new RollbackResponse(true, model, now.Version, now.Stage, request?.Alias));
    }

    /// <summary><c>POST /api/v1/models/{model}/versions/{version}/promote</c>, with an optional <c>{reason}</c>.</summary>
    public static async Task<IResult> PromoteAsync(string model, string version, HttpRequest http, ClaimsPrincipal user, IGrainFactory grains, CancellationToken ct)
    {
        var request = await OptionalBodyAsync<ReasonRequest>(http, ct);
        await Registry(grains, model).PromoteAsync(version, Change(user, request?.Reason), ct);
        return Results.Ok(new TrainingEndpoints.VersionChange(true, model, version, "Production"));
    }

    /// <summary>Who asks: the authenticated principal's name (an API key's configured name, a token's subject).</summary>
    public static RegistryChange Change(ClaimsPrincipal user, string? reason) =>
        new(user.Identity?.Name is { Length: > 0 } name ? name : "anonymous", string.IsNullOrWhiteSpace(reason) ? null : reason.Trim());

    /// <summary>
    /// Reads a JSON body when there is one: the promote and rollback routes took none before, and callers that still send none
    /// keep working.
    /// </summary>
    private static async Task<T?> OptionalBodyAsync<T>(HttpRequest http, CancellationToken ct) where T : class
    {
        if (http.ContentLength == 0 || (http.ContentLength is null && !http.Headers.TransferEncoding.Any())) return null;
        if (!http.HasJsonContentType())
        {
            throw new BadHttpRequestException("Send the body as application/json.", StatusCodes.Status415UnsupportedMediaType);
        }
        try
        {
            return await http.ReadFromJsonAsync<T>(ct);
        }
        catch (System.Text.Json.JsonException ex)
        {
            throw new BadHttpRequestException("The body is not valid JSON: " + ex.Message, StatusCodes.Status400BadRequest, ex);
        }
    }

    /// <summary>A model kind the registry knows, else 404.</summary>
    private static string Known(string model) =>
        ModelKindRegistry.TryGet(model, out _) ? model : throw new KeyNotFoundException($"Model '{model}' does not exist; the registry knows {string.Join(", ", ModelKindRegistry.Names)}.");

    private static IModelRegistryGrain Registry(IGrainFactory grains, string model) => ModelRegistries.Of(grains, model);

    /// <summary><c>PUT /api/v1/models/{model}/aliases/{alias}</c>.</summary>
    internal sealed record AliasRequest(string? Version, string? Reason);

    /// <summary>A body that only says why.</summary>
    internal sealed record ReasonRequest(string? Reason);

    /// <summary>The answer of a rollback: the version now in production and the alias that was rolled back, if one was.</summary>
    internal sealed record RollbackResponse(bool Success, string Model, string Version, string Stage, string? Alias);

    /// <summary><c>POST /api/v1/models/{model}/rollback</c>: at most one of to_version and alias; steps or at with alias.</summary>
    internal sealed record RollbackRequest(string? ToVersion, string? Alias, int? Steps, DateTimeOffset? At, string? Reason);
}
