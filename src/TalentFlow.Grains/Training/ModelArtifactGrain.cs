using Orleans;
using Orleans.Concurrency;

namespace TalentFlow.Grains.Training;

/// <summary>A model version's artifact (key <c>model:version</c>), stored once by the trainer and read by every silo.</summary>
[Alias("TalentFlow.Grains.IModelArtifactGrain")]
public interface IModelArtifactGrain : IGrainWithStringKey
{
    /// <summary>Stores the artifact; acknowledged once durable.</summary>
    [Alias("SaveAsync")]
    Task SaveAsync(byte[] artifact, CancellationToken cancellationToken = default);

    /// <summary>The artifact, or null.</summary>
    [ReadOnly]
    [Alias("GetAsync")]
    Task<byte[]?> GetAsync(CancellationToken cancellationToken = default);
}

/// <summary>The stored bytes of a model version.</summary>
public sealed class ModelArtifactState
{
    /// <summary>The artifact; null until saved.</summary>
    public byte[]? Artifact { get; set; }
}

/// <inheritdoc cref="IModelArtifactGrain" />
[GrainType("model-artifact")]
public sealed class ModelArtifactGrain([PersistentState("artifact")] IPersistentState<ModelArtifactState> state) : Grain, IModelArtifactGrain
{
    /// <inheritdoc />
    public async Task SaveAsync(byte[] artifact, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(artifact);
        state.State.Artifact = artifact;
        await state.WriteStateAsync(cancellationToken).ConfigureAwait(true);
    }

    /// <inheritdoc />
    public Task<byte[]?> GetAsync(CancellationToken cancellationToken = default) => Task.FromResult(state.State.Artifact);

    /// <summary>The key of a version's artifact.</summary>
    public static string Key(string model, string version) => model + ":" + version;
}
