using TalentFlow.Runtime;

namespace TalentFlow.Runtime.Tests.Grains;

public interface ITurnGrain : IGrain
{
    /// <summary>Enters, yields a few times, leaves; returns the most turns it saw inside at once.</summary>
    Task<int> WorkAsync(int yields);

    [ReadOnly]
    Task<int> ReadAsync(int delayMs);

    Task<int> MaxConcurrentAsync();

    Task BlockAsync();

    [AlwaysInterleave]
    Task ReleaseAsync();

    Task<string> ThrowAsync(string message);

    Task<string> EchoAsync(string text);
}

/// <summary>Measures how many calls are inside it at once.</summary>
public sealed class TurnGrain : Grain, ITurnGrain
{
    private int _inside;
    private int _max;
    private TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public async Task<int> WorkAsync(int yields)
    {
        int now = Interlocked.Increment(ref _inside);
        _max = Math.Max(_max, now);
        for (int i = 0; i < yields; i++) await Task.Yield();
        Interlocked.Decrement(ref _inside);
        return _max;
    }

    public async Task<int> ReadAsync(int delayMs)
    {
        int now = Interlocked.Increment(ref _inside);
        _max = Math.Max(_max, now);
        await Task.Delay(delayMs);
        Interlocked.Decrement(ref _inside);
        return now;
    }

    public Task<int> MaxConcurrentAsync() => Task.FromResult(_max);

    public Task BlockAsync() => _gate.Task;

    public Task ReleaseAsync()
    {
        _gate.TrySetResult();
        _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);
        return Task.CompletedTask;
    }

    public Task<string> ThrowAsync(string message) => throw new ArgumentException(message);

    public Task<string> EchoAsync(string text) => Task.FromResult(text);
}

public interface IReentrantTurnGrain : IGrain
{
    Task<int> WorkAsync(int yields);

    Task<int> ThreadsInsideAsync();
}

/// <summary>Reentrant: calls interleave, but turns must still never run in parallel.</summary>
[Reentrant]
public sealed class ReentrantTurnGrain : Grain, IReentrantTurnGrain
{
    private int _inside;
    private int _maxInside;
    private int _running;
    private int _maxParallel;

    public async Task<int> WorkAsync(int yields)
    {
        _inside++;
        _maxInside = Math.Max(_maxInside, _inside);
        for (int i = 0; i < yields; i++)
        {
            int parallel = Interlocked.Increment(ref _running);
            _maxParallel = Math.Max(_maxParallel, parallel);
            Thread.SpinWait(2000);
            Interlocked.Decrement(ref _running);
            // A real wait (not a Yield, which resumes at once on an idle scheduler) so that calls arriving over the
            // network find this one still inside.
            await Task.Delay(1);
        }
        _inside--;
        return _maxInside;
    }

    public Task<int> ThreadsInsideAsync() => Task.FromResult(_maxParallel);
}

public interface IWorkerGrain : IGrain
{
    Task<int> InstanceAsync();
}

[StatelessWorker(2)]
public sealed class WorkerGrain : Grain, IWorkerGrain
{
    private static int s_instances;
    private readonly int _instance = Interlocked.Increment(ref s_instances);

    public async Task<int> InstanceAsync()
    {
        await Task.Delay(20);
        return _instance;
    }
}
