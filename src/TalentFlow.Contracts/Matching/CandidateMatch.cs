namespace TalentFlow.Grains;

/// <summary>A candidate scored against a job, with its explanation.</summary>
/// <param name="CandidateId">The candidate.</param>
/// <param name="JobId">The job.</param>
/// <param name="Score">The score in [0, 1].</param>
/// <param name="Decision"><c>SHORTLIST</c> or <c>REJECT</c>.</param>
/// <param name="SectionScores">Per-section similarity: skills, experience, education.</param>
/// <param name="MatchedSkills">Required skills the resume names.</param>
/// <param name="MissingSkills">Required skills it does not.</param>
/// <param name="ModelVersions">Model name → version used (e.g. <c>baseline_tfidf</c> → <c>builtin-1</c>).</param>
/// <param name="SemanticScore">Cosine of the candidate's and the job's embeddings (the semantic encoder), when both exist.</param>
/// <param name="MatchProbability">
/// The custom scorer's calibrated probability that a reviewer calls the pair a match, when the silo serves a scorer; the
/// decision then follows it.
/// </param>
public sealed record CandidateMatch(
    string CandidateId,
    string JobId,
    double Score,
    string Decision,
    IReadOnlyDictionary<string, double> SectionScores,
    IReadOnlyList<string> MatchedSkills,
    IReadOnlyList<string> MissingSkills,
    IReadOnlyDictionary<string, string> ModelVersions,
    double? SemanticScore = null,
    double? MatchProbability = null);
