using TalentFlow.Runtime;

namespace TalentFlow.Cluster.Tests;

public interface ILedgerGrain : IGrain
{
    /// <summary>Appends an entry and acknowledges once it is durable.</summary>
    Task<int> AppendAsync(int entry);

    [ReadOnly]
    Task<int[]> ReadAsync();

    Task<string?> SiloAsync();
}

public sealed class LedgerState
{
    public List<int> Entries { get; set; } = [];
}

public sealed class LedgerGrain([PersistentState("ledger")] IPersistentState<LedgerState> state, SiloName silo) : Grain, ILedgerGrain
{
    public async Task<int> AppendAsync(int entry)
    {
        state.State.Entries.Add(entry);
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            state.State.Entries.RemoveAt(state.State.Entries.Count - 1);
            throw;
        }
        return state.State.Entries.Count;
    }

    public Task<int[]> ReadAsync() => Task.FromResult(state.State.Entries.ToArray());

    public Task<string?> SiloAsync() => Task.FromResult<string?>(silo.Value);
}

public sealed record SiloName(string Value);

public interface ITickerGrain : IGrain
{
    Task StartAsync(TimeSpan period);

    [ReadOnly]
    Task<int> TicksAsync();
}

public sealed class TickerState
{
    public int Ticks { get; set; }
}

/// <summary>Counts reminder ticks in durable state, so ticks across silos and restarts add up.</summary>
public sealed class TickerGrain([PersistentState("ticks")] IPersistentState<TickerState> state) : Grain, ITickerGrain, IRemindable
{
    public Task StartAsync(TimeSpan period) => RegisterOrUpdateReminderAsync("tick", period, period);

    public Task<int> TicksAsync() => Task.FromResult(state.State.Ticks);

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        state.State.Ticks++;
        await state.WriteStateAsync();
    }
}
