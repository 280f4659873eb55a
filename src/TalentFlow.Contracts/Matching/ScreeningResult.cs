
namespace TalentFlow.Contracts.Matching;

/// <summary>One screening of a candidate for a job (seed 002), kept by the job; reviewers' feedback refers to its id.</summary>
/// <param name="Id">The result id: <c>job id|candidate id</c> (screening the same pair again replaces the result).</param>
/// <param name="JobId">The job.</param>
/// <param name="CandidateId">The candidate.</param>
/// <param name="CandidateName">The candidate's display name.</param>
/// <param name="Score">The calibrated probability that a reviewer shortlists (see <see cref="CandidateMatch.Score"/>).</param>
/// <param name="Decision"><c>SHORTLIST</c> or <c>REJECT</c>.</param>
/// <param name="SectionScores">Per-section similarity.</param>
/// <param name="MatchedSkills">Required skills the resume names.</param>
/// <param name="MissingSkills">Required skills it does not.</param>
/// <param name="ModelVersions">Model name → version used.</param>
/// <param name="SemanticScore">The semantic encoder's cosine, when there is one.</param>
/// <param name="HumanReviewed">Whether a reviewer has confirmed or corrected it (false until feedback arrives).</param>
/// <param name="CreatedAt">When it was screened.</param>
/// <param name="MatchProbability">The legacy custom scorer's probability, when the silo serves one (an explanation; the decision follows the score).</param>
/// <param name="Requirements">What the resume shows of each of the job's requirements, with the sub-scores; null when the job has none.</param>
/// <param name="DecisionReason">Why the decision is what it is, in a recruiter's words; always set ("knockout: …" when a rule made it).</param>
/// <param name="Blind">Screened blind: the resume was masked before scoring and the name is a pseudonym.</param>
/// <param name="Similarity">The TF-IDF baseline's weighted section similarity (an explanation).</param>
/// <param name="ShortlistThreshold">The job's threshold at the time of screening.</param>
public sealed record ScreeningResult(
    string Id,
    string JobId,
    string CandidateId,
    string CandidateName,
    double Score,
    string Decision,
    IReadOnlyDictionary<string, double> SectionScores,
    IReadOnlyList<string> MatchedSkills,
    IReadOnlyList<string> MissingSkills,
    IReadOnlyDictionary<string, string> ModelVersions,
    double? SemanticScore,
    bool HumanReviewed,
    DateTimeOffset CreatedAt,
    double? MatchProbability = null,
    ScreeningRequirements? Requirements = null,
    string? DecisionReason = null,
    bool Blind = false,
    double? Similarity = null,
    double? ShortlistThreshold = null)
{
    /// <summary>The id of the result for a (job, candidate) pair.</summary>
    public static string IdOf(string jobId, string candidateId) => jobId + "|" + candidateId;
}
