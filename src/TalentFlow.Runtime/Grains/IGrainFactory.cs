namespace TalentFlow.Runtime;

/// <summary>Makes typed references to grains (Orleans: <c>IGrainFactory</c>). References are cheap; nothing is activated until called.</summary>
public interface IGrainFactory
{
    /// <summary>A reference to the grain with <paramref name="key"/> whose class implements <typeparamref name="TGrainInterface"/>.</summary>
    TGrainInterface GetGrain<TGrainInterface>(string key) where TGrainInterface : IGrain;

    /// <summary>A reference to a grain by its full identity, through any grain interface its class implements.</summary>
    TGrainInterface GetGrain<TGrainInterface>(GrainId grainId) where TGrainInterface : IGrain;
}
