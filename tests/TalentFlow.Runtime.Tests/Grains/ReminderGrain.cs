using System.Collections.Concurrent;
using TalentFlow.Runtime;

namespace TalentFlow.Runtime.Tests.Grains;

public interface IReminderGrain : IGrain
{
    Task StartAsync(TimeSpan period);

    Task<bool> StopAsync();
}

/// <summary>Counts reminder ticks per key in a static map (ticks may arrive at any activation).</summary>
public sealed class ReminderGrain : Grain, IReminderGrain, IRemindable
{
    public static readonly ConcurrentDictionary<string, int> Ticks = new();

    public Task StartAsync(TimeSpan period) => RegisterOrUpdateReminderAsync("tick", period, period);

    public Task<bool> StopAsync() => UnregisterReminderAsync("tick");

    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        Ticks.AddOrUpdate(GrainKey, 1, (_, n) => n + 1);
        return Task.CompletedTask;
    }
}

public interface ITimerGrain : IGrain
{
    Task StartAsync(TimeSpan period);

    Task<int> TicksAsync();
}

public sealed class TimerGrain : Grain, ITimerGrain
{
    private int _ticks;

    public Task StartAsync(TimeSpan period)
    {
        RegisterTimer(_ => { _ticks++; return Task.CompletedTask; }, period, period);
        return Task.CompletedTask;
    }

    public Task<int> TicksAsync() => Task.FromResult(_ticks);
}
