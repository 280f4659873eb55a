using System.Collections.Concurrent;
using System.Reflection;

namespace TalentFlow.Runtime.Invocation;

/// <summary>
/// Finds the generated metadata of grain interfaces, by type (proxies) and by durable name (calls arriving from the network).
/// Metadata is per assembly and immutable, so one process-wide registry serves every silo and client in the process.
/// </summary>
internal static class GrainInterfaceRegistry
{
    private static readonly ConcurrentDictionary<Type, GrainInterfaceMetadata> ByType = new();
    private static readonly ConcurrentDictionary<string, GrainInterfaceMetadata> ByName = new(StringComparer.Ordinal);
    // Lazy, so that a second caller waits for the first to finish filling the maps instead of finding them half filled
    // (silos started in parallel used to fail with "no generated proxy" for an interface still being registered).
    private static readonly ConcurrentDictionary<Assembly, Lazy<bool>> Scanned = new();

    public static GrainInterfaceMetadata Get(Type interfaceType)
    {
        if (ByType.TryGetValue(interfaceType, out var metadata)) return metadata;
        RegisterAssembly(interfaceType.Assembly);
        return ByType.TryGetValue(interfaceType, out metadata)
            ? metadata
            : throw new InvalidOperationException(
                $"No generated proxy for grain interface {interfaceType.FullName}: does its project import eng/GrainCodeGen.props, " +
                "and does the interface extend IGrain?");
    }

    public static bool TryGet(string interfaceName, out GrainInterfaceMetadata metadata) =>
        ByName.TryGetValue(interfaceName, out metadata!);

    public static void RegisterAssembly(Assembly assembly) =>
        _ = Scanned.GetOrAdd(assembly, static a => new Lazy<bool>(() => Scan(a), LazyThreadSafetyMode.ExecutionAndPublication)).Value;

    private static bool Scan(Assembly assembly)
    {
        foreach (var attribute in assembly.GetCustomAttributes<GrainMetadataProviderAttribute>())
        {
            var provider = (IGrainMetadataProvider)Activator.CreateInstance(attribute.ProviderType)!;
            foreach (var metadata in provider.GetInterfaces())
            {
                ByType[metadata.InterfaceType] = metadata;
                ByName[metadata.InterfaceName] = metadata;
            }
        }
        return true;
    }
}
