namespace TalentFlow.ML.Matching;

/// <summary>A score with its explanation.</summary>
/// <param name="Score">Weighted section cosine, clipped to [MinScore, MaxScore].</param>
/// <param name="RawScore">The weighted cosine before clipping.</param>
/// <param name="Decision"><c>SHORTLIST</c> or <c>REJECT</c>.</param>
/// <param name="SectionScores">Cosine per section: <c>skills</c>, <c>experience</c>, <c>education</c>.</param>
/// <param name="MatchedSkills">Skills the job asks for that the resume names.</param>
/// <param name="MissingSkills">Skills the job asks for that the resume does not name.</param>
public sealed record MatchResult(
    double Score,
    double RawScore,
    string Decision,
    IReadOnlyDictionary<string, double> SectionScores,
    IReadOnlyList<string> MatchedSkills,
    IReadOnlyList<string> MissingSkills);
