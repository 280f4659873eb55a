
namespace TalentFlow.Contracts.Review;

/// <summary>The next screening results to review for a job (<c>GET /api/v1/review/queue</c>).</summary>
/// <param name="JobId">The job.</param>
/// <param name="Strategy"><c>uncertainty</c>, <c>disagreement</c>, <c>diversity</c> or <c>oldest</c>.</param>
/// <param name="Overlap">How many reviewers each result needs (the job's setting).</param>
/// <param name="Reviewer">Whose reviews were left out, when a reviewer asked.</param>
/// <param name="Waiting">Results that still need a review from this caller (before <c>limit</c>).</param>
/// <param name="Items">The next results, first to review first.</param>
public sealed record ReviewQueue(string JobId, string Strategy, int Overlap, string? Reviewer, int Waiting, IReadOnlyList<ReviewQueueItem> Items);

/// <summary>One result in a review queue and why it is there.</summary>
/// <param name="ResultId">The screening result (<c>job|candidate</c>).</param>
/// <param name="CandidateId">The candidate.</param>
/// <param name="CandidateName">The candidate's display name.</param>
/// <param name="Score">The model's score.</param>
/// <param name="Decision">The model's recommendation (<c>SHORTLIST</c>/<c>REJECT</c>).</param>
/// <param name="Reviews">Reviewers who have labelled it so far.</param>
/// <param name="Reason">Why it is next.</param>
public sealed record ReviewQueueItem(string ResultId, string CandidateId, string CandidateName, double Score, string Decision, int Reviews, ReviewReason Reason);

/// <summary>
/// Why a result is next. Which members are set depends on <paramref name="Strategy"/>: uncertainty sets the threshold, the value
/// compared with it and the distance; disagreement the model scores and their spread; diversity the nearest reviewed result
/// and its cosine similarity (and the nearest result queued ahead, when that one is nearer); oldest the wait.
/// </summary>
/// <param name="Strategy">The strategy that placed it.</param>
/// <param name="Summary">One readable sentence.</param>
/// <param name="Threshold">Uncertainty: which threshold (<c>baseline_shortlist_threshold</c> or <c>scorer_shortlist_probability</c>).</param>
/// <param name="ThresholdValue">Uncertainty: the threshold's value.</param>
/// <param name="Value">Uncertainty: the number the decision compares with it (score or calibrated probability).</param>
/// <param name="Distance">Uncertainty: |value − threshold|. Diversity: cosine distance to the nearest reviewed or earlier-queued result (null when none).</param>
/// <param name="ModelScores">Disagreement: each model's score, by model name.</param>
/// <param name="Spread">Disagreement: max − min of <paramref name="ModelScores"/>.</param>
/// <param name="NearestReviewed">Diversity: the most similar reviewed result, null when nothing is reviewed.</param>
/// <param name="Similarity">Diversity: cosine similarity to <paramref name="NearestReviewed"/>.</param>
/// <param name="NearestQueued">Diversity: a result queued ahead that is nearer than any reviewed one.</param>
/// <param name="WaitSeconds">Oldest: seconds since the result was screened.</param>
public sealed record ReviewReason(
    string Strategy,
    string Summary,
    string? Threshold = null,
    double? ThresholdValue = null,
    double? Value = null,
    double? Distance = null,
    IReadOnlyDictionary<string, double>? ModelScores = null,
    double? Spread = null,
    string? NearestReviewed = null,
    double? Similarity = null,
    string? NearestQueued = null,
    double? WaitSeconds = null);

/// <summary>A job's review setting.</summary>
/// <param name="Overlap">How many distinct reviewers each result needs before its label can reach training.</param>
/// <param name="IsDefault">True when the job has no setting of its own and follows <c>Review:DefaultOverlap</c>.</param>
public sealed record ReviewSettings(int Overlap, bool IsDefault);
