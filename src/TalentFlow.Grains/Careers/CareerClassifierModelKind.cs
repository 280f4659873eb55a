using Microsoft.Extensions.DependencyInjection;
using TalentFlow.Grains.Training.ModelKinds;
using TalentFlow.ML.Careers;
using TalentFlow.ML.Semantic;

namespace TalentFlow.Grains.Careers;

/// <summary>
/// <c>career_classifier</c>: a career model (<c>talentflow train career --output FILE</c>: encoder, classifier, careers,
/// skills and books in one checksummed JSON), served by <see cref="CareerModels"/> and swapped atomically on promotion.
/// </summary>
internal sealed class CareerClassifierModelKind : ModelKind<VersionedModel<CareerAdvisor>>
{
    public override string Name => CareerModels.ModelName;

    protected override VersionedModel<CareerAdvisor> Read(string version, byte[] artifact)
    {
        using var stream = new MemoryStream(artifact, writable: false);
        return new(version, new CareerAdvisor(CareerModel.Load(stream)));
    }

    protected override bool IsArtifactError(Exception exception) =>
        exception is EncoderArtifactException || base.IsArtifactError(exception);

    public override bool TryServeRetained(IServiceProvider services, string version) =>
        services.GetRequiredService<CareerModels>().Current.Version == version;

    protected override void Publish(IServiceProvider services, VersionedModel<CareerAdvisor> model) =>
        services.GetRequiredService<CareerModels>().Publish(model.Version, model.Model);
}
