
namespace TalentFlow.Contracts.Matching;

/// <summary>A candidate found for a job: retrieved by semantic search, ranked by the screening score.</summary>
/// <param name="CandidateId">The candidate.</param>
/// <param name="Score">
/// The calibrated probability that a reviewer shortlists the candidate (<see cref="CandidateMatch.Score"/>); a shard's
/// retrieval list carries the cosine here before the job re-ranks it.
/// </param>
/// <param name="Similarity">Cosine similarity of the candidate's and the job's embeddings, in [-1, 1] (what retrieved it).</param>
/// <param name="Decision"><c>SHORTLIST</c> or <c>REJECT</c> at the job's threshold; null in a shard's retrieval list.</param>
/// <param name="Name">
/// The candidate's display name as the job's screening sees it: the pseudonym when the job screens blind; null in a shard's
/// retrieval list.
/// </param>
public sealed record RankedCandidate(string CandidateId, double Score, double? Similarity = null, string? Decision = null, string? Name = null);
