using Orleans;
using TalentFlow.Grains.Training;

namespace TalentFlow.Grains.Training.ModelKinds;

/// <summary>Reads a registered version's stored artifact and loads it as its kind (the fan-outs' common step).</summary>
internal static class ModelLoader
{
    /// <exception cref="InvalidOperationException">The version has no stored artifact, or it no longer loads.</exception>
    public static async Task<object> LoadAsync(IGrainFactory grains, IModelKind kind, string version, CancellationToken cancellationToken)
    {
        var artifact = await grains.GetGrain<IModelArtifactGrain>(ModelArtifactGrain.Key(kind.Name, version)).GetAsync(cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"Model {kind.Name} version {version} has no stored artifact.");
        try
        {
            return kind.Load(version, artifact);
        }
        catch (ArgumentException ex)
        {
            // It was checked when registered: a server's state gone wrong, not the caller's mistake.
            throw new InvalidOperationException($"The stored artifact of {kind.Name} version {version} does not load: {ex.Message}", ex);
        }
    }
}
