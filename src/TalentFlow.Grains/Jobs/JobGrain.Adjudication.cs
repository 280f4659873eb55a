using TalentFlow.Contracts.Matching;
using TalentFlow.Contracts.Review;
using TalentFlow.Contracts.Training;
using TalentFlow.Contracts.Training.Registry;
using TalentFlow.Grains.Training;
using TalentFlow.ML.Review;

namespace TalentFlow.Grains.Jobs;

/// <summary>
/// Overlap, agreement and adjudication (<see cref="ReviewConsensus"/>'s rule): each reviewer counts once, with their latest
/// verdict; a result reaches training with the adjudicator's label, or with its reviewers' label once the overlap is reached
/// and they all agree. Disputed and pending results stay out of the labelled samples, the coordinator's counts and exports.
/// </summary>
public sealed partial class JobGrain
{
    /// <inheritdoc />
    public Task<JobAgreement> GetAgreementAsync(CancellationToken cancellationToken = default)
    {
        RequirePosting();
        int overlap = Overlap;
        int total = 0, unreviewed = 0, pending = 0, uncontested = 0, disputed = 0, adjudicated = 0;
        foreach (var record in results.Records.Values)
        {
            if (record.Result is null && record.Verdicts.Count == 0) continue;
            total++;
            switch (Resolve(record, overlap).Status)
            {
                case ConsensusStatus.Unreviewed: unreviewed++; break;
                case ConsensusStatus.Pending: pending++; break;
                case ConsensusStatus.Uncontested: uncontested++; break;
                case ConsensusStatus.Disputed: disputed++; break;
                default: adjudicated++; break;
            }
        }
        var units = Units();
        var summary = ReviewAgreement.Summarize(units);
        return Task.FromResult(new JobAgreement(this.GetPrimaryKeyString(), overlap, new ReviewCounts(total, unreviewed, pending, uncontested, disputed, adjudicated),
            summary.Reviewers, summary.PairedUnits, summary.Method, Defined(summary.Value), Defined(summary.Kappa), Defined(summary.Alpha),
            Defined(summary.ObservedAgreement), summary.ModelVerdicts, Defined(summary.ModelAgreement), Defined(summary.ModelKappa),
            [.. ReviewAgreement.PerReviewer(units).Select(ToContract)]));
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<ReviewedResult>> GetReviewedResultsAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<ReviewedResult>>([.. Units().Select(u => new ReviewedResult(u.Id, u.ModelLabel, u.Labels))]);

    /// <inheritdoc />
    public Task<IReadOnlyList<AdjudicationCase>> GetAdjudicationsAsync(CancellationToken cancellationToken = default)
    {
        RequirePosting();
        int overlap = Overlap;
        return Task.FromResult<IReadOnlyList<AdjudicationCase>>([.. results.Records
            .Where(r => r.Value.Result is not null && Resolve(r.Value, overlap).Status == ConsensusStatus.Disputed)
            .Select(r => Case(r.Value))
            .OrderBy(c => c.ResultId, StringComparer.Ordinal)]);
    }

    /// <inheritdoc />
    public async Task<AdjudicationCase> AdjudicateAsync(string candidateId, string label, string reason, string adjudicator, CancellationToken cancellationToken = default)
    {
        Adjudication.Validate(label, reason);
        ArgumentException.ThrowIfNullOrWhiteSpace(adjudicator);
        RequirePosting();
        if (!results.Records.TryGetValue(candidateId ?? "", out var stored) || stored.Result is not { } result)
        {
            throw new KeyNotFoundException($"Screening result '{ScreeningResult.IdOf(this.GetPrimaryKeyString(), candidateId ?? "")}' does not exist.");
        }
        var status = Resolve(stored, Overlap).Status;
        if (status != ConsensusStatus.Disputed)
        {
            throw new ReviewConflictException($"Screening result '{result.Id}' is {status.ToString().ToLowerInvariant()}, not disputed; only a disputed result can be adjudicated.");
        }
        var updated = stored with { Adjudication = new Adjudication(label, reason.Trim(), adjudicator.Trim(), timeProvider.GetUtcNow()) };
        await results.WriteAsync(candidateId!, updated, cancellationToken).ConfigureAwait(true);
        await ReportVerdictsAsync(cancellationToken).ConfigureAwait(true);
        return Case(updated);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<FeedbackRecord>> GetTrainingVerdictsAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<FeedbackRecord>>([.. TrainingVerdicts().Select(v => v.Value).OrderBy(v => v.ResultId, StringComparer.Ordinal)]);

    /// <summary>The label that reaches training for each result that has one (the class summary's rule), by result id.</summary>
    private IEnumerable<KeyValuePair<string, FeedbackRecord>> TrainingVerdicts()
    {
        int overlap = Overlap;
        foreach (var record in results.Records.Values)
        {
            if (record.Verdicts.Count == 0 && record.Adjudication is null) continue;
            var (status, _) = Resolve(record, overlap);
            string resultId = record.Result?.Id ?? record.Verdicts[0].ResultId;
            string modelDecision = record.Result?.Decision ?? record.Verdicts[^1].ModelDecision;
            if (status == ConsensusStatus.Adjudicated)
            {
                var decided = record.Adjudication!;
                var feedback = new ReviewerFeedback(decided.Label, Notes: decided.Reason, Reviewer: decided.Adjudicator);
                yield return new(resultId, new FeedbackRecord(resultId, feedback, modelDecision, feedback.IsPositive != (modelDecision == "SHORTLIST"), decided.DecidedAt));
            }
            else if (status == ConsensusStatus.Uncontested)
            {
                // Every reviewer agrees: the latest verdict carries the label (and its notes and time).
                var latest = LatestByReviewer(record).Values.Aggregate((a, b) => b.SubmittedAt >= a.SubmittedAt ? b : a);
                yield return new(resultId, latest);
            }
        }
    }

    /// <summary>Each reviewer's latest verdict on the result (<see cref="FeedbackHistory.Latest"/>'s rule per reviewer).</summary>
    private static Dictionary<string, FeedbackRecord> LatestByReviewer(ScreeningRecord record)
    {
        var latest = new Dictionary<string, FeedbackRecord>(StringComparer.Ordinal);
        foreach (var verdict in record.Verdicts)
        {
            string reviewer = ReviewerOf(verdict.Feedback);
            if (!latest.TryGetValue(reviewer, out var seen) || verdict.SubmittedAt >= seen.SubmittedAt) latest[reviewer] = verdict;
        }
        return latest;
    }

    private static string ReviewerOf(ReviewerFeedback feedback) => string.IsNullOrWhiteSpace(feedback.Reviewer) ? AnonymousReviewer : feedback.Reviewer.Trim();

    private static (ConsensusStatus Status, bool? Label) Resolve(ScreeningRecord record, int overlap) =>
        ReviewConsensus.Resolve([.. LatestByReviewer(record).Values.Select(v => v.Feedback.IsPositive)], overlap,
            record.Adjudication is { } decided ? decided.Label == "shortlist" : null);

    private static string LabelOf(bool positive) => positive ? "shortlist" : "reject";

    private List<ReviewUnit> Units() => [.. results.Records.Values
        .Where(r => r.Verdicts.Count > 0)
        .Select(r => new ReviewUnit(r.Result?.Id ?? r.Verdicts[0].ResultId,
            LatestByReviewer(r).ToDictionary(p => p.Key, p => LabelOf(p.Value.Feedback.IsPositive), StringComparer.Ordinal),
            (r.Result?.Decision ?? r.Verdicts[^1].ModelDecision).ToLowerInvariant()))
        .OrderBy(u => u.Id, StringComparer.Ordinal)];

    private static AdjudicationCase Case(ScreeningRecord record)
    {
        var result = record.Result!;
        var verdicts = LatestByReviewer(record).OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => new ReviewVerdict(p.Key, LabelOf(p.Value.Feedback.IsPositive), p.Value.SubmittedAt, p.Value.Feedback.Notes)).ToList();
        return new AdjudicationCase(result.Id, result.CandidateId, result.CandidateName, result.Score, result.Decision, verdicts, record.Adjudication);
    }

    /// <summary>The coordinator's counts are absolute: a failure here is healed by the job's next report.</summary>
    private Task ReportVerdictsAsync(CancellationToken cancellationToken) =>
        GrainFactory.GetGrain<ITrainingCoordinatorGrain>(ITrainingCoordinatorGrain.SingletonKey).RecordVerdictsAsync(this.GetPrimaryKeyString(), CountVerdicts(), cancellationToken);

    private static ReviewerAgreement ToContract(ReviewerSummary s) =>
        new(s.Reviewer, s.Reviews, s.PeerComparisons, Defined(s.PeerAgreement), Defined(s.PeerKappa), Defined(s.ModelAgreement), Defined(s.ModelKappa));

    /// <summary>NaN (undefined: no pairs, or no variation) travels as null, which JSON can carry.</summary>
    private static double? Defined(double? value) => value is { } v && !double.IsNaN(v) ? Math.Round(v, 6) : null;
}
