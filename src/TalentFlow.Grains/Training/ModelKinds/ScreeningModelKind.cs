using Microsoft.Extensions.DependencyInjection;
using TalentFlow.ML.Screening;

namespace TalentFlow.Grains;

/// <summary>
/// <c>screening_model</c>: the model whose calibrated probability is every pair's score (<see cref="ScreeningModels"/>), one
/// JSON artifact (<see cref="ScreeningModel.Save"/>) named by its content hash. The built-in model is registered as the kind's
/// first Production version by the coordinator's activation, so a rollback always has a target; the learning loop trains the
/// next ones on the reviewers' verdicts (<c>TrainerGrain</c>).
/// </summary>
internal sealed class ScreeningModelKind : ModelKind<ScreeningModel>
{
    public override string Name => ScreeningModels.ModelName;

    protected override ScreeningModel Read(string version, byte[] artifact)
    {
        var model = ScreeningModel.Load(artifact);
        if (model.Version != version)
        {
            throw new ArgumentException($"The artifact holds screening model version '{model.Version}'; register it under that version, not '{version}'.", nameof(version));
        }
        return model;
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
    protected override void Publish(IServiceProvider services, ScreeningModel model) =>
        services.GetRequiredService<ScreeningModels>().Publish(new ScreeningModelScorer(model, services.GetRequiredService<MatchingModels>().Encoder?.Encoder));
}
