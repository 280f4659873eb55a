using System.Text.Json;
using TalentFlow.Contracts.Matching;
using TalentFlow.Grains.Matching;

namespace TalentFlow.Grains.Training.ModelKinds;

/// <summary>
/// One kind of model the registry keeps: how its artifact is read (and so checked before it is stored), and how a silo serves
/// a version of it. The registry, the artifact check and the fan-out ask <see cref="ModelKindRegistry"/> for the kind by name,
/// so a new kind is one class: derive from <see cref="ModelKind{TModel}"/> with a public parameterless constructor.
/// </summary>
public interface IModelKind
{
    /// <summary>The kind's name in the registry, the routes and <see cref="CandidateMatch.ModelVersions"/>.</summary>
    string Name { get; }

    /// <summary>Whether a version can be A/B tested against production (it then scores a share of the candidates).</summary>
    bool SupportsAbTest { get; }

    /// <summary>Reads <paramref name="artifact"/> as version <paramref name="version"/> of this kind.</summary>
    /// <returns>The loaded model, for <see cref="Publish"/> or <see cref="Challenger"/>.</returns>
    /// <exception cref="ArgumentException">The artifact is empty, unreadable, or names another version.</exception>
    object Load(string version, byte[] artifact);

    /// <summary>
    /// Serves <paramref name="version"/> again without reading its artifact when this silo already serves or retains it.
    /// </summary>
    /// <returns>Whether it did; false: load the artifact and <see cref="Publish"/> it.</returns>
    bool TryServeRetained(IServiceProvider services, string version);

    /// <summary>Makes a loaded model the one this silo serves, atomically.</summary>
    void Publish(IServiceProvider services, object model);

    /// <summary>
    /// The models a candidate in the challenger arm of an A/B test of this kind is scored with (only when
    /// <see cref="SupportsAbTest"/>).
    /// </summary>
    /// <exception cref="NotSupportedException">The kind has no A/B test.</exception>
    ScoringArm Challenger(IServiceProvider services, object model);
}

/// <summary>The models one arm of an A/B test scores with: a baseline, and the custom scorer when it applies to that baseline.</summary>
/// <param name="Baseline">The baseline the pair is vectorized and scored with.</param>
/// <param name="Scorer">The scorer that turns the features into a calibrated probability, or null.</param>
public sealed record ScoringArm(BaselineModel Baseline, ScorerModel? Scorer);

/// <summary>
/// The usual shape of a kind: <see cref="Read"/> parses the artifact into <typeparamref name="TModel"/>; the errors a
/// damaged artifact raises become <see cref="ArgumentException"/>s (a 400 at the registration route).
/// </summary>
/// <typeparam name="TModel">What the artifact loads as.</typeparam>
public abstract class ModelKind<TModel> : IModelKind where TModel : class
{
    /// <inheritdoc />
    public abstract string Name { get; }

    /// <inheritdoc />
    public virtual bool SupportsAbTest => false;

    /// <summary>Parses the artifact; throws what its reader throws on bad input (see <see cref="IsArtifactError"/>).</summary>
    /// <param name="version">The version it is read as.</param>
    /// <param name="artifact">The bytes (not empty).</param>
    protected abstract TModel Read(string version, byte[] artifact);

    /// <summary>Whether <paramref name="exception"/> from <see cref="Read"/> means a bad artifact; the common readers' errors do.</summary>
    protected virtual bool IsArtifactError(Exception exception) =>
        exception is InvalidDataException or JsonException or EndOfStreamException or FormatException or NotSupportedException;

    /// <inheritdoc />
    public object Load(string version, byte[] artifact)
    {
        ArgumentException.ThrowIfNullOrEmpty(version);
        ArgumentNullException.ThrowIfNull(artifact);
        if (artifact.Length == 0) throw new ArgumentException("The artifact is empty.", nameof(artifact));
        try
        {
            return Read(version, artifact);
        }
        catch (Exception ex) when (ex is not ArgumentException && IsArtifactError(ex))
        {
            throw new ArgumentException($"The artifact is not a valid {Name} model: {ex.Message}", nameof(artifact), ex);
        }
    }

    /// <inheritdoc />
    public abstract bool TryServeRetained(IServiceProvider services, string version);

    /// <inheritdoc />
    public void Publish(IServiceProvider services, object model) => Publish(services, (TModel)model);

    /// <summary>Serves <paramref name="model"/> on this silo.</summary>
    protected abstract void Publish(IServiceProvider services, TModel model);

    /// <inheritdoc />
    public ScoringArm Challenger(IServiceProvider services, object model) => Challenger(services, (TModel)model);

    /// <summary>The arm <paramref name="model"/> scores with as an A/B challenger; kinds with <see cref="SupportsAbTest"/> override it.</summary>
    protected virtual ScoringArm Challenger(IServiceProvider services, TModel model) => throw new NotSupportedException($"Model {Name} has no A/B test.");
}
