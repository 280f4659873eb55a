using Orleans;
using Orleans.Concurrency;
using TalentFlow.Contracts.Review;
using TalentFlow.Contracts.Training;

namespace TalentFlow.Grains.Jobs;

/// <summary>
/// A job's review workflow (the job grain, keyed by job id): the queue of results that need reviews, the overlap of reviewers
/// per result, agreement, and adjudication of disputed results. Only adjudicated or uncontested labels reach training.
/// </summary>
[Alias("TalentFlow.Grains.IJobReviewGrain")]
public interface IJobReviewGrain : IGrainWithStringKey
{
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
