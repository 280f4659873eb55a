using TalentFlow.Contracts.Training;
using TalentFlow.Contracts.Training.Registry;

namespace TalentFlow.Grains.Training;

/// <summary>One-call rollback to any earlier holder: of production (by version) or of an alias (by steps back or by time).</summary>
public sealed partial class TrainingCoordinatorGrain
{
    /// <inheritdoc />
    public async Task<ModelVersionInfo> RollbackAsync(string model, RollbackTarget target, RegistryChange change, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(change);
        target.Validate();
        bool targeted = target.ToVersion is not null || target.Alias is not null;
        change.Validate(reasonRequired: targeted);
        if (!targeted) return await RollbackOneAsync(model, change, cancellationToken).ConfigureAwait(true);
        if (target.ToVersion is { } version) return await RollbackProductionToAsync(model, version, change, cancellationToken).ConfigureAwait(true);

        string alias = target.Alias!;
        string? current = alias == ModelAliases.Champion ? Production(model)?.Version : state.State.Aliases.GetValueOrDefault(model)?.GetValueOrDefault(alias)?.Version;
        string chosen = EarlierHolder(model, alias, current, target);
        if (alias == ModelAliases.Champion) return await RollbackProductionToAsync(model, chosen, change, cancellationToken).ConfigureAwait(true);
        if (!state.State.Versions.Any(v => v.Model == model && v.Version == chosen))
        {
            throw new ModelRegistryConflictException($"Version '{chosen}' of {model}, which held '{alias}', is no longer registered.");
        }
        await SetAliasAsync(model, alias, chosen, change, cancellationToken).ConfigureAwait(true);
        return state.State.Versions.First(v => v.Model == model && v.Version == chosen);
    }

    /// <summary>Makes a former production version production again; the production history is cut back to it when it is there.</summary>
    private async Task<ModelVersionInfo> RollbackProductionToAsync(string model, string version, RegistryChange change, CancellationToken cancellationToken)
    {
        int index = state.State.Versions.FindIndex(v => v.Model == model && v.Version == version);
        if (index < 0) throw new KeyNotFoundException($"Model {model} has no version '{version}'.");
        var chosen = state.State.Versions[index];
        if (chosen.Stage == "Production") throw new ModelRegistryConflictException($"Version '{version}' of {model} is production already.");
        var history = state.State.ProductionHistory.GetValueOrDefault(model) ?? [];
        int at = history.LastIndexOf(version);
        if (at < 0 && chosen.PromotedAt is null)
        {
            throw new ModelRegistryConflictException($"Version '{version}' of {model} was never production, so there is nothing to roll back to; promote it instead.");
        }
        await MakeProductionAsync(model, index, at >= 0 ? at : null, RegistryEventKinds.RolledBack, change, cancellationToken).ConfigureAwait(true);
        return state.State.Versions[index];
    }

    /// <summary>
    /// The alias's holders from its history (consecutive repeats folded); <see cref="RollbackTarget.At"/> picks the one that
    /// held it then, <see cref="RollbackTarget.Steps"/> (default 1) counts back from the current holder.
    /// </summary>
    private string EarlierHolder(string model, string alias, string? current, RollbackTarget target)
    {
        var moves = AllEvents().Where(e => e.Model == model && e.Kind is RegistryEventKinds.AliasMoved or RegistryEventKinds.AliasDeleted && e.Alias == alias).ToList();
        if (target.At is { } at)
        {
            var then = moves.LastOrDefault(e => e.At <= at);
            if (then is null || then.Kind == RegistryEventKinds.AliasDeleted) throw new KeyNotFoundException($"No version of {model} held '{alias}' at {at:O}.");
            if (then.Version == current) throw new ModelRegistryConflictException($"Version '{current}' held '{alias}' then and holds it now: nothing to roll back.");
            return then.Version!;
        }
        var holders = new List<string>();
        foreach (var e in moves)
        {
            if (e.Kind == RegistryEventKinds.AliasMoved && (holders.Count == 0 || holders[^1] != e.Version)) holders.Add(e.Version!);
        }
        if (current is not null && holders.Count > 0 && holders[^1] == current) holders.RemoveAt(holders.Count - 1);
        int steps = target.Steps ?? 1;
        if (holders.Count < steps)
        {
            throw new ModelRegistryConflictException($"'{alias}' of {model} has {holders.Count} earlier holder(s) in its history; cannot go {steps} back.");
        }
        return holders[^steps];
    }
}
