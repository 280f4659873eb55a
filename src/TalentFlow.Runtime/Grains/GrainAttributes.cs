namespace TalentFlow.Runtime;

/// <summary>Gives a grain class a durable type name, used in grain ids and storage (Orleans: <c>[GrainType]</c>).</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class GrainTypeAttribute(string name) : Attribute
{
    /// <summary>The durable grain type name.</summary>
    public string Name { get; } = name;
}

/// <summary>Gives a grain interface a durable name on the wire, so it can be renamed or moved in code.</summary>
[AttributeUsage(AttributeTargets.Interface, Inherited = false)]
public sealed class GrainInterfaceNameAttribute(string name) : Attribute
{
    /// <summary>The durable interface name.</summary>
    public string Name { get; } = name;
}

/// <summary>
/// Marks a grain method as read-only: read-only calls may interleave with each other, never with other calls
/// (Orleans: <c>[ReadOnly]</c>). Turns still never run in parallel.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ReadOnlyAttribute : Attribute;

/// <summary>A call to this method may interleave with any other call of the activation (Orleans: <c>[AlwaysInterleave]</c>).</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class AlwaysInterleaveAttribute : Attribute;

/// <summary>Every call to this grain class may interleave with every other (Orleans: <c>[Reentrant]</c>).</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class ReentrantAttribute : Attribute;

/// <summary>
/// A stateless worker: activated locally on the calling silo, in a pool of at most <paramref name="maxLocalWorkers"/>
/// activations (default: one per core) (Orleans: <c>[StatelessWorker]</c>).
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class StatelessWorkerAttribute(int maxLocalWorkers = 0) : Attribute
{
    /// <summary>The most activations per silo; 0 means <see cref="Environment.ProcessorCount"/>.</summary>
    public int MaxLocalWorkers { get; } = maxLocalWorkers;
}

/// <summary>Only silos that declare this role may host the grain class, e.g. <c>trainer</c>.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class PlacementRoleAttribute(string role) : Attribute
{
    /// <summary>The silo role required.</summary>
    public string Role { get; } = role;
}

/// <summary>Overrides the idle-collection age of a grain class (Orleans: <c>[CollectionAgeLimit]</c>).</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class CollectionAgeLimitAttribute(double minutes) : Attribute
{
    /// <summary>How long an activation may be idle before it is collected.</summary>
    public TimeSpan Age { get; } = TimeSpan.FromMinutes(minutes);

    /// <summary>Never collect the activation while its silo runs.</summary>
    public bool AlwaysActive { get; init; }
}

/// <summary>
/// On a grain constructor parameter of type <see cref="IPersistentState{TState}"/> or <see cref="IPersistentRecords{TRecord}"/>:
/// the state's (or record set's) name and the storage provider that holds it (Orleans: <c>[PersistentState]</c>). The state is
/// read before the grain's <c>OnActivateAsync</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Parameter)]
public sealed class PersistentStateAttribute(string stateName, string? storageName = null) : Attribute
{
    /// <summary>The state's name, unique within the grain.</summary>
    public string StateName { get; } = stateName;

    /// <summary>The storage provider's name; null for the default provider.</summary>
    public string? StorageName { get; } = storageName;
}
