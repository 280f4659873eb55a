using Microsoft.Extensions.DependencyInjection;
using TalentFlow.Grains.Matching;
using TalentFlow.Grains.Training;
using TalentFlow.ML.Screening;

namespace TalentFlow.Grains.Training.ModelKinds;

/// <summary>
/// <c>screening_model</c>: the model whose calibrated probability is every pair's score (<see cref="ScreeningModels"/>), one
/// JSON artifact (<see cref="ScreeningModel.Save"/>) named by its content hash. The built-in model is registered as the kind's
/// first Production version by the coordinator's activation, so a rollback always has a target; the learning loop trains the
/// next ones on the reviewers' verdicts (<c>TrainerGrain</c>).
/// </summary>
internal sealed class ScreeningModelKind : ModelKind<ScreeningModelArtifact>
{
    public override string Name => ScreeningModels.ModelName;

    protected override ScreeningModelArtifact Read(string version, byte[] artifact)
    {
        var (model, layer, named) = ReviewerPrototypes.IsArtifact(artifact)
            ? (ReviewerPrototypes.Read(artifact) is var read ? (read.Model, read.Layer, ReviewerPrototypes.VersionOf(artifact)) : default)
            : (ScreeningModel.Load(artifact) is var plain ? (plain, (ReviewerPrototypes?)null, plain.Version) : default);
        if (named != version)
        {
            throw new ArgumentException($"The artifact holds screening model version '{named}'; register it under that version, not '{version}'.", nameof(version));
        }
        return new ScreeningModelArtifact(model, layer, named);
    }

    protected override bool IsArtifactError(Exception exception) => exception is ScreeningModelException || base.IsArtifactError(exception);

    public override bool TryServeRetained(IServiceProvider services, string version)
    {
        var screening = services.GetRequiredService<ScreeningModels>();
        if (screening.Current.Version == version) return true;
        if (screening.TryGet(version, out var known) || (screening.BuiltIn.Version == version && (known = screening.BuiltIn) is not null))
        {
            screening.Publish(known);
            return true;
        }
        return false;
    }

    /// <summary>Serves it with this silo's encoder when the model was trained with that encoder.</summary>
    protected override void Publish(IServiceProvider services, ScreeningModelArtifact model) =>
        services.GetRequiredService<ScreeningModels>().Publish(
            new ScreeningModelScorer(model.Model, services.GetRequiredService<MatchingModels>().Encoder?.Encoder, model.Layer, model.Version));
}

/// <summary>A <c>screening_model</c> version as read from its artifact: the model, the reviewers' prototypes of a trained one, its version.</summary>
/// <param name="Model">The base model.</param>
/// <param name="Layer">The prototypes layer, or null.</param>
/// <param name="Version">The registry version.</param>
internal sealed record ScreeningModelArtifact(ScreeningModel Model, ReviewerPrototypes? Layer, string Version);
