using System.Diagnostics;
using TalentFlow.Runtime.Invocation;
using TalentFlow.Runtime.Statistics;
using TalentFlow.Runtime.Storage;

using TalentFlow.Runtime.Hosting;

namespace TalentFlow.Runtime.Activation;

/// <summary>
/// One activation of a grain: its instance and its mailbox. A call starts at once when the activation is idle (on the caller's
/// thread, no hop); otherwise it waits in FIFO order. Calls that may interleave (reentrant classes, read-only and
/// always-interleave methods) run on the activation's exclusive scheduler, so turns never run in parallel.
/// </summary>
internal sealed partial class ActivationData
{
    [ThreadStatic] private static ActivationData? t_constructing;

    private readonly object _lock = new();
    private readonly Queue<WorkItem> _pending = new();
    private readonly TaskScheduler? _scheduler;
    private ActivationState _state = ActivationState.Creating;
    private int _running;
    private int _runningNonReadOnly;
    private DeactivationReason? _deactivationRequested;
    private volatile bool _touched = true;
    private DateTimeOffset _lastActive;
    private DateTimeOffset _keepAliveUntil;
    private object? _instance;
    private readonly TaskCompletionSource _deactivated = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ActivationData(ActivationKey key, GrainClassInfo grainClass, SiloRuntime runtime)
    {
        Key = key;
        GrainId = key.GrainId;
        GrainClass = grainClass;
        Runtime = runtime;
        _lastActive = runtime.TimeProvider.GetUtcNow();
        if (grainClass.HasInterleavingMethods) _scheduler = new ConcurrentExclusiveSchedulerPair().ExclusiveScheduler;
    }

    /// <summary>The activation whose grain constructor is running on this thread (read by <see cref="Grain"/>'s constructor).</summary>
    internal static ActivationData? Constructing => t_constructing;

    public ActivationKey Key { get; }

    public GrainId GrainId { get; }

    public GrainClassInfo GrainClass { get; }

    public SiloRuntime Runtime { get; }

    public ActivationState State
    {
        get { lock (_lock) return _state; }
    }

    /// <summary>Completes when the activation has gone away.</summary>
    public Task Deactivated => _deactivated.Task;

    /// <summary>Delivers a call. The invoker runs the request on the grain instance; <paramref name="state"/> avoids a closure.</summary>
    public ValueTask<TOut> InvokeAsync<TOut, TState>(GrainRequest request, TState state, Func<object, GrainRequest, TState, ValueTask<TOut>> invoker)
    {
        bool readOnly = (request.Options & GrainMethodOptions.ReadOnly) != 0;
        bool interleave = GrainClass.IsReentrant || (request.Options & GrainMethodOptions.AlwaysInterleave) != 0;
        lock (_lock)
        {
            if (_state == ActivationState.Invalid) return ValueTask.FromException<TOut>(new ActivationGoneException(GrainId));
            // Interleaving calls pass the queue: a call that releases a blocked turn ([AlwaysInterleave]) must not wait behind it.
            if (_state != ActivationState.Valid || (_pending.Count > 0 && !interleave) || _deactivationRequested is not null
                || !CanStart(readOnly, interleave))
            {
                var item = new CallItem<TOut, TState>(request, state, invoker, readOnly, interleave);
                _pending.Enqueue(item);
                return new ValueTask<TOut>(item.Task);
            }
            _running++;
            if (!readOnly) _runningNonReadOnly++;
        }
        _touched = true;
        return RunStarted(request, state, invoker, readOnly);
    }

    private bool CanStart(bool readOnly, bool interleave) =>
        _running == 0 || interleave || (readOnly && _runningNonReadOnly == 0);

    private ValueTask<TOut> RunStarted<TOut, TState>(GrainRequest request, TState state, Func<object, GrainRequest, TState, ValueTask<TOut>> invoker, bool readOnly)
    {
        long start = Stopwatch.GetTimestamp();
        var stats = GrainClass.StatisticsFor(request);
        ValueTask<TOut> call;
        try
        {
            call = _scheduler is null
                ? invoker(_instance!, request, state)
                : new ValueTask<TOut>(Task.Factory.StartNew(
                    () => invoker(_instance!, request, state).AsTask(), CancellationToken.None, TaskCreationOptions.DenyChildAttach, _scheduler).Unwrap());
        }
        catch (Exception ex)
        {
            OnTurnCompleted(readOnly, stats, start, ex);
            return ValueTask.FromException<TOut>(ex);
        }
        if (call.IsCompletedSuccessfully)
        {
            OnTurnCompleted(readOnly, stats, start, null);
            return call;
        }
        return AwaitTurn(call, readOnly, stats, start);
    }

    private async ValueTask<TOut> AwaitTurn<TOut>(ValueTask<TOut> call, bool readOnly, MethodStatistics? stats, long start)
    {
        Exception? error = null;
        try
        {
            return await call.ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            error = ex;
            throw;
        }
        finally
        {
            OnTurnCompleted(readOnly, stats, start, error);
        }
    }

    private void OnTurnCompleted(bool readOnly, MethodStatistics? stats, long start, Exception? error)
    {
        stats?.Record(start, error is not null);
        List<WorkItem>? startable = null;
        bool deactivate = false;
        lock (_lock)
        {
            _running--;
            if (!readOnly) _runningNonReadOnly--;
            if (error is InconsistentStateException) _deactivationRequested ??= DeactivationReason.InconsistentState;
            if (_deactivationRequested is not null)
            {
                if (_running == 0 && _state == ActivationState.Valid)
                {
                    _state = ActivationState.Deactivating;
                    deactivate = true;
                }
            }
            else
            {
                startable = DequeueStartable();
            }
        }
        if (deactivate) _ = DeactivateCoreAsync(_deactivationRequested!.Value);
        StartAll(startable);
    }

    /// <summary>Under the lock: the pending items that may start now, in FIFO order, counted as running.</summary>
    private List<WorkItem>? DequeueStartable()
    {
        List<WorkItem>? startable = null;
        while (_pending.Count > 0)
        {
            var next = _pending.Peek();
            if (!CanStart(next.ReadOnly, next.Interleave)) break;
            _pending.Dequeue();
            _running++;
            if (!next.ReadOnly) _runningNonReadOnly++;
            (startable ??= []).Add(next);
        }
        return startable;
    }

    private void StartAll(List<WorkItem>? items)
    {
        if (items is null) return;
        foreach (var item in items)
        {
            // A hop to the pool: the finishing turn's thread must not run another caller's turn (deep stacks, unfairness).
            ThreadPool.UnsafeQueueUserWorkItem(static s => s.Item1.Start(s.Item2), (item, this), preferLocal: false);
        }
    }

    private abstract class WorkItem(bool readOnly, bool interleave)
    {
        public bool ReadOnly { get; } = readOnly;

        public bool Interleave { get; } = interleave;

        public abstract void Start(ActivationData activation);

        public abstract void Fail(Exception error);
    }

    private sealed class CallItem<TOut, TState>(
        GrainRequest request, TState state, Func<object, GrainRequest, TState, ValueTask<TOut>> invoker, bool readOnly, bool interleave)
        : WorkItem(readOnly, interleave)
    {
        private readonly TaskCompletionSource<TOut> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task<TOut> Task => _completion.Task;

        public override void Start(ActivationData activation)
        {
            activation._touched = true;
            var call = activation.RunStarted(request, state, invoker, ReadOnly);
            if (call.IsCompletedSuccessfully) _completion.TrySetResult(call.Result);
            else _ = Complete(call);
        }

        public override void Fail(Exception error) => _completion.TrySetException(error);

        private async Task Complete(ValueTask<TOut> call)
        {
            try
            {
                _completion.TrySetResult(await call.ConfigureAwait(false));
            }
            catch (OperationCanceledException ex)
            {
                _completion.TrySetCanceled(ex.CancellationToken);
            }
            catch (Exception ex)
            {
                _completion.TrySetException(ex);
            }
        }
    }
}

/// <summary>The life of an activation.</summary>
internal enum ActivationState
{
    Creating,
    Valid,
    Deactivating,
    Invalid,
}

/// <summary>The activation went away before the call started; the router sends the call again, to the current owner.</summary>
internal sealed class ActivationGoneException(GrainId grainId) : Exception($"The activation of {grainId} was deactivated before the call started.")
{
    public GrainId GrainId { get; } = grainId;
}
