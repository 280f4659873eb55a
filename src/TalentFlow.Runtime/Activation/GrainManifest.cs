using System.Reflection;
using TalentFlow.Runtime.Invocation;

using TalentFlow.Runtime.Hosting;

namespace TalentFlow.Runtime.Activation;

/// <summary>How a grain type is placed: what clients and silos need to route a call (Orleans: the cluster manifest).</summary>
/// <param name="GrainType">The durable grain type name.</param>
/// <param name="Role">The silo role required, or null for any silo.</param>
/// <param name="IsStatelessWorker">Whether calls run on a local pool rather than one activation.</param>
public sealed record GrainTypePlacement(string GrainType, string? Role, bool IsStatelessWorker);

/// <summary>The grain classes a silo hosts and the interface → grain type map; clients fetch it from a gateway.</summary>
public sealed record ClusterManifest(
    IReadOnlyDictionary<string, GrainTypePlacement> GrainTypes,
    IReadOnlyDictionary<string, string> InterfaceToGrainType);

/// <summary>Builds the silo's grain classes from the assemblies it was given.</summary>
internal sealed class GrainManifest
{
    private readonly Dictionary<string, GrainClassInfo> _byGrainType = new(StringComparer.Ordinal);

    public GrainManifest(IEnumerable<Assembly> grainAssemblies)
    {
        var interfaceToType = new Dictionary<string, string>(StringComparer.Ordinal);
        var ambiguous = new HashSet<string>(StringComparer.Ordinal);
        foreach (var assembly in grainAssemblies.Distinct())
        {
            GrainInterfaceRegistry.RegisterAssembly(assembly);
            foreach (var type in assembly.GetTypes())
            {
                if (type.IsClass && !type.IsAbstract && typeof(Grain).IsAssignableFrom(type))
                {
                    RegisterClass(type, interfaceToType, ambiguous);
                }
            }
        }
        foreach (var name in ambiguous) interfaceToType.Remove(name);
        var placements = new Dictionary<string, GrainTypePlacement>(StringComparer.Ordinal);
        foreach (var (name, info) in _byGrainType) placements[name] = new GrainTypePlacement(name, info.Role, info.IsStatelessWorker);
        Manifest = new ClusterManifest(placements, interfaceToType);
    }

    public ClusterManifest Manifest { get; }

    public GrainClassInfo? GetClass(string grainType) => _byGrainType.GetValueOrDefault(grainType);

    public IEnumerable<GrainClassInfo> Classes => _byGrainType.Values;

    private void RegisterClass(Type type, Dictionary<string, string> interfaceToType, HashSet<string> ambiguous)
    {
        var interfaces = new List<GrainInterfaceMetadata>();
        foreach (var candidate in type.GetInterfaces())
        {
            if (candidate == typeof(IGrain) || !typeof(IGrain).IsAssignableFrom(candidate)) continue;
            GrainInterfaceRegistry.RegisterAssembly(candidate.Assembly);
            interfaces.Add(GrainInterfaceRegistry.Get(candidate));
        }
        var info = new GrainClassInfo(type, interfaces);
        if (!_byGrainType.TryAdd(info.GrainType, info))
        {
            throw new InvalidOperationException(
                $"Grain classes {_byGrainType[info.GrainType].ClassType.FullName} and {type.FullName} share the grain type " +
                $"'{info.GrainType}': give one a [GrainType(\"...\")].");
        }
        foreach (var metadata in interfaces)
        {
            // IRemindable and other shared interfaces are reached by GrainId, never by key alone.
            if (metadata.InterfaceType == typeof(IRemindable)) continue;
            if (!interfaceToType.TryAdd(metadata.InterfaceName, info.GrainType)) ambiguous.Add(metadata.InterfaceName);
        }
    }
}
