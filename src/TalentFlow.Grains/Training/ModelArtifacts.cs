using TalentFlow.ML.Matching;
using TalentFlow.ML.Semantic;

namespace TalentFlow.Grains;

/// <summary>Checks a model artifact before the registry takes it, so a bad file is refused at the door, not on every silo.</summary>
public static class ModelArtifacts
{
    /// <summary>Throws <see cref="ArgumentException"/> unless <paramref name="artifact"/> loads as <paramref name="model"/> version <paramref name="version"/>.</summary>
    /// <param name="model">A registry model kind (<see cref="MatchingModels.RegistryModels"/>).</param>
    /// <param name="version">The version it will be registered under; an encoder's artifact names its own, which must match.</param>
    /// <param name="artifact">The bytes.</param>
    /// <exception cref="ArgumentException">Unknown kind, empty or unreadable artifact, or a version that differs from the artifact's.</exception>
    public static void Validate(string model, string version, byte[] artifact)
    {
        ArgumentNullException.ThrowIfNull(artifact);
        if (!MatchingModels.RegistryModels.Contains(model))
        {
            throw new ArgumentException($"Model '{model}' has no registry; {string.Join(", ", MatchingModels.RegistryModels.Order(StringComparer.Ordinal))} have.", nameof(model));
        }
        if (artifact.Length == 0) throw new ArgumentException("The artifact is empty.", nameof(artifact));
        using var stream = new MemoryStream(artifact, writable: false);
        try
        {
            if (model == MatchingModels.EncoderModelName)
            {
                var encoder = EmbeddedEncoder.Load(stream);
                if (encoder.VersionId != version)
                {
                    throw new ArgumentException($"The artifact holds encoder version '{encoder.VersionId}'; register it under that version, not '{version}'.", nameof(version));
                }
            }
            else if (model == MatchingModels.RankerModelName)
            {
                // It must load, and read only features the catalog can compute.
                _ = ML.Recommendation.Serving.JobRankingFeatures.Map(ML.Recommendation.JobViews.LearnedJobRankerModel.Load(stream).FeatureNames);
            }
            else
            {
                _ = BaselineMatcher.Load(stream);
            }
        }
        catch (Exception ex) when (ex is InvalidDataException or EncoderArtifactException or ML.Recommendation.JobViews.JobRankerArtifactException
            or System.Text.Json.JsonException or EndOfStreamException)
        {
            throw new ArgumentException($"The artifact is not a valid {model} model: {ex.Message}", nameof(artifact), ex);
        }
    }
}
