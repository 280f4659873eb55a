using TalentFlow.Runtime.Hosting;

namespace TalentFlow.Runtime.Activation;

internal sealed partial class ActivationData
{
    private List<GrainTimer>? _timers;

    /// <summary>Creates the grain, reads its state and runs OnActivateAsync; calls wait in the mailbox meanwhile.</summary>
    public async Task ActivateAsync()
    {
        try
        {
            var instance = CreateInstance();
            await GrainActivator.ReadStatesAsync(instance, Runtime.ShutdownToken).ConfigureAwait(false);
            _instance = instance.Grain;
            await RunOnSchedulerAsync(() => ((Grain)_instance).OnActivateAsync(Runtime.ShutdownToken)).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            Runtime.Log.ActivationFailed(ex, GrainId);
            List<WorkItem> failed;
            lock (_lock)
            {
                _state = ActivationState.Invalid;
                failed = [.. _pending];
                _pending.Clear();
            }
            Runtime.Catalog.Remove(this);
            _deactivated.TrySetResult();
            var error = new GrainActivationException(GrainId, ex);
            foreach (var item in failed) item.Fail(error);
            return;
        }
        List<WorkItem>? startable;
        bool deactivate = false;
        lock (_lock)
        {
            _state = ActivationState.Valid;
            if (_deactivationRequested is not null && _running == 0)
            {
                _state = ActivationState.Deactivating;
                deactivate = true;
                startable = null;
            }
            else
            {
                startable = DequeueStartable();
            }
        }
        if (deactivate) _ = DeactivateCoreAsync(_deactivationRequested!.Value);
        StartAll(startable);
    }

    private GrainActivator.CreatedGrain CreateInstance()
    {
        t_constructing = this;
        try
        {
            return Runtime.Activator.Create(GrainClass, GrainId);
        }
        finally
        {
            t_constructing = null;
        }
    }

    /// <summary>Asks the activation to go away once no call runs; returns when it has.</summary>
    public Task DeactivateAsync(DeactivationReason reason)
    {
        RequestDeactivation(reason);
        return _deactivated.Task;
    }

    public void RequestDeactivation(DeactivationReason reason)
    {
        bool start = false;
        lock (_lock)
        {
            if (_state is ActivationState.Invalid or ActivationState.Deactivating || _deactivationRequested is not null) return;
            _deactivationRequested = reason;
            if (_running == 0 && _state == ActivationState.Valid)
            {
                _state = ActivationState.Deactivating;
                start = true;
            }
        }
        if (start) _ = DeactivateCoreAsync(reason);
    }

    public void DelayDeactivation(TimeSpan timeSpan)
    {
        var until = Runtime.TimeProvider.GetUtcNow() + timeSpan;
        lock (_lock)
        {
            if (until > _keepAliveUntil) _keepAliveUntil = until;
        }
    }

    /// <summary>Called by the collector each quantum: true when the activation has been idle longer than its age limit.</summary>
    public bool IsIdleLongerThan(TimeSpan age, DateTimeOffset now)
    {
        if (_touched)
        {
            _touched = false;
            lock (_lock) _lastActive = now;
            return false;
        }
        lock (_lock)
        {
            return _state == ActivationState.Valid && _running == 0 && _pending.Count == 0 && _deactivationRequested is null
                && now - _lastActive >= age && now >= _keepAliveUntil;
        }
    }

    private async Task DeactivateCoreAsync(DeactivationReason reason)
    {
        DisposeTimers();
        try
        {
            if (_instance is Grain grain)
            {
                using var timeout = new CancellationTokenSource(Runtime.Options.DeactivationTimeout, Runtime.TimeProvider);
                await RunOnSchedulerAsync(() => grain.OnDeactivateAsync(reason, timeout.Token)).ConfigureAwait(false);
            }
        }
        catch (Exception ex)
        {
            Runtime.Log.DeactivationFailed(ex, GrainId);
        }
        List<WorkItem> rerouted;
        lock (_lock)
        {
            _state = ActivationState.Invalid;
            rerouted = [.. _pending];
            _pending.Clear();
        }
        Runtime.Catalog.Remove(this);
        Runtime.Log.Deactivated(GrainId, reason);
        _deactivated.TrySetResult();
        var gone = new ActivationGoneException(GrainId);
        foreach (var item in rerouted) item.Fail(gone);
    }

    private Task RunOnSchedulerAsync(Func<Task> action) =>
        _scheduler is null
            ? action()
            : Task.Factory.StartNew(action, CancellationToken.None, TaskCreationOptions.DenyChildAttach, _scheduler).Unwrap();

    public IDisposable RegisterTimer(Func<CancellationToken, Task> callback, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new GrainTimer(this, callback, dueTime, period);
        lock (_lock) (_timers ??= []).Add(timer);
        return timer;
    }

    private void DisposeTimers()
    {
        GrainTimer[] timers;
        lock (_lock)
        {
            timers = _timers?.ToArray() ?? [];
            _timers = null;
        }
        foreach (var timer in timers) timer.Stop();
    }

    /// <summary>Queues a timer tick as a turn; a tick is skipped while the previous one is still waiting or running.</summary>
    private void EnqueueTimerTick(GrainTimer timer)
    {
        List<WorkItem>? startable = null;
        lock (_lock)
        {
            if (_state != ActivationState.Valid || _deactivationRequested is not null)
            {
                timer.TickDone();
                return;
            }
            var item = new TimerItem(timer);
            if (_pending.Count == 0 && CanStart(readOnly: false, interleave: false))
            {
                _running++;
                _runningNonReadOnly++;
                startable = [item];
            }
            else
            {
                _pending.Enqueue(item);
            }
        }
        StartAll(startable);
    }

    private sealed class TimerItem(GrainTimer timer) : WorkItem(readOnly: false, interleave: false)
    {
        public override void Start(ActivationData activation) => _ = Run(activation);

        public override void Fail(Exception error) => timer.TickDone();

        private async Task Run(ActivationData activation)
        {
            Exception? error = null;
            try
            {
                await activation.RunOnSchedulerAsync(() => timer.Callback(activation.Runtime.ShutdownToken)).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                error = ex;
                activation.Runtime.Log.TimerFailed(ex, activation.GrainId);
            }
            finally
            {
                timer.TickDone();
                activation.OnTurnCompleted(readOnly: false, stats: null, start: 0, error);
            }
        }
    }

    private sealed class GrainTimer : IDisposable
    {
        private readonly ActivationData _activation;
        private readonly ITimer _timer;
        private int _ticking;

        public GrainTimer(ActivationData activation, Func<CancellationToken, Task> callback, TimeSpan dueTime, TimeSpan period)
        {
            _activation = activation;
            Callback = callback;
            _timer = activation.Runtime.TimeProvider.CreateTimer(static s => ((GrainTimer)s!).Tick(), this, dueTime, period);
        }

        public Func<CancellationToken, Task> Callback { get; }

        public void TickDone() => Volatile.Write(ref _ticking, 0);

        public void Stop() => _timer.Dispose();

        public void Dispose()
        {
            Stop();
            lock (_activation._lock) _activation._timers?.Remove(this);
        }

        private void Tick()
        {
            if (Interlocked.Exchange(ref _ticking, 1) == 1) return;
            _activation.EnqueueTimerTick(this);
        }
    }
}

/// <summary>A grain could not be activated: its constructor, state read or OnActivateAsync threw.</summary>
public sealed class GrainActivationException(GrainId grainId, Exception inner)
    : Exception($"Activating {grainId} failed: {inner.Message}", inner)
{
    /// <summary>The grain that failed to activate.</summary>
    public GrainId GrainId { get; } = grainId;
}
