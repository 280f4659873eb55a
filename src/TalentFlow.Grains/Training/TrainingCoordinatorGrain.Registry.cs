using System.Text.Json;
using Orleans;
using TalentFlow.Contracts.Training;
using TalentFlow.Contracts.Training.Registry;
using TalentFlow.Grains.Training.ModelKinds;

namespace TalentFlow.Grains.Training;

/// <summary>
/// The model registry: versions with stages, registration of outside models, promotion, rollback, fan-out; each change records
/// its events (<c>TrainingCoordinatorGrain.Events.cs</c>).
/// </summary>
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
    public Task RegisterAsync(string model, string version, IReadOnlyDictionary<string, double>? metrics, CancellationToken cancellationToken = default) =>
        RegisterAsync(model, version, metrics, new RegistryChange(RegistryChange.UnnamedActor, null), cancellationToken);

    /// <inheritdoc />
    public async Task RegisterAsync(string model, string version, IReadOnlyDictionary<string, double>? metrics, RegistryChange change, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(model);
        ArgumentException.ThrowIfNullOrWhiteSpace(version);
        ArgumentNullException.ThrowIfNull(change);
        change.Validate(reasonRequired: false);
        _ = ModelKindRegistry.Get(model);
        if (state.State.Versions.Any(v => v.Model == model && v.Version == version)) throw new ModelRegistryConflictException($"Model {model} already has a version '{version}'.");
        if (await GrainFactory.GetGrain<IModelArtifactGrain>(ModelArtifactGrain.Key(model, version)).GetAsync(cancellationToken).ConfigureAwait(true) is null)
        {
            throw new ArgumentException($"Model {model} version '{version}' has no stored artifact.", nameof(version));
        }
        var snapshot = GovernanceSnapshot();
        state.State.Versions.Add(new ModelVersionInfo(model, version, "None", metrics ?? new Dictionary<string, double>(), timeProvider.GetUtcNow(), Production(model)?.Version));
        Record(model, RegistryEventKinds.Registered, version, null, null, "None", change);
        try
        {
            await state.WriteStateAsync(cancellationToken).ConfigureAwait(true);
        }
        catch
        {
            state.State.Versions.RemoveAt(state.State.Versions.Count - 1);
            Restore(snapshot);
            throw;
        }
        await FlushEventsAsync(cancellationToken).ConfigureAwait(true);
    }

    /// <inheritdoc />
    public Task PromoteAsync(string model, string version, CancellationToken cancellationToken = default) =>
        PromoteAsync(model, version, new RegistryChange(RegistryChange.UnnamedActor, null), cancellationToken);

    /// <inheritdoc />
    public async Task PromoteAsync(string model, string version, RegistryChange change, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(change);
        change.Validate(reasonRequired: false);
        int index = state.State.Versions.FindIndex(v => v.Model == model && v.Version == version);
        if (index < 0) throw new KeyNotFoundException($"Model {model} has no version '{version}'.");
        await MakeProductionAsync(model, index, rollbackTo: null, RegistryEventKinds.Promoted, change, cancellationToken).ConfigureAwait(true);
    }

    /// <inheritdoc />
    public Task<ModelVersionInfo> RollbackAsync(string model, CancellationToken cancellationToken = default) =>
        RollbackAsync(model, new RollbackTarget(), new RegistryChange(RegistryChange.UnnamedActor, null), cancellationToken);

    /// <summary>The rollback without a target: the production version before the current one.</summary>
    private async Task<ModelVersionInfo> RollbackOneAsync(string model, RegistryChange change, CancellationToken cancellationToken)
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
        await MakeProductionAsync(model, index, rollbackTo: keep, RegistryEventKinds.RolledBack, change, cancellationToken).ConfigureAwait(true);
        return state.State.Versions[index];
    }

    /// <param name="model">The model kind.</param>
    /// <param name="index">The chosen version's place in the registry.</param>
    /// <param name="rollbackTo">For a rollback, the chosen version's place in the history, which is cut after it; null: a promotion, appended.</param>
    /// <param name="kind">The event it records: <see cref="RegistryEventKinds.Promoted"/> or <see cref="RegistryEventKinds.RolledBack"/>.</param>
    /// <param name="change">Who asked and why.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    private async Task MakeProductionAsync(string model, int index, int? rollbackTo, string kind, RegistryChange change, CancellationToken cancellationToken)
    {
        var before = state.State.Versions.ToList();
        var snapshot = GovernanceSnapshot();
        var history = state.State.ProductionHistory.GetValueOrDefault(model) ?? [];
        var historyBefore = history.ToList();
        var chosen = state.State.Versions[index];
        string? champion = Production(model)?.Version, replaced = null;
        for (int i = 0; i < state.State.Versions.Count; i++)
        {
            var v = state.State.Versions[i];
            if (v.Model != model || v.Stage != "Production" || i == index) continue;
            state.State.Versions[i] = v with { Stage = "Archived" };
            replaced = v.Version;
            Record(model, RegistryEventKinds.StageChanged, v.Version, null, null, "Archived", change);
        }
        // A version promoted over another records it as its parent unless it already names one (what it was trained against).
        state.State.Versions[index] = chosen with
        {
            Stage = "Production",
            PromotedAt = timeProvider.GetUtcNow(),
            Parent = chosen.Parent ?? replaced,
        };
        Record(model, kind, chosen.Version, replaced, null, "Production", change);
        // The champion alias is the production version: it moves with it, recorded as its own event for the alias's history.
        if (champion != chosen.Version) Record(model, RegistryEventKinds.AliasMoved, chosen.Version, champion, ModelAliases.Champion, null, change);
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
            Restore(snapshot);
            throw;
        }
        await FlushEventsAsync(cancellationToken).ConfigureAwait(true);
        // Durable first, then the fan-out; a silo that misses it catches up from GetProductionAsync when it (re)joins.
        var payload = JsonSerializer.SerializeToUtf8Bytes(new ModelVersionMessage(model, chosen.Version), ModelVersionBroadcastHandler.JsonOptions);
        await broadcaster.BroadcastAsync(ModelVersionBroadcastHandler.ChannelName, payload, cancellationToken).ConfigureAwait(true);
        if (endsAbTest) await BroadcastAbTestAsync(null, cancellationToken).ConfigureAwait(true);
    }
}
