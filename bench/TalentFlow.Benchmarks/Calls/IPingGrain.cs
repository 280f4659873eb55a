using TalentFlow.Runtime;

namespace TalentFlow.Benchmarks.Calls;

public interface IPingGrain : IGrain
{
    ValueTask<int> PingAsync(int value);
}

public sealed class PingGrain : Grain, IPingGrain
{
    private int _calls;

    public ValueTask<int> PingAsync(int value) => new(value + ++_calls - _calls);
}
