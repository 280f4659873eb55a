using TalentFlow.Runtime.Activation;

using TalentFlow.Runtime.Hosting;

namespace TalentFlow.Runtime;

/// <summary>Why an activation is being deactivated.</summary>
public enum DeactivationReason
{
    /// <summary>Idle longer than its collection age.</summary>
    Idle,

    /// <summary>The grain asked for it (<see cref="Grain.DeactivateOnIdle"/>).</summary>
    Requested,

    /// <summary>Its silo is shutting down gracefully.</summary>
    ShuttingDown,

    /// <summary>A state write found another writer's version (a duplicate activation); nothing more is written.</summary>
    InconsistentState,

    /// <summary>Activation failed.</summary>
    ActivationFailed,

    /// <summary>Membership changed and another silo now owns the grain.</summary>
    OwnershipMoved,
}

/// <summary>
/// Base class of grain implementations (Orleans: <c>Grain</c>). Construct only through the runtime: constructor parameters come
/// from dependency injection, and <see cref="IPersistentState{TState}"/> parameters marked with <see cref="PersistentStateAttribute"/>
/// from grain storage.
/// </summary>
public abstract class Grain
{
    private readonly ActivationData _activation;

    /// <summary>Binds the grain to the activation being created on this thread.</summary>
    protected Grain()
    {
        _activation = ActivationData.Constructing
            ?? throw new InvalidOperationException("Grains are created by the runtime: call them through IGrainFactory.GetGrain.");
    }

    /// <summary>This grain's identity.</summary>
    public GrainId GrainId => _activation.GrainId;

    /// <summary>The key part of <see cref="GrainId"/>.</summary>
    public string GrainKey => _activation.GrainId.Key;

    /// <summary>Makes references to other grains.</summary>
    public IGrainFactory GrainFactory => _activation.Runtime.GrainFactory;

    /// <summary>The silo's clock; use it instead of the system clock so tests can move time.</summary>
    protected TimeProvider TimeProvider => _activation.Runtime.TimeProvider;

    /// <summary>Called after persistent state is read, before the first call is delivered.</summary>
    public virtual Task OnActivateAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Called before the activation goes away (not when its silo is killed). Write state here if it is pending.</summary>
    public virtual Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Deactivates this activation once the current call ends.</summary>
    protected void DeactivateOnIdle() => _activation.RequestDeactivation(DeactivationReason.Requested);

    /// <summary>Keeps the activation from idle collection for at least <paramref name="timeSpan"/>.</summary>
    protected void DelayDeactivation(TimeSpan timeSpan) => _activation.DelayDeactivation(timeSpan);

    /// <summary>
    /// Registers an in-memory timer whose callback runs as a turn of this activation (never in parallel with a call); it stops
    /// when the activation goes away (Orleans: <c>RegisterGrainTimer</c>).
    /// </summary>
    protected IDisposable RegisterTimer(Func<CancellationToken, Task> callback, TimeSpan dueTime, TimeSpan period) =>
        _activation.RegisterTimer(callback, dueTime, period);

    /// <summary>
    /// Registers or updates a durable reminder: the grain (which must implement <see cref="IRemindable"/>) is called every
    /// <paramref name="period"/>, across deactivations and silo restarts (Orleans: <c>RegisterOrUpdateReminder</c>).
    /// </summary>
    protected Task RegisterOrUpdateReminderAsync(string reminderName, TimeSpan dueTime, TimeSpan period, CancellationToken cancellationToken = default) =>
        _activation.Runtime.Reminders.RegisterOrUpdateAsync(GrainId, reminderName, dueTime, period, cancellationToken);

    /// <summary>Removes a reminder; false when there was none.</summary>
    protected Task<bool> UnregisterReminderAsync(string reminderName, CancellationToken cancellationToken = default) =>
        _activation.Runtime.Reminders.UnregisterAsync(GrainId, reminderName, cancellationToken);
}
