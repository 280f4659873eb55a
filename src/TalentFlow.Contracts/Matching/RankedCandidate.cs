namespace TalentFlow.Grains;

/// <summary>A candidate found for a job by semantic search.</summary>
/// <param name="CandidateId">The candidate.</param>
/// <param name="Score">Cosine similarity of the candidate's and the job's embeddings, in [-1, 1].</param>
public sealed record RankedCandidate(string CandidateId, double Score);
