using TalentFlow.Contracts.Training;
using TalentFlow.Contracts.Training.Registry;

namespace TalentFlow.Grains.Training.Registry;

/// <summary>Where a rollback goes: pure choices over a registry's state and history, made before anything changes.</summary>
internal static class RegistryRollback
{
    /// <summary>
    /// The production version before <paramref name="current"/>: going back along the production history skips the current
    /// version and versions no longer registered.
    /// </summary>
    /// <returns>The chosen version's place in the registry and in the history (which is cut after it).</returns>
    /// <exception cref="ModelRegistryConflictException">Nothing earlier.</exception>
    public static (int Index, int HistoryAt) PreviousProduction(ModelRegistryState state, string model, ModelVersionInfo current)
    {
        var history = state.ProductionHistory;
        for (int keep = history.Count - 1; keep >= 0; keep--)
        {
            if (history[keep] == current.Version) continue;
            int index = state.IndexOf(history[keep]);
            if (index >= 0) return (index, keep);
        }
        throw new ModelRegistryConflictException($"Model {model} has no earlier production version than '{current.Version}' to roll back to.");
    }

    /// <summary>A former production version to serve again, and its place in the history when it is there.</summary>
    /// <exception cref="KeyNotFoundException">No such version.</exception>
    /// <exception cref="ModelRegistryConflictException">It serves already, or it never did.</exception>
    public static (int Index, int? HistoryAt) FormerProduction(ModelRegistryState state, string model, string version)
    {
        int index = state.IndexOf(version);
        if (index < 0) throw new KeyNotFoundException($"Model {model} has no version '{version}'.");
        var chosen = state.Versions[index];
        if (chosen.Stage == "Production") throw new ModelRegistryConflictException($"Version '{version}' of {model} is production already.");
        int at = state.ProductionHistory.LastIndexOf(version);
        if (at < 0 && chosen.PromotedAt is null)
        {
            throw new ModelRegistryConflictException($"Version '{version}' of {model} was never production, so there is nothing to roll back to; promote it instead.");
        }
        return (index, at >= 0 ? at : null);
    }

    /// <summary>
    /// The alias's holders from its history (consecutive repeats folded); <see cref="RollbackTarget.At"/> picks the one that
    /// held it then, <see cref="RollbackTarget.Steps"/> (default 1) counts back from the current holder.
    /// </summary>
    public static string EarlierHolder(IEnumerable<RegistryEvent> events, string model, string alias, string? current, RollbackTarget target)
    {
        var moves = events.Where(e => e.Kind is RegistryEventKinds.AliasMoved or RegistryEventKinds.AliasDeleted && e.Alias == alias).ToList();
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
