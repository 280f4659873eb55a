using System.Globalization;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;
using TalentFlow.Contracts.Training.Registry;
using TalentFlow.Hosting.Records;

namespace TalentFlow.Grains.Training.Registry;

/// <summary>
/// A registry's audit trail. A change appends its events to <see cref="ModelRegistryState.PendingEvents"/>, which commit in
/// the same state write as the change; afterwards they move to one keyed record each (so the state row does not grow with
/// the history) and go to the <see cref="IRegistryEventSink"/>. A failed move is retried at the next change or activation.
/// </summary>
internal sealed partial class RegistryEventLog(
    IPersistentState<ModelRegistryState> state, IPersistentRecords<RegistryEvent> records, IRegistryEventSink sink, ILogger logger)
{
    /// <summary>The most events one query answers: 1,000.</summary>
    public const int MaxPerQuery = 1000;

    /// <summary>Appends an event to the pending ones of the state (the caller commits it).</summary>
    public void Record(string model, string kind, string? version, string? previous, string? alias, string? stage, RegistryChange change, DateTimeOffset at) =>
        state.State.PendingEvents.Add(new RegistryEvent(Guid.NewGuid().ToString("N"), ++state.State.EventSequence, model, kind, version, previous, alias, stage,
            change.Actor, change.Reason, at));

    /// <summary>Moves the committed pending events to their records, then hands them to the sink.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        var pending = state.State.PendingEvents;
        if (pending.Count == 0) return;
        var moving = pending.ToList();
        try
        {
            // A record written twice (a flush cut short, then retried) is the same event under the same key.
            foreach (var e in moving) await records.WriteAsync(Key(e.Sequence), e, cancellationToken).ConfigureAwait(true);
            pending.Clear();
            await state.WriteStateAsync(cancellationToken).ConfigureAwait(true);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The change is durable with its events in the state row; they move at the next change or activation.
            if (pending.Count == 0) pending.AddRange(moving);
            NotMoved(logger, moving.Count, ex.Message);
            return;
        }
        foreach (var e in moving) sink.Publish(e);
    }

    /// <summary>
    /// Writes events taken over from the coordinator straight to their records, numbered from 1 in their order: they were
    /// published when they happened, so the sink does not get them again. Rewriting one (a take-over cut short) is idempotent.
    /// </summary>
    public async Task<long> ImportAsync(IReadOnlyList<RegistryEvent> events, CancellationToken cancellationToken)
    {
        long sequence = 0;
        foreach (var e in events.OrderBy(e => e.Sequence))
        {
            var renumbered = e with { Sequence = ++sequence };
            await records.WriteAsync(Key(renumbered.Sequence), renumbered, cancellationToken).ConfigureAwait(true);
        }
        return sequence;
    }

    /// <summary>Every event, committed ones from the records and the pending ones from the state, in sequence order.</summary>
    public List<RegistryEvent> All()
    {
        var all = new List<RegistryEvent>(records.Records.Count + state.State.PendingEvents.Count);
        all.AddRange(records.Records.Values);
        foreach (var e in state.State.PendingEvents)
        {
            if (!records.Records.ContainsKey(Key(e.Sequence))) all.Add(e);
        }
        all.Sort(static (a, b) => a.Sequence.CompareTo(b.Sequence));
        return all;
    }

    /// <summary>The last <paramref name="limit"/> events, oldest first.</summary>
    public IReadOnlyList<RegistryEvent> Last(int limit)
    {
        CheckLimit(limit);
        var all = All();
        return all.Count > limit ? all[^limit..] : all;
    }

    /// <exception cref="ArgumentException"><paramref name="limit"/> outside 1–<see cref="MaxPerQuery"/>.</exception>
    public static void CheckLimit(int limit)
    {
        if (limit is < 1 or > MaxPerQuery) throw new ArgumentException($"limit must be between 1 and {MaxPerQuery}, not {limit}.");
    }

    /// <summary>Records sort by key as they sort by sequence.</summary>
    private static string Key(long sequence) => sequence.ToString("D12", CultureInfo.InvariantCulture);

    [LoggerMessage(2210, LogLevel.Warning, "{Count} registry events stay pending in the registry's state: {Reason}")]
    private static partial void NotMoved(ILogger logger, int count, string reason);
}
