using TalentFlow.ML.Scoring;

namespace TalentFlow.Grains.Matching;

/// <summary>
/// The custom scorer (features → calibrated match probability) and the baseline and encoder versions its features must come
/// from: it was trained on features of exactly those two, so it only applies to pairs prepared with them.
/// </summary>
/// <param name="Version">The scorer's version (<c>scorer-</c> + a hash of its file).</param>
/// <param name="Scorer">The trained, calibrated scorer.</param>
/// <param name="Extractor">Prepares each side's half of the features with that baseline and encoder.</param>
/// <param name="BaselineVersion">The baseline version the scorer was trained with.</param>
/// <param name="EncoderVersion">The encoder version the scorer was trained with.</param>
/// <param name="ShortlistProbability">The decision threshold on the calibrated probability.</param>
public sealed record ScorerModel(
    string Version, MatchScorer Scorer, MatchFeatureExtractor Extractor, string BaselineVersion, string EncoderVersion, double ShortlistProbability)
{
    /// <summary>Whether pairs scored with baseline <paramref name="baselineVersion"/> can use this scorer.</summary>
    public bool AppliesTo(string baselineVersion) => baselineVersion == BaselineVersion;
}
