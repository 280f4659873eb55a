using Orleans;
using Orleans.Concurrency;
using TalentFlow.Contracts.Candidates;
using TalentFlow.Contracts.Matching;
using TalentFlow.Grains.Jobs;

namespace TalentFlow.Grains.Candidates;

/// <summary>
/// One candidate, keyed by candidate id: the resume text, its parsed profile, and the features the matchers score with,
/// kept warm in memory while the candidate is active.
/// </summary>
[Alias("TalentFlow.Grains.ICandidateGrain")]
public interface ICandidateGrain : IGrainWithStringKey
{
    /// <summary>Parses and stores a resume (replacing any earlier one); acknowledged once durable.</summary>
    /// <exception cref="ArgumentException">The text is empty or over the size limit.</exception>
    [Alias("UpsertResumeAsync")]
    Task<CandidateProfile> UpsertResumeAsync(CandidateResume resume, CancellationToken cancellationToken = default);

    /// <summary>The profile, or null when no resume was ever stored under this id.</summary>
    [ReadOnly]
    [Alias("GetProfileAsync")]
    Task<CandidateProfile?> GetProfileAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Scores this candidate against a job with the current models, as <see cref="IJobGrain.ScoreCandidateAsync"/> does (the
    /// same result), from the candidate's side: the job's features come to this grain.
    /// </summary>
    /// <exception cref="KeyNotFoundException">The candidate or the job does not exist.</exception>
    [ReadOnly]
    [Alias("ScoreAgainstJobAsync")]
    Task<CandidateMatch> ScoreAgainstJobAsync(string jobId, CancellationToken cancellationToken = default);

    /// <summary>The candidate's screenings and reviews, newest first (the last 500 kept).</summary>
    [ReadOnly]
    [Alias("GetHistoryAsync")]
    Task<IReadOnlyList<CandidateInteraction>> GetHistoryAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Deletes the candidate's personal data: the resume and profile, its embeddings in the index, and every job's screening
    /// results and verdicts about it. False when no resume was stored.
    /// </summary>
    [Alias("DeleteAsync")]
    Task<bool> DeleteAsync(CancellationToken cancellationToken = default);
}
