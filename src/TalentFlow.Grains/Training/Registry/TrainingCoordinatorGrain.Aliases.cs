using TalentFlow.Contracts.Training;
using TalentFlow.Contracts.Training.Registry;
using TalentFlow.Grains.Training.ModelKinds;

namespace TalentFlow.Grains.Training;

/// <summary>
/// Aliases beside the stages. <see cref="ModelAliases.Champion"/> is the production version, not a stored pointer: setting it
/// promotes, every promotion and rollback moves it, and it cannot be deleted, so the two can never disagree.
/// </summary>
public sealed partial class TrainingCoordinatorGrain
{
    /// <inheritdoc />
    public async Task<ModelAlias> SetAliasAsync(string model, string alias, string version, RegistryChange change, CancellationToken cancellationToken = default)
    {
        ModelAliases.Validate(alias);
        ArgumentNullException.ThrowIfNull(change);
        change.Validate(reasonRequired: true);
        _ = ModelKindRegistry.Get(model);
        if (!state.State.Versions.Any(v => v.Model == model && v.Version == version)) throw new KeyNotFoundException($"Model {model} has no version '{version}'.");
        if (alias == ModelAliases.Champion)
        {
            if (Production(model)?.Version != version) await PromoteAsync(model, version, change, cancellationToken).ConfigureAwait(true);
            return Champion(model)!;
        }
        var aliases = state.State.Aliases.GetValueOrDefault(model);
        var previous = aliases?.GetValueOrDefault(alias);
        if (previous?.Version == version) return previous;
        var snapshot = GovernanceSnapshot();
        var set = new ModelAlias(model, alias, version, timeProvider.GetUtcNow(), change.Actor, change.Reason);
        if (aliases is null) state.State.Aliases[model] = aliases = new Dictionary<string, ModelAlias>(StringComparer.Ordinal);
        aliases[alias] = set;
        Record(model, RegistryEventKinds.AliasMoved, version, previous?.Version, alias, null, change);
        await CommitAsync(snapshot, cancellationToken).ConfigureAwait(true);
        return set;
    }

    /// <inheritdoc />
    public async Task<ModelAlias> DeleteAliasAsync(string model, string alias, RegistryChange change, CancellationToken cancellationToken = default)
    {
        ModelAliases.Validate(alias);
        ArgumentNullException.ThrowIfNull(change);
        change.Validate(reasonRequired: true);
        if (alias == ModelAliases.Champion)
        {
            throw new ModelRegistryConflictException($"'{ModelAliases.Champion}' follows the production stage and cannot be deleted; promote or roll back instead.");
        }
        if (state.State.Aliases.GetValueOrDefault(model)?.GetValueOrDefault(alias) is not { } removed) throw new KeyNotFoundException($"Model {model} has no alias '{alias}'.");
        var snapshot = GovernanceSnapshot();
        state.State.Aliases[model].Remove(alias);
        if (state.State.Aliases[model].Count == 0) state.State.Aliases.Remove(model);
        Record(model, RegistryEventKinds.AliasDeleted, null, removed.Version, alias, null, change);
        await CommitAsync(snapshot, cancellationToken).ConfigureAwait(true);
        return removed;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<ModelAlias>> GetAliasesAsync(string model, CancellationToken cancellationToken = default)
    {
        var all = new List<ModelAlias>();
        if (Champion(model) is { } champion) all.Add(champion);
        if (state.State.Aliases.GetValueOrDefault(model) is { } aliases) all.AddRange(aliases.Values);
        all.Sort(static (a, b) => string.CompareOrdinal(a.Alias, b.Alias));
        return Task.FromResult<IReadOnlyList<ModelAlias>>(all);
    }

    /// <summary>The champion as an alias: the production version, set by whoever last moved production (per the history).</summary>
    private ModelAlias? Champion(string model)
    {
        if (Production(model) is not { } production) return null;
        var moved = AllEvents().LastOrDefault(e => e.Model == model && e.Kind == RegistryEventKinds.AliasMoved && e.Alias == ModelAliases.Champion && e.Version == production.Version);
        return new ModelAlias(model, ModelAliases.Champion, production.Version, moved?.At ?? production.PromotedAt ?? production.CreatedAt,
            moved?.Actor ?? RegistryChange.UnnamedActor, moved?.Reason);
    }

    /// <summary>The aliases (and events) changed in memory become durable, or are put back.</summary>
    private async Task CommitAsync((int, long, Dictionary<string, Dictionary<string, ModelAlias>>) snapshot, CancellationToken cancellationToken)
    {
        try
        {
            await state.WriteStateAsync(cancellationToken).ConfigureAwait(true);
        }
        catch
        {
            Restore(snapshot);
            throw;
        }
        await FlushEventsAsync(cancellationToken).ConfigureAwait(true);
    }
}
