using Orleans;
using Orleans.Concurrency;
using Orleans.Runtime;

namespace TalentFlow.Cluster.Tests;

[Alias("TalentFlow.Cluster.Tests.ILedgerGrain")]
public interface ILedgerGrain : IGrainWithStringKey
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

[GrainType("ledger")]
public sealed class LedgerGrain([PersistentState("ledger")] IPersistentState<LedgerState> state, ILocalSiloDetails silo) : Grain, ILedgerGrain
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

    public Task<string?> SiloAsync() => Task.FromResult<string?>(silo.SiloAddress.ToParsableString());
}

[Alias("TalentFlow.Cluster.Tests.ITickerGrain")]
public interface ITickerGrain : IGrainWithStringKey
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
[GrainType("ticker")]
public sealed class TickerGrain([PersistentState("ticks")] IPersistentState<TickerState> state) : Grain, ITickerGrain, IRemindable
{
    public Task StartAsync(TimeSpan period) => this.RegisterOrUpdateReminder("tick", period, period);

    public Task<int> TicksAsync() => Task.FromResult(state.State.Ticks);

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        state.State.Ticks++;
        await state.WriteStateAsync();
    }
}
