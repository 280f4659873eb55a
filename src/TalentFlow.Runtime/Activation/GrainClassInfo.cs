using System.Collections.Concurrent;
using System.Reflection;
using TalentFlow.Runtime.Invocation;
using TalentFlow.Runtime.Statistics;

using TalentFlow.Runtime.Hosting;

namespace TalentFlow.Runtime.Activation;

/// <summary>What a silo knows of one grain class: its durable type name and how its activations are scheduled and placed.</summary>
internal sealed class GrainClassInfo
{
    public GrainClassInfo(Type classType, IReadOnlyList<GrainInterfaceMetadata> interfaces)
    {
        ClassType = classType;
        Interfaces = interfaces;
        GrainType = classType.GetCustomAttribute<GrainTypeAttribute>()?.Name ?? DefaultTypeName(classType);
        IsReentrant = classType.IsDefined(typeof(ReentrantAttribute), inherit: true);
        var worker = classType.GetCustomAttribute<StatelessWorkerAttribute>();
        StatelessWorkerMax = worker is null ? 0 : worker.MaxLocalWorkers > 0 ? worker.MaxLocalWorkers : Environment.ProcessorCount;
        Role = classType.GetCustomAttribute<PlacementRoleAttribute>()?.Role;
        var age = classType.GetCustomAttribute<CollectionAgeLimitAttribute>();
        CollectionAge = age?.Age;
        AlwaysActive = age?.AlwaysActive ?? false;
        HasInterleavingMethods = IsReentrant || AnyInterleavingMethod(interfaces);
    }

    public Type ClassType { get; }

    public string GrainType { get; }

    public IReadOnlyList<GrainInterfaceMetadata> Interfaces { get; }

    public bool IsReentrant { get; }

    /// <summary>Activations run every turn on an exclusive scheduler, so interleaved calls never run in parallel.</summary>
    public bool HasInterleavingMethods { get; }

    public int StatelessWorkerMax { get; }

    public bool IsStatelessWorker => StatelessWorkerMax > 0;

    public string? Role { get; }

    public TimeSpan? CollectionAge { get; }

    public bool AlwaysActive { get; }

    /// <summary>Per-method statistics, keyed by the generated request type (a reference-equality lookup on the hot path).</summary>
    public ConcurrentDictionary<Type, MethodStatistics> Methods { get; } = new();

    public MethodStatistics StatisticsFor(GrainRequest request)
    {
        var type = request.GetType();
        return Methods.TryGetValue(type, out var stats)
            ? stats
            : Methods.GetOrAdd(type, _ => new MethodStatistics(GrainType, request.InterfaceName, request.MethodName));
    }

    private static string DefaultTypeName(Type type)
    {
        string name = type.Name;
        if (name.EndsWith("Grain", StringComparison.Ordinal) && name.Length > 5) name = name[..^5];
        return name.ToLowerInvariant();
    }

    private static bool AnyInterleavingMethod(IReadOnlyList<GrainInterfaceMetadata> interfaces)
    {
        foreach (var metadata in interfaces)
        {
            foreach (var method in metadata.MethodNames)
            {
                if (metadata.CreateRequest(method) is { Options: not GrainMethodOptions.None }) return true;
            }
        }
        return false;
    }
}
