using System.Globalization;
using Orleans.Runtime;
using TalentFlow.Contracts.Training;
using TalentFlow.Contracts.Training.Registry;
using TalentFlow.Hosting.Records;

namespace TalentFlow.Grains.Training.Registry;

/// <summary>
/// The coordinator's side of moving the registry out of its state: what an earlier version kept there (versions, production
/// histories, aliases, the A/B test, events in its <c>registry-events</c> records) is read per kind by that kind's
/// <see cref="ModelRegistryGrain"/> at its first activation, and forgotten here once every such kind's registry has activated.
/// </summary>
internal sealed class LegacyRegistryHandover(IPersistentState<TrainingCoordinatorState> state, IPersistentRecords<RegistryEvent> events)
{
    private TrainingCoordinatorState S => state.State;

    /// <summary>Whether anything is left to hand over.</summary>
    public bool Pending =>
        S.Versions.Count > 0 || S.ProductionHistory.Count > 0 || S.Aliases.Count > 0 || S.AbTest is not null || S.PendingEvents.Count > 0 || events.Records.Count > 0;

    /// <summary>The kinds with something to hand over, in ordinal order.</summary>
    public IReadOnlyList<string> Kinds()
    {
        var kinds = new SortedSet<string>(StringComparer.Ordinal);
        kinds.UnionWith(S.Versions.Select(v => v.Model));
        kinds.UnionWith(S.ProductionHistory.Keys);
        kinds.UnionWith(S.Aliases.Keys);
        if (S.AbTest is { } test) kinds.Add(test.Model);
        kinds.UnionWith(AllEvents().Select(e => e.Model));
        return [.. kinds];
    }

    /// <summary>What there is of <paramref name="model"/>'s registry (empty when nothing).</summary>
    public LegacyRegistry Of(string model)
    {
        if (!Pending) return LegacyRegistry.Empty;
        return new LegacyRegistry(
            [.. S.Versions.Where(v => v.Model == model)],
            [.. S.ProductionHistory.GetValueOrDefault(model) ?? []],
            [.. (S.Aliases.GetValueOrDefault(model)?.Values.AsEnumerable() ?? []).OrderBy(a => a.Alias, StringComparer.Ordinal)],
            S.AbTest is { } test && test.Model == model ? test : null,
            [.. AllEvents().Where(e => e.Model == model)]);
    }

    /// <summary>Empties the legacy part of the state (one write, put back when it fails), then removes the event records.</summary>
    public async Task ForgetAsync(CancellationToken cancellationToken)
    {
        var (versions, history, test, aliases, pending, sequence) = (S.Versions, S.ProductionHistory, S.AbTest, S.Aliases, S.PendingEvents, S.EventSequence);
        S.Versions = [];
        S.ProductionHistory = new(StringComparer.Ordinal);
        S.AbTest = null;
        S.Aliases = new(StringComparer.Ordinal);
        S.PendingEvents = [];
        S.EventSequence = 0;
        try
        {
            await state.WriteStateAsync(cancellationToken).ConfigureAwait(true);
        }
        catch
        {
            (S.Versions, S.ProductionHistory, S.AbTest, S.Aliases, S.PendingEvents, S.EventSequence) = (versions, history, test, aliases, pending, sequence);
            throw;
        }
        // Records left by a removal cut short keep Pending true: the next activation hands nothing over and removes them.
        foreach (var key in events.Records.Keys.ToList()) await events.RemoveAsync(key, cancellationToken).ConfigureAwait(true);
    }

    /// <summary>Committed events from the records and those still pending in the state, in sequence order.</summary>
    private List<RegistryEvent> AllEvents()
    {
        var all = new List<RegistryEvent>(events.Records.Values);
        foreach (var e in S.PendingEvents)
        {
            if (!events.Records.ContainsKey(e.Sequence.ToString("D12", CultureInfo.InvariantCulture))) all.Add(e);
        }
        all.Sort(static (a, b) => a.Sequence.CompareTo(b.Sequence));
        return all;
    }
}
