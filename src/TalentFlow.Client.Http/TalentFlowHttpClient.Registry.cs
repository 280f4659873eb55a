using System.Globalization;
using System.Net.Http.Json;
using TalentFlow.Client.Http.Internal;
using TalentFlow.Contracts.Training.Registry;

namespace TalentFlow.Client.Http;

/// <summary>The registry's governance: aliases, history, events, lineage, and promotion and rollback with a reason (admin).</summary>
public sealed partial class TalentFlowHttpClient
{
    /// <summary>
    /// Sets or moves an alias to a version (<c>PUT /api/v1/models/{model}/aliases/{alias}</c>, admin); setting
    /// <c>champion</c> promotes the version.
    /// </summary>
    /// <param name="model">The model kind.</param>
    /// <param name="alias">The alias (lower case: a letter, then letters, digits, <c>-</c>, <c>_</c>).</param>
    /// <param name="version">The registered version.</param>
    /// <param name="reason">Why (required; recorded in the history).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The alias as stored.</returns>
    /// <exception cref="TalentFlowValidationException">Not an alias, or no reason.</exception>
    /// <exception cref="TalentFlowNotFoundException">No such model or version.</exception>
    public Task<ModelAlias> SetModelAliasAsync(string model, string alias, string version, string reason, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(version);
        return SendAsync(HttpMethod.Put, $"{Aliases(model)}/{Segment(alias, nameof(alias))}",
            JsonContent.Create(new AliasBody(version, reason), Json.AliasBody), Json.ModelAlias, cancellationToken);
    }

    /// <summary>Removes an alias (<c>DELETE /api/v1/models/{model}/aliases/{alias}?reason=</c>, admin).</summary>
    /// <param name="model">The model kind.</param>
    /// <param name="alias">The alias.</param>
    /// <param name="reason">Why (required).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The alias as it was.</returns>
    /// <exception cref="TalentFlowNotFoundException">The model has no such alias.</exception>
    /// <exception cref="TalentFlowConflictException">The alias is <c>champion</c>, which follows production.</exception>
    public Task<ModelAlias> DeleteModelAliasAsync(string model, string alias, string reason, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Delete, $"{Aliases(model)}/{Segment(alias, nameof(alias))}?reason={Segment(reason, nameof(reason))}", null, Json.ModelAlias, cancellationToken);

    /// <summary>The aliases of a model kind, <c>champion</c> (the production version) included (<c>GET /api/v1/models/{model}/aliases</c>, admin).</summary>
    /// <param name="model">The model kind.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public Task<IReadOnlyList<ModelAlias>> GetModelAliasesAsync(string model, CancellationToken cancellationToken = default) =>
        GetAsync(Aliases(model), Json.IReadOnlyListModelAlias, cancellationToken);

    /// <summary>Resolves an alias to its version (<c>GET /api/v1/models/{model}/aliases/{alias}</c>, admin).</summary>
    /// <param name="model">The model kind.</param>
    /// <param name="alias">The alias.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="TalentFlowNotFoundException">The model has no such alias.</exception>
    public Task<ModelAlias> GetModelAliasAsync(string model, string alias, CancellationToken cancellationToken = default) =>
        GetAsync($"{Aliases(model)}/{Segment(alias, nameof(alias))}", Json.ModelAlias, cancellationToken);

    /// <summary>
    /// A model kind's registry history, oldest first: which version held which alias or stage when, who moved it and why
    /// (<c>GET /api/v1/models/{model}/history</c>, admin).
    /// </summary>
    /// <param name="model">The model kind.</param>
    /// <param name="limit">The newest this many events (1–1,000; the API's default: 100).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public Task<IReadOnlyList<RegistryEvent>> GetModelHistoryAsync(string model, int? limit = null, CancellationToken cancellationToken = default) =>
        GetAsync($"api/v1/models/{Segment(model, nameof(model))}/history{Limit(limit)}", Json.IReadOnlyListRegistryEvent, cancellationToken);

    /// <summary>The latest registry events of every model kind, newest first (<c>GET /api/v1/models/events</c>, admin).</summary>
    /// <param name="limit">How many (1–1,000; the API's default: 100).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public Task<IReadOnlyList<RegistryEvent>> GetRegistryEventsAsync(int? limit = null, CancellationToken cancellationToken = default) =>
        GetAsync($"api/v1/models/events{Limit(limit)}", Json.IReadOnlyListRegistryEvent, cancellationToken);

    /// <summary>
    /// A version end to end: fingerprint, parent, the feedback items of its training set and the decisions it made
    /// (<c>GET /api/v1/models/{model}/versions/{version}/lineage</c>, admin).
    /// </summary>
    /// <param name="model">The model kind.</param>
    /// <param name="version">The version.</param>
    /// <param name="limit">At most this many feedback items and decisions (0–10,000; the API's default: 100).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="TalentFlowNotFoundException">No such version.</exception>
    public Task<ModelLineage> GetModelLineageAsync(string model, string version, int? limit = null, CancellationToken cancellationToken = default) =>
        GetAsync($"api/v1/models/{Segment(model, nameof(model))}/versions/{Segment(version, nameof(version))}/lineage{Limit(limit)}", Json.ModelLineage, cancellationToken);

    /// <summary>
    /// Makes a registered version production with a reason recorded in the history
    /// (<c>POST /api/v1/models/{model}/versions/{version}/promote</c>, admin).
    /// </summary>
    /// <param name="model">The model kind.</param>
    /// <param name="version">The registered version.</param>
    /// <param name="reason">Why.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="TalentFlowNotFoundException">No such version.</exception>
    public Task<PromotionResult> PromoteModelAsync(string model, string version, string? reason, CancellationToken cancellationToken = default) =>
        PostAsync($"api/v1/models/{Segment(model, nameof(model))}/versions/{Segment(version, nameof(version))}/promote", new ReasonBody(reason),
            Json.ReasonBody, Json.PromotionResult, cancellationToken);

    /// <summary>
    /// Rolls back in one call to an earlier holder (<c>POST /api/v1/models/{model}/rollback</c>, admin): a former production
    /// version (<see cref="RollbackTarget.ToVersion"/>), or an alias's holder some steps back or at a time (for
    /// <c>champion</c>, that holder becomes production again).
    /// </summary>
    /// <param name="model">The model kind.</param>
    /// <param name="target">Where to go back to.</param>
    /// <param name="reason">Why (required for a targeted rollback).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The version rolled back to and its stage.</returns>
    /// <exception cref="TalentFlowValidationException">A target that contradicts itself, or no reason.</exception>
    /// <exception cref="TalentFlowConflictException">No such earlier holder, or the version was never production.</exception>
    public Task<PromotionResult> RollbackModelAsync(string model, RollbackTarget target, string reason, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(target);
        return PostAsync($"api/v1/models/{Segment(model, nameof(model))}/rollback", new RollbackBody(target.ToVersion, target.Alias, target.Steps, target.At, reason),
            Json.RollbackBody, Json.PromotionResult, cancellationToken);
    }

    private static string Aliases(string model) => $"api/v1/models/{Segment(model, nameof(model))}/aliases";

    private static string Limit(int? limit) => limit is { } n ? "?limit=" + n.ToString(CultureInfo.InvariantCulture) : "";
}
