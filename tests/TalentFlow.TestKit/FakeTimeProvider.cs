namespace TalentFlow.TestKit;

/// <summary>
/// A <see cref="TimeProvider"/> whose time moves only when a test says so (Microsoft.Extensions.TimeProvider.Testing's
/// FakeTimeProvider is not available here). <see cref="Advance"/> and <see cref="SetUtcNow"/> fire every timer that falls due,
/// in due-time order (ties in creation order), on the calling thread, with the clock set to each timer's due time while its
/// callback runs. Thread-safe; callbacks run outside the lock, so they may create, change or dispose timers (but not advance
/// time). A timer due now (due time zero) fires at the next <see cref="Advance"/>, which may be <c>Advance(TimeSpan.Zero)</c>.
/// </summary>
public sealed class FakeTimeProvider : TimeProvider
{
    private readonly Lock _lock = new();
    private readonly List<FakeTimer> _timers = [];
    private readonly SemaphoreSlim _advancing = new(1, 1);
    private DateTimeOffset _now;
    private long _sequence;
    private volatile int _firingThread;
    private TimeZoneInfo _localTimeZone = TimeZoneInfo.Utc;

    /// <summary>Starts at 2000-01-01 00:00:00 UTC.</summary>
    public FakeTimeProvider() : this(new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero)) { }

    /// <summary>Starts at <paramref name="startDateTime"/>.</summary>
    public FakeTimeProvider(DateTimeOffset startDateTime)
    {
        _now = startDateTime.ToUniversalTime();
        Start = _now;
    }

    /// <summary>The time this provider started at.</summary>
    public DateTimeOffset Start { get; }

    /// <summary>The number of timers that are scheduled (not disposed and with a finite due time).</summary>
    public int ScheduledTimers
    {
        get { lock (_lock) return _timers.Count(t => t.Due is not null); }
    }

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow()
    {
        lock (_lock) return _now;
    }

    /// <inheritdoc />
    public override TimeZoneInfo LocalTimeZone => _localTimeZone;

    /// <summary>Sets the time zone <see cref="LocalTimeZone"/> returns (default UTC).</summary>
    public void SetLocalTimeZone(TimeZoneInfo localTimeZone) => _localTimeZone = localTimeZone ?? throw new ArgumentNullException(nameof(localTimeZone));

    /// <inheritdoc />
    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    /// <inheritdoc />
    public override long GetTimestamp()
    {
        lock (_lock) return _now.UtcTicks;
    }

    /// <summary>Moves time forward by <paramref name="delta"/>, firing the timers that fall due on the way.</summary>
    public void Advance(TimeSpan delta)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delta, TimeSpan.Zero);
        MoveTo(null, delta);
    }

    /// <summary>Sets the time (never backwards), firing the timers that fall due on the way.</summary>
    public void SetUtcNow(DateTimeOffset value) => MoveTo(value.ToUniversalTime(), null);

    /// <inheritdoc />
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var timer = new FakeTimer(this, callback, state);
        lock (_lock) _timers.Add(timer);
        timer.Change(dueTime, period);
        return timer;
    }

    private void MoveTo(DateTimeOffset? target, TimeSpan? delta)
    {
        if (_firingThread == Environment.CurrentManagedThreadId)
        {
            throw new InvalidOperationException("A timer callback cannot move fake time: it would wait for itself.");
        }
        // One advance at a time, so time moves monotonically even when tests advance from several threads.
        _advancing.Wait();
        _firingThread = Environment.CurrentManagedThreadId;
        try
        {
            DateTimeOffset end;
            lock (_lock)
            {
                end = target ?? _now + delta!.Value;
                if (end < _now) throw new ArgumentOutOfRangeException(nameof(target), "Time cannot go backwards.");
            }
            while (true)
            {
                FakeTimer? next;
                lock (_lock)
                {
                    next = _timers.Where(t => t.Due is { } due && due <= end).OrderBy(t => t.Due).ThenBy(t => t.Sequence).FirstOrDefault();
                    if (next is null)
                    {
                        _now = end;
                        return;
                    }
                    if (next.Due > _now) _now = next.Due!.Value;
                    next.Due = next.Period is { } period ? _now + period : null;
                    next.Sequence = Interlocked.Increment(ref _sequence);
                }
                next.Fire();
            }
        }
        finally
        {
            _firingThread = 0;
            _advancing.Release();
        }
    }

    private sealed class FakeTimer(FakeTimeProvider owner, TimerCallback callback, object? state) : ITimer
    {
        private bool _disposed;

        public DateTimeOffset? Due { get; set; }

        public TimeSpan? Period { get; private set; }

        public long Sequence { get; set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            if (dueTime != Timeout.InfiniteTimeSpan) ArgumentOutOfRangeException.ThrowIfLessThan(dueTime, TimeSpan.Zero);
            if (period != Timeout.InfiniteTimeSpan) ArgumentOutOfRangeException.ThrowIfLessThan(period, TimeSpan.Zero);
            lock (owner._lock)
            {
                if (_disposed) return false;
                Period = period == Timeout.InfiniteTimeSpan || period == TimeSpan.Zero ? null : period;
                Due = dueTime == Timeout.InfiniteTimeSpan ? null : owner._now + dueTime;
                Sequence = Interlocked.Increment(ref owner._sequence);
            }
            return true;
        }

        public void Fire()
        {
            lock (owner._lock)
            {
                if (_disposed) return;
            }
            callback(state);
        }

        public void Dispose()
        {
            lock (owner._lock)
            {
                _disposed = true;
                Due = null;
                owner._timers.Remove(this);
            }
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
