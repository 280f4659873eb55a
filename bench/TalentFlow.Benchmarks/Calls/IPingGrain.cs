using Orleans;
using Orleans.Runtime;

namespace TalentFlow.Benchmarks.Calls;

/// <summary>The grain of <c>bench calls</c>, the shape of <c>../shared/anchors/orleans_calls</c>'s: ping, and a relay of pings to another grain.</summary>
[Alias("TalentFlow.Benchmarks.Calls.IPingGrain")]
public interface IPingGrain : IGrainWithStringKey
{
    /// <summary>The silo this activation lives on.</summary>
    [Alias("Where")]
    Task<string> WhereAsync();

    [Alias("Ping")]
    Task<int> PingAsync(int value);

    /// <summary><paramref name="count"/> pings to grain <paramref name="target"/>, all in flight at once.</summary>
    [Alias("Relay")]
    Task<int> RelayAsync(string target, int count);
}

public sealed class PingGrain(ILocalSiloDetails silo) : Grain, IPingGrain
{
    public Task<string> WhereAsync() => Task.FromResult(silo.SiloAddress.ToParsableString());

    public Task<int> PingAsync(int value) => Task.FromResult(value + 1);

    public async Task<int> RelayAsync(string target, int count)
    {
        var grain = GrainFactory.GetGrain<IPingGrain>(target);
        var calls = new Task<int>[count];
        for (int i = 0; i < count; i++) calls[i] = grain.PingAsync(i);
        int sum = 0;
        foreach (var call in calls) sum += await call.ConfigureAwait(true);
        return sum;
    }
}
