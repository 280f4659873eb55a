namespace TalentFlow.Runtime;

/// <summary>
/// A grain's durable state, injected into its constructor with <see cref="PersistentStateAttribute"/> and read before
/// activation (Orleans: <c>IPersistentState&lt;TState&gt;</c>). Writes are fenced by <see cref="Version"/>.
/// </summary>
/// <typeparam name="TState">A JSON-serializable class with a public parameterless constructor.</typeparam>
public interface IPersistentState<TState> where TState : class, new()
{
    /// <summary>The state; a new instance when none was stored.</summary>
    TState State { get; set; }

    /// <summary>The integer ETag read or written last; 0 when no row exists.</summary>
    long Version { get; }

    /// <summary>Whether a non-cleared state is stored.</summary>
    bool RecordExists { get; }

    /// <summary>Reads the state again from storage.</summary>
    Task ReadStateAsync(CancellationToken cancellationToken = default);

    /// <summary>Writes the state; throws <see cref="Storage.InconsistentStateException"/> when another writer got there first.</summary>
    Task WriteStateAsync(CancellationToken cancellationToken = default);

    /// <summary>Clears the stored state and resets <see cref="State"/> to a new instance.</summary>
    Task ClearStateAsync(CancellationToken cancellationToken = default);
}
