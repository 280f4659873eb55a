using System.Collections.Concurrent;
using TalentFlow.Hosting.Records;

namespace TalentFlow.Hosting.Tests.Postgres;

public sealed class CounterState
{
    public int Value { get; set; }

    public List<string> History { get; set; } = [];
}

public interface ICounterGrain : IGrainWithStringKey
{
    Task<int> AddAsync(int delta, string note);

    Task<(int Value, string[] History, string[] Notes)> GetAsync();
}

/// <summary>Grain state through Orleans' ADO.NET storage and keyed records through ours, both on PostgreSQL.</summary>
public sealed class CounterGrain(
    [PersistentState("counter")] IPersistentState<CounterState> state,
    [PersistentRecords("notes")] IPersistentRecords<NoteRecord> notes) : Grain, ICounterGrain
{
    public async Task<int> AddAsync(int delta, string note)
    {
        state.State.Value += delta;
        state.State.History.Add(note);
        await state.WriteStateAsync();
        await notes.WriteAsync(note, new NoteRecord(note, delta));
        return state.State.Value;
    }

    public Task<(int Value, string[] History, string[] Notes)> GetAsync() =>
        Task.FromResult((state.State.Value, state.State.History.ToArray(), notes.Records.Keys.Order(StringComparer.Ordinal).ToArray()));
}

public sealed record NoteRecord(string Note, int Delta);

/// <summary>Every reminder tick, by grain key, shared by the test and the silos of its cluster.</summary>
public sealed class TickLog
{
    public ConcurrentDictionary<string, ConcurrentQueue<(string Silo, long At)>> ByGrain { get; } = new();

    public void Add(string grain, string silo, long at) => ByGrain.GetOrAdd(grain, _ => new()).Enqueue((silo, at));

    public int TicksSince(string grain, long since) => ByGrain.TryGetValue(grain, out var q) ? q.Count(t => t.At > since) : 0;
}

public interface IReminderProbeGrain : IGrainWithStringKey
{
    Task StartAsync(TimeSpan period);
}

public sealed class ReminderProbeGrain(TickLog log, ILocalSiloDetails silo, TimeProvider time) : Grain, IReminderProbeGrain, IRemindable
{
    public Task StartAsync(TimeSpan period) => this.RegisterOrUpdateReminder("tick", period, period);

    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        log.Add(this.GetPrimaryKeyString(), silo.Name, time.GetTimestamp());
        return Task.CompletedTask;
    }
}
