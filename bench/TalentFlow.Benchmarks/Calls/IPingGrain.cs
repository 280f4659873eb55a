using Orleans;
using Orleans.Placement;

namespace TalentFlow.Benchmarks.Calls;

/// <summary>The grain of <c>bench calls</c>: one call, one integer each way (the anchor's ping grain).</summary>
[Alias("TalentFlow.Benchmarks.Calls.IPingGrain")]
public interface IPingGrain : IGrainWithStringKey
{
    [Alias("Ping")]
    ValueTask<int> PingAsync(int value);
}

/// <summary>Placed on the silo of its first caller, so the scenario chooses which silo hosts which keys.</summary>
[PreferLocalPlacement]
public sealed class PingGrain : Grain, IPingGrain
{
    private int _calls;

    public ValueTask<int> PingAsync(int value) => new(value + ++_calls - _calls);
}
