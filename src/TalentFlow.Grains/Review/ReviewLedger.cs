using TalentFlow.Contracts.Matching;
using TalentFlow.Contracts.Review;
using TalentFlow.Contracts.Training;
using TalentFlow.Grains.Jobs;
using TalentFlow.ML.Review;

namespace TalentFlow.Grains.Review;

/// <summary>
/// A job's results seen by review at one moment: each result's subject (from the job grain) beside its review record (this
/// grain's), and <see cref="ReviewConsensus"/>'s rule over them — each reviewer counts once, with their latest verdict; a result
/// reaches training with the adjudicator's label, or with its reviewers' label once the overlap is reached and they all agree.
/// Disputed and pending results stay out of the labelled samples, the coordinator's counts and exports.
/// </summary>
internal sealed class ReviewLedger
{
    /// <summary>The reviewer name of verdicts given without one (they count as one reviewer, the latest replacing the earlier).</summary>
    public const string AnonymousReviewer = "(anonymous)";

    private ReviewLedger(string jobId, int overlap, List<Entry> entries) => (JobId, Overlap, Entries) = (jobId, overlap, entries);

    /// <summary>The job.</summary>
    public string JobId { get; }

    /// <summary>The reviewers each result needs.</summary>
    public int Overlap { get; }

    /// <summary>Every result with a subject or a review, by candidate id (ordinal).</summary>
    public List<Entry> Entries { get; }

    /// <summary>One result: its subject when the job still has it (null for verdicts migrated without their result), and its review.</summary>
    internal sealed record Entry(string CandidateId, string ResultId, ReviewSubject? Subject, ReviewRecord Review);

    /// <summary>The ledger of <paramref name="reviews"/> and <paramref name="subjects"/> (either may lack a candidate the other has).</summary>
    public static ReviewLedger Of(string jobId, int overlap, IReadOnlyDictionary<string, ReviewRecord> reviews, IEnumerable<ReviewSubject> subjects)
    {
        var bySubject = subjects.ToDictionary(s => s.CandidateId, StringComparer.Ordinal);
        var entries = new List<Entry>(Math.Max(bySubject.Count, reviews.Count));
        foreach (string candidateId in bySubject.Keys.Union(reviews.Keys, StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            bySubject.TryGetValue(candidateId, out var subject);
            var review = reviews.GetValueOrDefault(candidateId) ?? ReviewRecord.Empty;
            string resultId = subject?.Id ?? (review.Verdicts.Count > 0 ? review.Verdicts[0].ResultId : ScreeningResult.IdOf(jobId, candidateId));
            entries.Add(new Entry(candidateId, resultId, subject, review));
        }
        return new ReviewLedger(jobId, overlap, entries);
    }

    /// <summary>Where a result stands, and the label the consensus gives it.</summary>
    public (ConsensusStatus Status, bool? Label) Resolve(ReviewRecord review) =>
        ReviewConsensus.Resolve([.. LatestByReviewer(review).Values.Select(v => v.Feedback.IsPositive)], Overlap,
            review.Adjudication is { } decided ? decided.Label == "shortlist" : null);

    /// <summary>The label that reaches training for each result that has one (the class summary's rule), by result id (ordinal).</summary>
    public IEnumerable<FeedbackRecord> TrainingVerdicts()
    {
        foreach (var entry in Entries)
        {
            var review = entry.Review;
            if (review.Verdicts.Count == 0 && review.Adjudication is null) continue;
            var (status, _) = Resolve(review);
            string modelDecision = entry.Subject?.Decision ?? review.Verdicts[^1].ModelDecision;
            if (status == ConsensusStatus.Adjudicated)
            {
                var decided = review.Adjudication!;
                var feedback = new ReviewerFeedback(decided.Label, Notes: decided.Reason, Reviewer: decided.Adjudicator);
                yield return new FeedbackRecord(entry.ResultId, feedback, modelDecision, feedback.IsPositive != (modelDecision == "SHORTLIST"), decided.DecidedAt);
            }
            else if (status == ConsensusStatus.Uncontested)
            {
                // Every reviewer agrees: the latest verdict carries the label (and its notes and time).
                yield return LatestByReviewer(review).Values.Aggregate((a, b) => b.SubmittedAt >= a.SubmittedAt ? b : a);
            }
        }
    }

    /// <summary>The absolute counts the training coordinator keeps for this job.</summary>
    public VerdictCounts Counts()
    {
        int total = 0, positive = 0, retrain = 0;
        foreach (var verdict in TrainingVerdicts())
        {
            total++;
            if (verdict.Feedback.IsPositive) positive++;
            if (verdict.NeedsRetraining) retrain++;
        }
        return new VerdictCounts(total, positive, retrain);
    }

    /// <summary>Each reviewed result as agreement measures it: each reviewer's latest label and the model's.</summary>
    public List<ReviewUnit> Units() => [.. Entries
        .Where(e => e.Review.Verdicts.Count > 0)
        .Select(e => new ReviewUnit(e.ResultId,
            LatestByReviewer(e.Review).ToDictionary(p => p.Key, p => LabelOf(p.Value.Feedback.IsPositive), StringComparer.Ordinal),
            (e.Subject?.Decision ?? e.Review.Verdicts[^1].ModelDecision).ToLowerInvariant()))
        .OrderBy(u => u.Id, StringComparer.Ordinal)];

    /// <summary>A disputed (or adjudicated) result as the adjudicator sees it.</summary>
    public static AdjudicationCase Case(ReviewSubject subject, ReviewRecord review)
    {
        var verdicts = LatestByReviewer(review).OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => new ReviewVerdict(p.Key, LabelOf(p.Value.Feedback.IsPositive), p.Value.SubmittedAt, p.Value.Feedback.Notes)).ToList();
        return new AdjudicationCase(subject.Id, subject.CandidateId, subject.CandidateName, subject.Score, subject.Decision, verdicts, review.Adjudication);
    }

    /// <summary>Each reviewer's latest verdict on the result (<see cref="FeedbackHistory.Latest"/>'s rule per reviewer).</summary>
    public static Dictionary<string, FeedbackRecord> LatestByReviewer(ReviewRecord review)
    {
        var latest = new Dictionary<string, FeedbackRecord>(StringComparer.Ordinal);
        foreach (var verdict in review.Verdicts)
        {
            string reviewer = ReviewerOf(verdict.Feedback);
            if (!latest.TryGetValue(reviewer, out var seen) || verdict.SubmittedAt >= seen.SubmittedAt) latest[reviewer] = verdict;
        }
        return latest;
    }

    private static string ReviewerOf(ReviewerFeedback feedback) => string.IsNullOrWhiteSpace(feedback.Reviewer) ? AnonymousReviewer : feedback.Reviewer.Trim();

    private static string LabelOf(bool positive) => positive ? "shortlist" : "reject";
}
