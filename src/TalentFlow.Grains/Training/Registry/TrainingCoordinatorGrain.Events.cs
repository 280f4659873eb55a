using System.Globalization;
using Microsoft.Extensions.Logging;
using TalentFlow.Contracts.Training.Registry;
using TalentFlow.Grains.Training.Registry;

namespace TalentFlow.Grains.Training;

/// <summary>
/// The registry's audit trail. A change appends its events to <see cref="TrainingCoordinatorState.PendingEvents"/> and writes
/// them in the same state write as the change; afterwards they move to one keyed record each (so the state row does not grow
/// with the history) and go to the <see cref="IRegistryEventSink"/>. A failed move is retried at the next change or activation.
/// </summary>
public sealed partial class TrainingCoordinatorGrain
{
    /// <summary>The most events one query answers: 1,000.</summary>
    public const int MaxEventsPerQuery = 1000;

    private RegistryEvent Record(string model, string kind, string? version, string? previous, string? alias, string? stage, RegistryChange change)
    {
        var e = new RegistryEvent(Guid.NewGuid().ToString("N"), ++state.State.EventSequence, model, kind, version, previous, alias, stage,
            change.Actor, change.Reason, timeProvider.GetUtcNow());
        state.State.PendingEvents.Add(e);
        return e;
    }

    /// <summary>What a change touches besides the versions, to put back when its write fails.</summary>
    private (int Pending, long Sequence, Dictionary<string, Dictionary<string, ModelAlias>> Aliases) GovernanceSnapshot() =>
        (state.State.PendingEvents.Count, state.State.EventSequence,
            state.State.Aliases.ToDictionary(p => p.Key, p => new Dictionary<string, ModelAlias>(p.Value, StringComparer.Ordinal), StringComparer.Ordinal));

    private void Restore((int Pending, long Sequence, Dictionary<string, Dictionary<string, ModelAlias>> Aliases) snapshot)
    {
        var pending = state.State.PendingEvents;
        if (pending.Count > snapshot.Pending) pending.RemoveRange(snapshot.Pending, pending.Count - snapshot.Pending);
        state.State.EventSequence = snapshot.Sequence;
        state.State.Aliases = snapshot.Aliases;
    }

    /// <summary>Moves the committed pending events to their records, then hands them to the sink.</summary>
    private async Task FlushEventsAsync(CancellationToken cancellationToken)
    {
        var pending = state.State.PendingEvents;
        if (pending.Count == 0) return;
        var moving = pending.ToList();
        try
        {
            // A record written twice (a flush cut short, then retried) is the same event under the same key.
            foreach (var e in moving) await events.WriteAsync(EventKey(e.Sequence), e, cancellationToken).ConfigureAwait(true);
            pending.Clear();
            await state.WriteStateAsync(cancellationToken).ConfigureAwait(true);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The change is durable with its events in the state row; they move at the next change or activation.
            if (pending.Count == 0) pending.AddRange(moving);
            EventsNotMoved(logger, moving.Count, ex.Message);
            return;
        }
        foreach (var e in moving) eventSink.Publish(e);
    }

    /// <summary>Every event, committed ones from the records and the pending ones from the state, in sequence order.</summary>
    private List<RegistryEvent> AllEvents()
    {
        var all = new List<RegistryEvent>(events.Records.Count + state.State.PendingEvents.Count);
        all.AddRange(events.Records.Values);
        foreach (var e in state.State.PendingEvents)
        {
            if (!events.Records.ContainsKey(EventKey(e.Sequence))) all.Add(e);
        }
        all.Sort(static (a, b) => a.Sequence.CompareTo(b.Sequence));
        return all;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<RegistryEvent>> GetHistoryAsync(string model, int limit, CancellationToken cancellationToken = default)
    {
        CheckLimit(limit);
        var history = AllEvents().Where(e => e.Model == model).ToList();
        return Task.FromResult<IReadOnlyList<RegistryEvent>>(history.Count > limit ? history[^limit..] : history);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<RegistryEvent>> GetEventsAsync(int limit, CancellationToken cancellationToken = default)
    {
        CheckLimit(limit);
        var all = AllEvents();
        all.Reverse();
        return Task.FromResult<IReadOnlyList<RegistryEvent>>(all.Count > limit ? all[..limit] : all);
    }

    private static void CheckLimit(int limit)
    {
        if (limit is < 1 or > MaxEventsPerQuery) throw new ArgumentException($"limit must be between 1 and {MaxEventsPerQuery}, not {limit}.");
    }

    /// <summary>Records sort by key as they sort by sequence.</summary>
    private static string EventKey(long sequence) => sequence.ToString("D12", CultureInfo.InvariantCulture);

    [LoggerMessage(2210, LogLevel.Warning, "{Count} registry events stay pending in the coordinator's state: {Reason}")]
    private static partial void EventsNotMoved(ILogger logger, int count, string reason);
}
