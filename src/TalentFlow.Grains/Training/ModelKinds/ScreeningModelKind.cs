using Microsoft.Extensions.DependencyInjection;

namespace TalentFlow.Grains;

/// <summary>
/// <c>screening_model</c>: the model whose calibrated probability is every pair's score (<see cref="ScreeningModels"/>).
/// Version 1 is the built-in model, registered in Production by the coordinator on activation so that a rollback always
/// has a target; the learning loop trains the next ones on the reviewers' verdicts.
/// </summary>
internal sealed class ScreeningModelKind : ModelKind<ScreeningScorer>
{
    public override string Name => ScreeningModels.ModelName;

    protected override ScreeningScorer Read(string version, byte[] artifact) => ScreeningArtifacts.Read(version, artifact);

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

    protected override void Publish(IServiceProvider services, ScreeningScorer model) => services.GetRequiredService<ScreeningModels>().Publish(model);
}
