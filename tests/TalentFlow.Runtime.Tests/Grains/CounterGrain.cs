using System.Collections.Concurrent;
using TalentFlow.Runtime;

namespace TalentFlow.Runtime.Tests.Grains;

public interface ICounterGrain : IGrain
{
    Task<int> AddAsync(int delta, CancellationToken cancellationToken = default);

    [ReadOnly]
    ValueTask<int> GetAsync();

    Task<string> WhereAsync();

    Task DeactivateAsync();
}

public sealed class CounterState
{
    public int Value { get; set; }
}

/// <summary>A persistent counter; counts its activations per key so tests can see duplicates.</summary>
public sealed class CounterGrain([PersistentState("counter")] IPersistentState<CounterState> state, SiloIdentity silo) : Grain, ICounterGrain
{
    public static readonly ConcurrentDictionary<string, int> Activations = new();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        Activations.AddOrUpdate(GrainKey, 1, (_, n) => n + 1);
        return Task.CompletedTask;
    }

    public async Task<int> AddAsync(int delta, CancellationToken cancellationToken)
    {
        state.State.Value += delta;
        await state.WriteStateAsync(cancellationToken);
        return state.State.Value;
    }

    public ValueTask<int> GetAsync() => new(state.State.Value);

    public Task<string> WhereAsync() => Task.FromResult(silo.Name);

    public Task DeactivateAsync()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }
}

/// <summary>Registered in each test silo so grains can say where they run.</summary>
public sealed record SiloIdentity(string Name);
