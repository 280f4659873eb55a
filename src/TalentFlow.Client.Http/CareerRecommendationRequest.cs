namespace TalentFlow.Client.Http;

/// <summary>What to advise on (<c>POST /api/v1/careers/recommendations</c>): free text or a stored candidate, not both.</summary>
/// <param name="Text">Free text about the person (a resume, a profile, interests), or null.</param>
/// <param name="CandidateId">A stored candidate whose parsed profile is advised on, or null.</param>
/// <param name="TopK">How many careers, 1–50 (the server's default is 3).</param>
public sealed record CareerRecommendationRequest(string? Text, string? CandidateId = null, int TopK = 3);
