using TalentFlow.Runtime.Activation;
using TalentFlow.Runtime.Invocation;

namespace TalentFlow.Runtime.Messaging;

/// <summary>Makes proxies: the grain type comes from the manifest (interface → the one class implementing it).</summary>
internal sealed class GrainFactory(IGrainCallRouter router, Func<ClusterManifest> manifest) : IGrainFactory
{
    public TGrainInterface GetGrain<TGrainInterface>(string key) where TGrainInterface : IGrain
    {
        ArgumentNullException.ThrowIfNull(key);
        var metadata = GrainInterfaceRegistry.Get(typeof(TGrainInterface));
        if (!manifest().InterfaceToGrainType.TryGetValue(metadata.InterfaceName, out var grainType))
        {
            throw new ArgumentException(
                $"No grain class implements {typeof(TGrainInterface).Name} alone in this cluster: register the grain assembly, " +
                "or call GetGrain with a GrainId when several classes implement it.", nameof(TGrainInterface));
        }
        return (TGrainInterface)(object)metadata.CreateProxy(new GrainReference(new GrainId(grainType, key), router));
    }

    public TGrainInterface GetGrain<TGrainInterface>(GrainId grainId) where TGrainInterface : IGrain
    {
        var metadata = GrainInterfaceRegistry.Get(typeof(TGrainInterface));
        return (TGrainInterface)(object)metadata.CreateProxy(new GrainReference(grainId, router));
    }
}
