using TalentFlow.Runtime;

namespace TalentFlow.Grains;

/// <summary>
/// One candidate, keyed by candidate id: the resume text, its parsed profile, and the features the matchers score with,
/// kept warm in memory while the candidate is active.
/// </summary>
public interface ICandidateGrain : IGrain
{
    /// <summary>Parses and stores a resume (replacing any earlier one); acknowledged once durable.</summary>
    /// <exception cref="ArgumentException">The text is empty or over the size limit.</exception>
    Task<CandidateProfile> UpsertResumeAsync(CandidateResume resume, CancellationToken cancellationToken = default);

    /// <summary>The profile, or null when no resume was ever stored under this id.</summary>
    [ReadOnly]
    Task<CandidateProfile?> GetProfileAsync(CancellationToken cancellationToken = default);
}
