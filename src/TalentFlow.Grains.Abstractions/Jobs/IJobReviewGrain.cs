using Orleans;
using Orleans.Concurrency;
using TalentFlow.Contracts.Review;
using TalentFlow.Contracts.Training;

namespace TalentFlow.Grains.Jobs;

/// <summary>
/// A job's review workflow (the job-review grain, keyed by job id, beside the job's <see cref="IJobGrain"/>): reviewers'
/// verdicts on the job's screening results, the queue of results that need reviews, the overlap of reviewers per result,
/// agreement, and adjudication of disputed results. Only adjudicated or uncontested labels reach training.
/// </summary>
[Alias("TalentFlow.Grains.IJobReviewGrain")]
public interface IJobReviewGrain : IGrainWithStringKey
{
    /// <summary>
    /// Records a reviewer's verdict on the screening of <paramref name="candidateId"/>: the result becomes human-reviewed, the
    /// verdict joins its audit trail, and the training coordinator counts it. Submitting again replaces the verdict.
    /// </summary>
    /// <exception cref="KeyNotFoundException">No screening result for this candidate (or no such job).</exception>
    /// <exception cref="ArgumentException">The verdict is malformed.</exception>
    [Alias("SubmitFeedbackAsync")]
    Task<FeedbackRecord> SubmitFeedbackAsync(string candidateId, ReviewerFeedback feedback, CancellationToken cancellationToken = default);

    /// <summary>Every verdict given on this job's results, oldest first (the audit trail).</summary>
    [ReadOnly]
    [Alias("GetFeedbackHistoryAsync")]
    Task<IReadOnlyList<FeedbackRecord>> GetFeedbackHistoryAsync(CancellationToken cancellationToken = default);

    /// <summary>The label that reaches training for every result that has one, by result id (the labelled samples trainers read).</summary>
    [ReadOnly]
    [Alias("GetLabelledResultsAsync")]
    Task<IReadOnlyList<LabelledResult>> GetLabelledResultsAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// When each result was last reviewed, as the time of the screening the verdict judged, by candidate id: the job grain marks
    /// a result <c>human_reviewed</c> when that equals its latest screening's time.
    /// </summary>
    [ReadOnly]
    [Alias("GetReviewedScreeningsAsync")]
    Task<IReadOnlyDictionary<string, DateTimeOffset>> GetReviewedScreeningsAsync(CancellationToken cancellationToken = default);

    /// <summary>Removes every verdict and adjudication on <paramref name="candidateId"/>'s result (the candidate was deleted); idempotent.</summary>
    [Alias("ForgetCandidateAsync")]
    Task ForgetCandidateAsync(string candidateId, CancellationToken cancellationToken = default);

    /// <summary>The job's overlap setting (its own, or the default from <c>Review:DefaultOverlap</c>).</summary>
    /// <exception cref="KeyNotFoundException">The job does not exist.</exception>
    [ReadOnly]
    [Alias("GetReviewSettingsAsync")]
    Task<ReviewSettings> GetReviewSettingsAsync(CancellationToken cancellationToken = default);

    /// <summary>Sets how many reviewers each result needs; null returns to the default. The coordinator's counts follow.</summary>
    /// <exception cref="KeyNotFoundException">The job does not exist.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The overlap is outside 1–<c>Review:MaxOverlap</c>.</exception>
    [Alias("SetReviewSettingsAsync")]
    Task<ReviewSettings> SetReviewSettingsAsync(int? overlap, CancellationToken cancellationToken = default);

    /// <summary>
    /// The next <paramref name="limit"/> results to review by <paramref name="strategy"/>, each with its reason; leaves out results
    /// that have their overlap of reviewers (or are adjudicated) and, when <paramref name="reviewer"/> is given, those that
    /// reviewer already labelled.
    /// </summary>
    /// <exception cref="KeyNotFoundException">The job does not exist.</exception>
    /// <exception cref="ArgumentException">An unknown strategy, or a limit outside 1–<c>Review:MaxQueueLimit</c>.</exception>
    [ReadOnly]
    [Alias("GetReviewQueueAsync")]
    Task<ReviewQueue> GetReviewQueueAsync(string strategy, int limit, string? reviewer = null, CancellationToken cancellationToken = default);

    /// <summary>Agreement among the job's reviewers and with the model, and where its results stand.</summary>
    /// <exception cref="KeyNotFoundException">The job does not exist.</exception>
    [ReadOnly]
    [Alias("GetAgreementAsync")]
    Task<JobAgreement> GetAgreementAsync(CancellationToken cancellationToken = default);

    /// <summary>Every result with a verdict: each reviewer's latest label and the model's recommendation (for agreement across jobs).</summary>
    [ReadOnly]
    [Alias("GetReviewedResultsAsync")]
    Task<IReadOnlyList<ReviewedResult>> GetReviewedResultsAsync(CancellationToken cancellationToken = default);

    /// <summary>Disputed results (the overlap reached, reviewers disagree) that wait for an adjudicator, by result id.</summary>
    /// <exception cref="KeyNotFoundException">The job does not exist.</exception>
    [ReadOnly]
    [Alias("GetAdjudicationsAsync")]
    Task<IReadOnlyList<AdjudicationCase>> GetAdjudicationsAsync(CancellationToken cancellationToken = default);

    /// <summary>Decides a disputed result: <paramref name="label"/> is what reaches training. The coordinator's counts follow.</summary>
    /// <exception cref="KeyNotFoundException">No screening result for this candidate.</exception>
    /// <exception cref="ArgumentException">The label is not shortlist/reject, or the reason is empty.</exception>
    /// <exception cref="ReviewConflictException">The result is not disputed (not yet, or already adjudicated).</exception>
    [Alias("AdjudicateAsync")]
    Task<AdjudicationCase> AdjudicateAsync(string candidateId, string label, string reason, string adjudicator, CancellationToken cancellationToken = default);

    /// <summary>
    /// The label that reaches training for each result that has one, by result id: the adjudication when there is one, else the
    /// latest verdict of an uncontested result. Disputed and pending results are absent.
    /// </summary>
    [ReadOnly]
    [Alias("GetTrainingVerdictsAsync")]
    Task<IReadOnlyList<FeedbackRecord>> GetTrainingVerdictsAsync(CancellationToken cancellationToken = default);
}
