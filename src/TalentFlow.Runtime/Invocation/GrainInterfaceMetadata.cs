namespace TalentFlow.Runtime.Invocation;

/// <summary>What the code generator knows of one grain interface: its durable name, proxy and requests.</summary>
public abstract class GrainInterfaceMetadata
{
    /// <summary>The interface type.</summary>
    public abstract Type InterfaceType { get; }

    /// <summary>The durable name (<see cref="GrainInterfaceNameAttribute"/>, else the full type name).</summary>
    public abstract string InterfaceName { get; }

    /// <summary>The method keys of the interface, inherited grain methods included.</summary>
    public abstract IReadOnlyList<string> MethodNames { get; }

    /// <summary>Creates the generated proxy.</summary>
    public abstract GrainProxy CreateProxy(GrainReference reference);

    /// <summary>Creates an empty request for a method key, for a call that arrived over the network; null when unknown.</summary>
    public abstract GrainRequest? CreateRequest(string methodName);
}

/// <summary>Lists an assembly's generated grain interface metadata; the generator writes one per assembly.</summary>
public interface IGrainMetadataProvider
{
    /// <summary>Every grain interface declared in the assembly.</summary>
    IEnumerable<GrainInterfaceMetadata> GetInterfaces();
}

/// <summary>Points the runtime at an assembly's <see cref="IGrainMetadataProvider"/>; written by the generator.</summary>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = true)]
public sealed class GrainMetadataProviderAttribute(Type providerType) : Attribute
{
    /// <summary>A type with a public parameterless constructor that implements <see cref="IGrainMetadataProvider"/>.</summary>
    public Type ProviderType { get; } = providerType;
}
