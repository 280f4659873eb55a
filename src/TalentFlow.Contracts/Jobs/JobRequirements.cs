
namespace TalentFlow.Contracts.Jobs;

/// <summary>One requirement of a job, as stored and edited.</summary>
/// <param name="Id">Stable within the job (<c>req-1</c>, …; 1–64 letters, digits, <c>-</c>, <c>_</c>, <c>.</c>).</param>
/// <param name="Kind"><c>must_have</c>, <c>nice_to_have</c> or <c>knockout</c>.</param>
/// <param name="Text">What is asked (1–500 characters).</param>
/// <param name="Weight">How much it counts within its kind, in (0, 1].</param>
public sealed record JobRequirement(string Id, string Kind, string Text, double Weight);

/// <summary>A job's requirements (<c>GET/PUT /api/v1/jobs/{id}/requirements</c>).</summary>
/// <param name="JobId">The job.</param>
/// <param name="Requirements">In order; at most 50.</param>
/// <param name="Edited">False while they are the ones parsing proposed from the posting; true once a recruiter has set them
/// (storing the posting again then keeps them).</param>
public sealed record JobRequirements(string JobId, IReadOnlyList<JobRequirement> Requirements, bool Edited);

/// <summary>One requirement as a recruiter sends it: a missing id gets the next free <c>req-N</c>, a missing weight its kind's default.</summary>
/// <param name="Id">Optional id.</param>
/// <param name="Kind"><c>must_have</c>, <c>nice_to_have</c> or <c>knockout</c>.</param>
/// <param name="Text">What is asked.</param>
/// <param name="Weight">In (0, 1]; default 1, or 0.5 for a nice-to-have.</param>
public sealed record JobRequirementInput(string? Id, string? Kind, string? Text, double? Weight = null);

/// <summary>The body of <c>PUT /api/v1/jobs/{id}/requirements</c>: the new list, replacing the old one.</summary>
/// <param name="Requirements">The list (empty clears it).</param>
public sealed record SetJobRequirementsRequest(IReadOnlyList<JobRequirementInput>? Requirements);

/// <summary>How a job is screened (<c>GET/PUT /api/v1/jobs/{id}/settings</c>).</summary>
/// <param name="BlindScreening">
/// Mask names, contact details (e-mail, phone, URLs, addresses), photos' alt text, ages and dates of birth in resumes before
/// they are scored against this job and in what reviewers see of them (the candidate's name becomes a pseudonym).
/// </param>
/// <param name="ShortlistThreshold">
/// Shortlist when the score (the calibrated probability that a reviewer shortlists) reaches this, in (0, 1); null: the
/// served model's calibrated default.
/// </param>
/// <param name="TargetShortlistRate">
/// Instead of a threshold, the share of this job's screened candidates to shortlist, in (0, 1): the threshold is the score
/// of the candidate at that rank among the job's results of the same model version (the model's default until the job has
/// ten). Results keep the threshold they were decided with.
/// </param>
public sealed record JobSettings(bool BlindScreening, double? ShortlistThreshold = null, double? TargetShortlistRate = null)
{
    /// <summary>Checks the ranges; <see cref="ArgumentException"/> (a 400) when a value lies outside (0, 1) or both are set.</summary>
    public void Validate()
    {
        if (ShortlistThreshold is { } t && !(t > 0 && t < 1)) throw new ArgumentException($"shortlist_threshold must lie in (0, 1); it is {t}.");
        if (TargetShortlistRate is { } r && !(r > 0 && r < 1)) throw new ArgumentException($"target_shortlist_rate must lie in (0, 1); it is {r}.");
        if (ShortlistThreshold is not null && TargetShortlistRate is not null) throw new ArgumentException("Set shortlist_threshold or target_shortlist_rate, not both.");
    }
}
