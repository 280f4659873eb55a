using Orleans;
using Orleans.Concurrency;
using TalentFlow.Contracts.Jobs;
using TalentFlow.Contracts.Matching;

namespace TalentFlow.Grains.Jobs;

/// <summary>
/// One job posting, keyed by job id: its text, parsed requirements and matching features, scoring against it and its screening
/// results. The verdicts on those results live in the job's review grain (<see cref="IJobReviewGrain"/>, same key).
/// </summary>
[Alias("TalentFlow.Grains.IJobGrain")]
public interface IJobGrain : IGrainWithStringKey
{
    /// <summary>Parses and stores the posting (replacing any earlier one); acknowledged once durable.</summary>
    /// <exception cref="ArgumentException">The title or description is empty or over the size limit.</exception>
    [Alias("UpsertAsync")]
    Task<JobProfile> UpsertAsync(JobPosting posting, CancellationToken cancellationToken = default);

    /// <summary>The posting's profile, or null when none was stored under this id.</summary>
    [ReadOnly]
    [Alias("GetAsync")]
    Task<JobProfile?> GetAsync(CancellationToken cancellationToken = default);

    /// <summary>The posting as stored (description normalised), or null.</summary>
    [ReadOnly]
    [Alias("GetPostingAsync")]
    Task<JobPosting?> GetPostingAsync(CancellationToken cancellationToken = default);

    /// <summary>Scores one candidate against this job with the current models, with the explanation.</summary>
    /// <exception cref="KeyNotFoundException">The job or the candidate does not exist.</exception>
    [ReadOnly]
    [Alias("ScoreCandidateAsync")]
    Task<CandidateMatch> ScoreCandidateAsync(string candidateId, CancellationToken cancellationToken = default);

    /// <summary>Scores a candidate and keeps the result durably with the job (replacing an earlier one for the pair).</summary>
    /// <exception cref="KeyNotFoundException">The job or the candidate does not exist.</exception>
    [Alias("ScreenAsync")]
    Task<ScreeningResult> ScreenAsync(string candidateId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Every screening result of this job, newest first; empty when the job has none. <c>human_reviewed</c> comes from the
    /// job's review grain (<see cref="IJobReviewGrain"/>): a verdict was given on the result since its latest screening.
    /// </summary>
    [ReadOnly]
    [Alias("GetScreeningResultsAsync")]
    Task<IReadOnlyList<ScreeningResult>> GetScreeningResultsAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// The <paramref name="top"/> candidates closest to this job by embedding, best first, among those that pass
    /// <paramref name="filter"/>: every shard of the candidate index ranks its partition and the results are merged (equal to
    /// a brute-force search over every candidate). While embeddings are being re-made after an encoder swap, the ranking
    /// uses the newest encoder version that every shard holds in full.
    /// </summary>
    /// <exception cref="KeyNotFoundException">The job does not exist.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="top"/> is not in 1–1000.</exception>
    /// <exception cref="ArgumentException">The filter is malformed.</exception>
    [ReadOnly]
    [Alias("RankCandidatesAsync")]
    Task<IReadOnlyList<RankedCandidate>> RankCandidatesAsync(int top, CandidateFilter? filter = null, CancellationToken cancellationToken = default);
}
