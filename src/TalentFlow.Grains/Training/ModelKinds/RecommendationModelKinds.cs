using Microsoft.Extensions.DependencyInjection;
using TalentFlow.Grains.Matching;
using TalentFlow.Grains.Recommendations;
using TalentFlow.ML.Recommendation.ConvFm;
using TalentFlow.ML.Recommendation.JobViews;
using TalentFlow.ML.Recommendation.Serving;

namespace TalentFlow.Grains.Training.ModelKinds;

/// <summary>A recommendation model with the registry version it is served as.</summary>
/// <param name="Version">The registry version.</param>
/// <param name="Model">The loaded model.</param>
internal sealed record VersionedModel<T>(string Version, T Model);

/// <summary>
/// <c>job_ranker</c>: a learned ranker (<c>talentflow eval recommend --model ranker --save-ranker</c>) that reads only features
/// the catalog computes; served by the job catalog (<see cref="RecommendationModels.Ranker"/>).
/// </summary>
internal sealed class JobRankerModelKind : ModelKind<VersionedModel<LearnedJobRankerModel>>
{
    public override string Name => MatchingModels.RankerModelName;

    protected override VersionedModel<LearnedJobRankerModel> Read(string version, byte[] artifact)
    {
        using var stream = new MemoryStream(artifact, writable: false);
        var model = LearnedJobRankerModel.Load(stream);
        _ = JobRankingFeatures.Map(model.FeatureNames);
        return new(version, model);
    }

    protected override bool IsArtifactError(Exception exception) => exception is JobRankerArtifactException || base.IsArtifactError(exception);

    public override bool TryServeRetained(IServiceProvider services, string version) =>
        services.GetRequiredService<RecommendationModels>().Ranker?.Version == version;

    protected override void Publish(IServiceProvider services, VersionedModel<LearnedJobRankerModel> model) =>
        services.GetRequiredService<RecommendationModels>().PublishRanker(model.Version, model.Model);
}

/// <summary>
/// <c>convfm_recommender</c>: a ConvFM artifact (<c>talentflow train convfm</c>, format <c>talentflow.convfm</c>), held by
/// <see cref="RecommendationModels.ConvFm"/> as the start-up setting <see cref="RecommendationOptions.ConvFmModelPath"/>
/// holds one (reported among the served versions; rankings still use the content model and the ranker).
/// </summary>
internal sealed class ConvFmRecommenderModelKind : ModelKind<VersionedModel<ConvFmModel>>
{
    public override string Name => RecommendationModels.ConvFmModelName;

    protected override VersionedModel<ConvFmModel> Read(string version, byte[] artifact)
    {
        using var stream = new MemoryStream(artifact, writable: false);
        return new(version, ConvFmModel.Load(stream));
    }

    protected override bool IsArtifactError(Exception exception) => exception is ConvFmArtifactException || base.IsArtifactError(exception);

    public override bool TryServeRetained(IServiceProvider services, string version) =>
        services.GetRequiredService<RecommendationModels>().ConvFmVersion == version;

    protected override void Publish(IServiceProvider services, VersionedModel<ConvFmModel> model) =>
        services.GetRequiredService<RecommendationModels>().PublishConvFm(model.Version, model.Model);
}
