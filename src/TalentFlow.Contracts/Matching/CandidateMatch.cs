
namespace TalentFlow.Contracts.Matching;

/// <summary>A candidate scored against a job, with its explanation.</summary>
/// <param name="CandidateId">The candidate.</param>
/// <param name="JobId">The job.</param>
/// <param name="Score">
/// The calibrated probability, in [0, 1], that a reviewer shortlists the candidate for the job, from the served screening
/// model (<c>screening_model</c> in <paramref name="ModelVersions"/>): the one number the decision, the ranking, the
/// histogram and the review queue use. Everything else here explains it.
/// </param>
/// <param name="Decision"><c>SHORTLIST</c> when <paramref name="Score"/> reaches <paramref name="ShortlistThreshold"/>, else <c>REJECT</c>.</param>
/// <param name="SectionScores">Per-section similarity: skills, experience, education.</param>
/// <param name="MatchedSkills">Required skills the resume names.</param>
/// <param name="MissingSkills">Required skills it does not.</param>
/// <param name="ModelVersions">Model name → version used (e.g. <c>baseline_tfidf</c> → <c>builtin-1</c>).</param>
/// <param name="SemanticScore">Cosine of the candidate's and the job's embeddings (the semantic encoder), when both exist.</param>
/// <param name="MatchProbability">
/// The legacy custom scorer's (<c>semantic_scorer</c>) probability, when the silo serves one: an explanation only, the
/// decision follows <paramref name="Score"/>.
/// </param>
/// <param name="Similarity">The TF-IDF baseline's weighted section similarity (an explanation; what <c>score</c> was before issue 17).</param>
/// <param name="ShortlistThreshold">The job's threshold the decision compared <paramref name="Score"/> with.</param>
/// <param name="DecisionReason">The decision in a recruiter's words, always set (e.g. "probability 0.34 below the job's threshold 0.50; missing: Kubernetes").</param>
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
    double? MatchProbability = null,
    double? Similarity = null,
    double? ShortlistThreshold = null,
    string? DecisionReason = null);
