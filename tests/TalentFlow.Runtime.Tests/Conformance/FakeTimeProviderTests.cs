using TalentFlow.TestKit;

namespace TalentFlow.Runtime.Tests.Conformance;

/// <summary>The test kit's clock: time moves only on Advance, timers fire in order, Change and Dispose are honoured.</summary>
public sealed class FakeTimeProviderTests
{
    private static FakeTimeProvider CreateSut() => new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    [Fact]
    public void GetUtcNow_WithoutAdvance_StaysAtStart()
    {
        var time = CreateSut();

        Assert.Equal(time.Start, time.GetUtcNow());
        Assert.Equal(TimeSpan.Zero, time.GetElapsedTime(time.GetTimestamp()));
    }

    [Fact]
    public void Advance_PastDueTime_FiresOneShotTimerOnceAtItsDueTime()
    {
        var time = CreateSut();
        var fired = new List<DateTimeOffset>();
        using var timer = time.CreateTimer(_ => fired.Add(time.GetUtcNow()), null, TimeSpan.FromSeconds(5), Timeout.InfiniteTimeSpan);

        time.Advance(TimeSpan.FromSeconds(4));
        Assert.Empty(fired);
        time.Advance(TimeSpan.FromSeconds(10));

        Assert.Equal([time.Start.AddSeconds(5)], fired);
        Assert.Equal(time.Start.AddSeconds(14), time.GetUtcNow());
    }

    [Fact]
    public void Advance_OverSeveralPeriods_FiresPeriodicTimerEachPeriodInOrderWithOthers()
    {
        var time = CreateSut();
        var fired = new List<string>();
        using var every2 = time.CreateTimer(_ => fired.Add("2s@" + (time.GetUtcNow() - time.Start).TotalSeconds), null, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(2));
        using var at3 = time.CreateTimer(_ => fired.Add("3s@" + (time.GetUtcNow() - time.Start).TotalSeconds), null, TimeSpan.FromSeconds(3), Timeout.InfiniteTimeSpan);

        time.Advance(TimeSpan.FromSeconds(6));

        Assert.Equal(["2s@2", "3s@3", "2s@4", "2s@6"], fired);
    }

    [Fact]
    public void Change_ToInfinite_StopsTimerAndDispose_StopsItForGood()
    {
        var time = CreateSut();
        int ticks = 0;
        var timer = time.CreateTimer(_ => ticks++, null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
        time.Advance(TimeSpan.FromSeconds(1));

        Assert.True(timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan));
        time.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(1, ticks);
        Assert.True(timer.Change(TimeSpan.FromSeconds(1), TimeSpan.Zero));
        time.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(2, ticks);
        timer.Dispose();

        Assert.False(timer.Change(TimeSpan.Zero, TimeSpan.FromSeconds(1)));
        time.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(2, ticks);
        Assert.Equal(0, time.ScheduledTimers);
    }

    [Fact]
    public async Task Delay_WithFakeTime_CompletesOnlyAfterAdvance()
    {
        var time = CreateSut();
        var delay = Task.Delay(TimeSpan.FromMinutes(15), time);

        time.Advance(TimeSpan.FromMinutes(14));
        Assert.False(delay.IsCompleted);
        time.Advance(TimeSpan.FromMinutes(1));

        await delay.WaitAsync(TimeSpan.FromSeconds(5), TimeProvider.System);
        Assert.True(delay.IsCompletedSuccessfully);
    }

    [Fact]
    public void Advance_CallbackCreatesTimer_NewTimerFiresWithinTheSameAdvanceWhenDue()
    {
        var time = CreateSut();
        var fired = new List<double>();
        ITimer? inner = null;
        using var outer = time.CreateTimer(_ =>
        {
            fired.Add((time.GetUtcNow() - time.Start).TotalSeconds);
            inner = time.CreateTimer(_ => fired.Add((time.GetUtcNow() - time.Start).TotalSeconds), null, TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan);
        }, null, TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan);

        time.Advance(TimeSpan.FromSeconds(3));

        Assert.Equal([1d, 2d], fired);
        inner?.Dispose();
    }

    [Fact]
    public void SetUtcNow_Backwards_Throws()
    {
        var time = CreateSut();
        time.Advance(TimeSpan.FromSeconds(1));

        Assert.Throws<ArgumentOutOfRangeException>(() => time.SetUtcNow(time.Start));
    }

    [Fact]
    public async Task Advance_FromManyThreads_MovesTimeByTheSum()
    {
        var time = CreateSut();
        int ticks = 0;
        using var timer = time.CreateTimer(_ => Interlocked.Increment(ref ticks), null, TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(10));

        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
        {
            for (int i = 0; i < 100; i++) time.Advance(TimeSpan.FromMilliseconds(1));
        })));

        Assert.Equal(time.Start.AddMilliseconds(800), time.GetUtcNow());
        Assert.Equal(80, ticks);
    }

    [Fact]
    public void Advance_FromInsideATimerCallback_ThrowsInsteadOfDeadlocking()
    {
        var time = CreateSut();
        Exception? error = null;
        using var timer = time.CreateTimer(_ => error = Record.Exception(() => time.Advance(TimeSpan.FromSeconds(1))), null, TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan);

        time.Advance(TimeSpan.FromSeconds(2));

        Assert.IsType<InvalidOperationException>(error);
        Assert.Equal(time.Start.AddSeconds(2), time.GetUtcNow());
    }
}
