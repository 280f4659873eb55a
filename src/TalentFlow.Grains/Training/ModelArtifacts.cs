using TalentFlow.Grains.Training.ModelKinds;

namespace TalentFlow.Grains.Training;

/// <summary>Checks a model artifact before the registry takes it, so a bad file is refused at the door, not on every silo.</summary>
public static class ModelArtifacts
{
    /// <summary>Throws <see cref="ArgumentException"/> unless <paramref name="artifact"/> loads as <paramref name="model"/> version <paramref name="version"/>.</summary>
    /// <param name="model">A registry model kind (<see cref="ModelKindRegistry.Names"/>).</param>
    /// <param name="version">The version it will be registered under; an encoder's artifact names its own, which must match.</param>
    /// <param name="artifact">The bytes.</param>
    /// <exception cref="ArgumentException">Unknown kind, empty or unreadable artifact, or a version that differs from the artifact's.</exception>
    public static void Validate(string model, string version, byte[] artifact)
    {
        ArgumentNullException.ThrowIfNull(artifact);
        _ = ModelKindRegistry.Get(model).Load(version, artifact);
    }
}
