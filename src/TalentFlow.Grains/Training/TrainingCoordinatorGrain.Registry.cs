using System.Text.Json;
using TalentFlow.Runtime;

namespace TalentFlow.Grains;

/// <summary>The model registry: versions with stages, registration of outside models, promotion, rollback, fan-out.</summary>
public sealed partial class TrainingCoordinatorGrain
{
    /// <inheritdoc />
    public Task<IReadOnlyList<ModelVersionInfo>> GetVersionsAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<ModelVersionInfo>>([.. state.State.Versions]);

    /// <inheritdoc />
    public Task<string?> GetProductionAsync(string model, CancellationToken cancellationToken = default) =>
        Task.FromResult(Production(model)?.Version);

    /// <summary>How far back a rollback can go: the last 50 production versions of a kind.</summary>
    private const int MaxProductionHistory = 50;

    private ModelVersionInfo? Production(string model) => state.State.Versions.LastOrDefault(v => v.Model == model && v.Stage == "Production");

    /// <inheritdoc />
    public async Task RegisterAsync(string model, string version, IReadOnlyDictionary<string, double>? metrics, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(model);
        ArgumentException.ThrowIfNullOrWhiteSpace(version);
        _ = ModelKindRegistry.Get(model);
        if (state.State.Versions.Any(v => v.Model == model && v.Version == version)) throw new ModelRegistryConflictException($"Model {model} already has a version '{version}'.");
        if (await GrainFactory.GetGrain<IModelArtifactGrain>(ModelArtifactGrain.Key(model, version)).GetAsync(cancellationToken).ConfigureAwait(true) is null)
        {
            throw new ArgumentException($"Model {model} version '{version}' has no stored artifact.", nameof(version));
        }
        state.State.Versions.Add(new ModelVersionInfo(model, version, "None", metrics ?? new Dictionary<string, double>(), TimeProvider.GetUtcNow(), Production(model)?.Version));
        try
        {
            await state.WriteStateAsync(cancellationToken).ConfigureAwait(true);
        }
        catch
        {
            state.State.Versions.RemoveAt(state.State.Versions.Count - 1);
            throw;
        }
    }

    /// <inheritdoc />
    public async Task PromoteAsync(string model, string version, CancellationToken cancellationToken = default)
    {
        int index = state.State.Versions.FindIndex(v => v.Model == model && v.Version == version);
        if (index < 0) throw new KeyNotFoundException($"Model {model} has no version '{version}'.");
        await MakeProductionAsync(model, index, rollbackTo: null, cancellationToken).ConfigureAwait(true);
    }

    /// <inheritdoc />
    public async Task<ModelVersionInfo> RollbackAsync(string model, CancellationToken cancellationToken = default)
    {
        var current = Production(model) ?? throw new KeyNotFoundException($"Model {model} has no production version to roll back.");
        // The production history, newest last: going back pops the current version and serves the one before it.
        var history = state.State.ProductionHistory.GetValueOrDefault(model) ?? [];
        int keep = history.Count - 1, index = -1;
        for (; keep >= 0; keep--)
        {
            if (history[keep] == current.Version) continue;
            index = state.State.Versions.FindIndex(v => v.Model == model && v.Version == history[keep]);
            if (index >= 0) break;
        }
        if (index < 0) throw new ModelRegistryConflictException($"Model {model} has no earlier production version than '{current.Version}' to roll back to.");
        await MakeProductionAsync(model, index, rollbackTo: keep, cancellationToken).ConfigureAwait(true);
        return state.State.Versions[index];
    }

    /// <param name="model">The model kind.</param>
    /// <param name="index">The chosen version's place in the registry.</param>
    /// <param name="rollbackTo">For a rollback, the chosen version's place in the history, which is cut after it; null: a promotion, appended.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    private async Task MakeProductionAsync(string model, int index, int? rollbackTo, CancellationToken cancellationToken)
    {
        var before = state.State.Versions.ToList();
        var history = state.State.ProductionHistory.GetValueOrDefault(model) ?? [];
        var historyBefore = history.ToList();
        var chosen = state.State.Versions[index];
        string? replaced = null;
        for (int i = 0; i < state.State.Versions.Count; i++)
        {
            var v = state.State.Versions[i];
            if (v.Model != model || v.Stage != "Production" || i == index) continue;
            state.State.Versions[i] = v with { Stage = "Archived" };
            replaced = v.Version;
        }
        // A version promoted over another records it as its parent unless it already names one (what it was trained against).
        state.State.Versions[index] = chosen with
        {
            Stage = "Production",
            PromotedAt = TimeProvider.GetUtcNow(),
            Parent = chosen.Parent ?? replaced,
        };
        if (rollbackTo is { } cut) history.RemoveRange(cut + 1, history.Count - cut - 1);
        else if (history.Count == 0 || history[^1] != chosen.Version) history.Add(chosen.Version);
        if (history.Count > MaxProductionHistory) history.RemoveRange(0, history.Count - MaxProductionHistory);
        state.State.ProductionHistory[model] = history;
        // Promoting an A/B test's challenger ends the test: it serves every candidate now.
        var abTest = state.State.AbTest;
        bool endsAbTest = abTest is not null && abTest.Model == model && abTest.ChallengerVersion == chosen.Version;
        if (endsAbTest) state.State.AbTest = null;
        try
        {
            await state.WriteStateAsync(cancellationToken).ConfigureAwait(true);
        }
        catch
        {
            state.State.Versions = before;
            state.State.ProductionHistory[model] = historyBefore;
            state.State.AbTest = abTest;
            throw;
        }
        // Durable first, then the fan-out; a silo that misses it catches up from GetProductionAsync when it (re)joins.
        var payload = JsonSerializer.SerializeToUtf8Bytes(new ModelVersionMessage(model, chosen.Version), ModelVersionBroadcastHandler.JsonOptions);
        await broadcaster.BroadcastAsync(ModelVersionBroadcastHandler.ChannelName, payload, cancellationToken).ConfigureAwait(true);
        if (endsAbTest) await BroadcastAbTestAsync(null, cancellationToken).ConfigureAwait(true);
    }
}
