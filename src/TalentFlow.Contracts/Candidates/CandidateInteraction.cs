
namespace TalentFlow.Contracts.Candidates;

/// <summary>Something that happened between a candidate and a job, as the candidate's history keeps it.</summary>
/// <param name="JobId">The job.</param>
/// <param name="Kind"><c>screened</c> (the model scored the pair) or <c>reviewed</c> (a reviewer gave a verdict).</param>
/// <param name="Score">The model's score, or the reviewer's score when given.</param>
/// <param name="Decision"><c>SHORTLIST</c> or <c>REJECT</c> (the model's, or the reviewer's verdict).</param>
/// <param name="At">When.</param>
public sealed record CandidateInteraction(string JobId, string Kind, double? Score, string? Decision, DateTimeOffset At)
{
    /// <summary>The model scored the pair.</summary>
    public const string Screened = "screened";

    /// <summary>A reviewer gave a verdict.</summary>
    public const string Reviewed = "reviewed";
}
