using TalentFlow.Contracts.Matching;
using TalentFlow.Grains.Training.ModelKinds;

namespace TalentFlow.Grains.Matching;

/// <summary>
/// The screening model versions this silo serves: <see cref="Current"/> scores every new screening, and a few earlier ones
/// stay retrievable so that a rollback serves them again without reading their artifact. A promotion or a rollback publishes
/// (the registry's fan-out, <c>ScreeningModelKind</c>).
/// </summary>
public sealed class ScreeningModels
{
    /// <summary>The model kind's name in the registry and in <see cref="CandidateMatch.ModelVersions"/>.</summary>
    public const string ModelName = "screening_model";

    private readonly RetainedVersions<ScreeningScorer> _versions;

    /// <summary>Starts with <paramref name="initial"/> current.</summary>
    public ScreeningModels(ScreeningScorer initial, int retainedVersions = 3)
    {
        ArgumentNullException.ThrowIfNull(initial);
        ArgumentOutOfRangeException.ThrowIfLessThan(retainedVersions, 1);
        _versions = new(retainedVersions, s => s.Version);
        _versions.Publish(initial);
        BuiltIn = initial;
    }

    /// <summary>The version new screenings use.</summary>
    public ScreeningScorer Current => _versions.Current!;

    /// <summary>The version the silo started with (registered as the kind's first production version).</summary>
    public ScreeningScorer BuiltIn { get; }

    /// <summary>Makes <paramref name="scorer"/> current, atomically; a version already known only becomes current again.</summary>
    public void Publish(ScreeningScorer scorer)
    {
        foreach (var old in _versions.Publish(scorer))
        {
            // The built-in stays reachable (a rollback serves it again); any other version no longer retained lets go of its encoder.
            if (!ReferenceEquals(old, BuiltIn) && !_versions.Holds(old)) (old as IDisposable)?.Dispose();
        }
    }

    /// <summary>A retained version by id.</summary>
    public bool TryGet(string version, out ScreeningScorer scorer) => _versions.TryGet(version, out scorer);
}
