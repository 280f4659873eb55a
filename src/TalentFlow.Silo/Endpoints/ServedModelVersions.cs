using TalentFlow.Grains.Careers;
using TalentFlow.Grains.Matching;
using TalentFlow.Grains.Recommendations;

namespace TalentFlow.Silo.Endpoints;

/// <summary>The model versions this silo serves, by registry name (the cluster route and the dashboard show the same).</summary>
internal static class ServedModelVersions
{
    public static Dictionary<string, string> Of(MatchingModels models, RecommendationModels recommendations, CareerModels careers)
    {
        var versions = new Dictionary<string, string> { [MatchingModels.BaselineModelName] = models.Current.Version };
        if (models.Encoder is { } encoder) versions[MatchingModels.EncoderModelName] = encoder.Version;
        if (recommendations.Ranker is { } ranker) versions[MatchingModels.RankerModelName] = ranker.Version;
        if (models.Scorer is { } scorer) versions[MatchingModels.ScorerModelName] = scorer.Version;
        if (recommendations.ConvFmVersion is { } convFm) versions[RecommendationModels.ConvFmModelName] = convFm;
        versions[CareerModels.ModelName] = careers.Current.Version;
        return versions;
    }
}
