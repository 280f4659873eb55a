namespace TalentFlow.Grains;

/// <summary>One screening of a candidate for a job (seed 002), kept by the job; reviewers' feedback refers to its id.</summary>
/// <param name="Id">The result id: <c>job id|candidate id</c> (screening the same pair again replaces the result).</param>
/// <param name="JobId">The job.</param>
/// <param name="CandidateId">The candidate.</param>
/// <param name="CandidateName">The candidate's display name.</param>
/// <param name="Score">The score in [0, 1].</param>
/// <param name="Decision"><c>SHORTLIST</c> or <c>REJECT</c>.</param>
/// <param name="SectionScores">Per-section similarity.</param>
/// <param name="MatchedSkills">Required skills the resume names.</param>
/// <param name="MissingSkills">Required skills it does not.</param>
/// <param name="ModelVersions">Model name → version used.</param>
/// <param name="SemanticScore">The semantic encoder's cosine, when there is one.</param>
/// <param name="HumanReviewed">Whether a reviewer has confirmed or corrected it (false until feedback arrives).</param>
/// <param name="CreatedAt">When it was screened.</param>
/// <param name="MatchProbability">The custom scorer's calibrated match probability, when the silo serves a scorer (the decision follows it).</param>
/// <param name="Requirements">What the resume shows of each of the job's requirements, with the sub-scores; null when the job has none.</param>
/// <param name="DecisionReason">Why the decision is what it is when a rule, not the score, made it (a knockout not proven).</param>
/// <param name="Blind">Screened blind: the resume was masked before scoring and the name is a pseudonym.</param>
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
    bool Blind = false)
{
    /// <summary>The id of the result for a (job, candidate) pair.</summary>
    public static string IdOf(string jobId, string candidateId) => jobId + "|" + candidateId;
}
