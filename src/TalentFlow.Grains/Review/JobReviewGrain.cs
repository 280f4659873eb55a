using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans;
using TalentFlow.Contracts.Candidates;
using TalentFlow.Contracts.Matching;
using TalentFlow.Contracts.Review;
using TalentFlow.Contracts.Training;
using TalentFlow.Grains.Jobs;
using TalentFlow.Grains.Matching;
using TalentFlow.Grains.Training;
using TalentFlow.Hosting.Records;
using TalentFlow.ML.Review;

namespace TalentFlow.Grains.Review;

/// <summary>
/// A job's review desk (key = job id, beside the <see cref="JobGrain"/> that posts and screens): reviewers' verdicts, the
/// queue, the overlap of reviewers, agreement, adjudication, the labels that reach training and the counts the training
/// coordinator keeps.
/// <para>
/// The split: the job grain owns the results (score, decision, reason, model versions; a new screening replaces one), this
/// grain owns what people said about them — one <see cref="ReviewRecord"/> per result (record set <c>verdicts</c>: a verdict
/// writes one record, however many the job has) and the overlap in its state row. It keeps no copy of the results: it reads the
/// slim <see cref="ReviewSubject"/>s from the job (<see cref="IJobResultsGrain"/>, one call) when an answer needs them — the
/// queue's order, agreement with the model, adjudication cases, a verdict's model decision — so a re-screening, a blind
/// pseudonym or a knockout's decision is seen at once and there is nothing to reconcile after a crash. A verdict on a result
/// the job does not have is refused (<see cref="KeyNotFoundException"/>, 404), as before.
/// </para>
/// <para>
/// Calls between the two never wait for each other's turn: the job's methods this grain calls interleave (they read memory), and
/// the job calls this grain only from its own turns (results listing, forgetting a candidate). Versions before this grain
/// kept verdicts and adjudications inside the job's result records and the overlap in the job's state: the first activation
/// copies them here (merging with anything an interrupted earlier copy wrote, so it is idempotent), records that in the state
/// row, then tells the job to drop its copy.
/// </para>
/// </summary>
[GrainType("job-review")]
public sealed class JobReviewGrain(
    [PersistentState("job-review")] IPersistentState<JobReviewState> state,
    [PersistentRecords("verdicts")] IPersistentRecords<ReviewRecord> reviews,
    MatchingModels models,
    ScreeningModels screening,
    IOptions<ReviewOptions> options,
    [FromKeyedServices(GrainClock.Key)] TimeProvider timeProvider) : Grain, IJobReviewGrain
{
    private bool _listedForReview;

    private string JobId => this.GetPrimaryKeyString();

    private IJobResultsGrain Job => GrainFactory.GetGrain<IJobResultsGrain>(JobId);

    private int Overlap => state.State.Overlap ?? options.Value.DefaultOverlap;

    /// <summary>Moves the review data an earlier version kept with the job here, once (see the class summary).</summary>
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (state.State.HandoverDone) return;
        var handover = await Job.GetReviewHandoverAsync(cancellationToken).ConfigureAwait(true);
        // A job created since has nothing to hand over; nothing is written for it (nor for a job that does not exist).
        if (handover.IsEmpty) return;
        foreach (var legacy in handover.Reviews)
        {
            var mine = reviews.Records.GetValueOrDefault(legacy.CandidateId);
            var merged = Merge(mine, legacy);
            if (mine is null || !mine.Verdicts.SequenceEqual(merged.Verdicts) || mine.Adjudication != merged.Adjudication || mine.ReviewedScreening != merged.ReviewedScreening)
            {
                await reviews.WriteAsync(legacy.CandidateId, merged, cancellationToken).ConfigureAwait(true);
            }
        }
        state.State.Overlap ??= handover.Overlap;
        state.State.HandoverDone = true;
        await state.WriteStateAsync(cancellationToken).ConfigureAwait(true);
        await Job.ReleaseReviewHandoverAsync().ConfigureAwait(true);
    }

    /// <summary>A legacy review joined with what an interrupted earlier copy wrote: the union of verdicts, oldest first.</summary>
    private static ReviewRecord Merge(ReviewRecord? mine, LegacyReview legacy)
    {
        if (mine is null) return new ReviewRecord(legacy.Verdicts, legacy.Adjudication, legacy.ReviewedScreening);
        var verdicts = mine.Verdicts.Concat(legacy.Verdicts.Where(v => !mine.Verdicts.Contains(v))).OrderBy(v => v.SubmittedAt).ToList();
        return new ReviewRecord(verdicts, mine.Adjudication ?? legacy.Adjudication, mine.ReviewedScreening ?? legacy.ReviewedScreening);
    }

    /// <inheritdoc />
    public async Task<FeedbackRecord> SubmitFeedbackAsync(string candidateId, ReviewerFeedback feedback, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(feedback);
        feedback.Validate();
        var result = await SubjectAsync(candidateId, cancellationToken).ConfigureAwait(true);
        bool modelSaysYes = result.Decision == "SHORTLIST";
        var record = new FeedbackRecord(result.Id, feedback, result.Decision, NeedsRetraining: feedback.IsPositive != modelSaysYes, timeProvider.GetUtcNow());
        var stored = reviews.Records.GetValueOrDefault(candidateId) ?? ReviewRecord.Empty;
        await reviews.WriteAsync(candidateId, stored with { Verdicts = [.. stored.Verdicts, record], ReviewedScreening = result.CreatedAt }, cancellationToken)
            .ConfigureAwait(true);
        await ListForReviewAsync(cancellationToken).ConfigureAwait(true);
        // Durable here first; the counts are absolute, so a failure here is healed by the next report.
        await ReportVerdictsAsync(cancellationToken).ConfigureAwait(true);
        await GrainFactory.GetGrain<ICandidateFeaturesGrain>(candidateId)
            .RecordInteractionAsync(new CandidateInteraction(JobId, CandidateInteraction.Reviewed, feedback.HumanScore,
                feedback.IsPositive ? "SHORTLIST" : "REJECT", record.SubmittedAt), cancellationToken)
            .ConfigureAwait(true);
        return record;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<FeedbackRecord>> GetFeedbackHistoryAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<FeedbackRecord>>([.. reviews.Records
            .OrderBy(r => r.Key, StringComparer.Ordinal)
            .SelectMany(r => r.Value.Verdicts)
            .OrderBy(v => v.SubmittedAt)]);

    /// <inheritdoc />
    public async Task<IReadOnlyList<LabelledResult>> GetLabelledResultsAsync(CancellationToken cancellationToken = default)
    {
        var ledger = await LedgerForTrainingAsync(cancellationToken).ConfigureAwait(true);
        var labelled = ledger.TrainingVerdicts().Select(v => new LabelledResult(v.ResultId, v.Feedback.IsPositive, v.Feedback.Reviewer)).ToList();
        labelled.Sort(static (a, b) => string.CompareOrdinal(a.ResultId, b.ResultId));
        return labelled;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<FeedbackRecord>> GetTrainingVerdictsAsync(CancellationToken cancellationToken = default) =>
        [.. (await LedgerForTrainingAsync(cancellationToken).ConfigureAwait(true)).TrainingVerdicts().OrderBy(v => v.ResultId, StringComparer.Ordinal)];

    /// <inheritdoc />
    public Task<IReadOnlyDictionary<string, DateTimeOffset>> GetReviewedScreeningsAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyDictionary<string, DateTimeOffset>>(reviews.Records
            .Where(r => r.Value.ReviewedScreening is not null)
            .ToDictionary(r => r.Key, r => r.Value.ReviewedScreening!.Value, StringComparer.Ordinal));

    /// <inheritdoc />
    public async Task ForgetCandidateAsync(string candidateId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(candidateId);
        if (!reviews.Records.TryGetValue(candidateId, out var forgotten)) return;
        await reviews.RemoveAsync(candidateId, cancellationToken).ConfigureAwait(true);
        // The forgotten verdicts leave the coordinator's counts too (and so every later training set).
        if (forgotten.Verdicts.Count > 0 || forgotten.Adjudication is not null) await ReportVerdictsAsync(cancellationToken).ConfigureAwait(true);
    }

    /// <inheritdoc />
    public async Task<ReviewSettings> GetReviewSettingsAsync(CancellationToken cancellationToken = default)
    {
        await RequireJobAsync([], cancellationToken).ConfigureAwait(true);
        return new ReviewSettings(Overlap, state.State.Overlap is null);
    }

    /// <inheritdoc />
    public async Task<ReviewSettings> SetReviewSettingsAsync(int? overlap, CancellationToken cancellationToken = default)
    {
        await RequireJobAsync([], cancellationToken).ConfigureAwait(true);
        int max = options.Value.MaxOverlap;
        if (overlap is < 1 || overlap > max) throw new ArgumentOutOfRangeException(nameof(overlap), overlap, $"overlap must be 1–{max} (Review:MaxOverlap).");
        var previous = state.State.Overlap;
        state.State.Overlap = overlap;
        await state.WriteOrRestoreAsync(() => state.State.Overlap = previous, cancellationToken).ConfigureAwait(true);
        // A new overlap moves results between pending, uncontested and disputed: the training counts follow.
        await ReportVerdictsAsync(cancellationToken).ConfigureAwait(true);
        return new ReviewSettings(Overlap, overlap is null);
    }

    /// <inheritdoc />
    public async Task<ReviewQueue> GetReviewQueueAsync(string strategy, int limit, string? reviewer = null, CancellationToken cancellationToken = default)
    {
        var parsed = ReviewStrategies.Parse(strategy)
            ?? throw new ArgumentException($"strategy must be one of {string.Join(", ", ReviewStrategies.Names)}, not '{strategy}'.");
        int maxLimit = options.Value.MaxQueueLimit;
        if (limit < 1 || limit > maxLimit) throw new ArgumentOutOfRangeException(nameof(limit), limit, $"limit must be 1–{maxLimit} (Review:MaxQueueLimit).");
        var ledger = ReviewLedger.Of(JobId, Overlap, reviews.Records, await RequireJobAsync(null, cancellationToken).ConfigureAwait(true));
        reviewer = string.IsNullOrWhiteSpace(reviewer) ? null : reviewer.Trim();
        return await new ReviewQueueBuilder(GrainFactory, models, screening, timeProvider).BuildAsync(ledger, parsed, limit, reviewer, cancellationToken).ConfigureAwait(true);
    }

    /// <inheritdoc />
    public async Task<JobAgreement> GetAgreementAsync(CancellationToken cancellationToken = default)
    {
        var ledger = ReviewLedger.Of(JobId, Overlap, reviews.Records, await RequireJobAsync(null, cancellationToken).ConfigureAwait(true));
        int total = 0, unreviewed = 0, pending = 0, uncontested = 0, disputed = 0, adjudicated = 0;
        foreach (var entry in ledger.Entries)
        {
            if (entry.Subject is null && entry.Review.Verdicts.Count == 0) continue;
            total++;
            switch (ledger.Resolve(entry.Review).Status)
            {
                case ConsensusStatus.Unreviewed: unreviewed++; break;
                case ConsensusStatus.Pending: pending++; break;
                case ConsensusStatus.Uncontested: uncontested++; break;
                case ConsensusStatus.Disputed: disputed++; break;
                default: adjudicated++; break;
            }
        }
        var units = ledger.Units();
        var summary = ReviewAgreement.Summarize(units);
        return new JobAgreement(JobId, ledger.Overlap, new ReviewCounts(total, unreviewed, pending, uncontested, disputed, adjudicated),
            summary.Reviewers, summary.PairedUnits, summary.Method, Defined(summary.Value), Defined(summary.Kappa), Defined(summary.Alpha),
            Defined(summary.ObservedAgreement), summary.ModelVerdicts, Defined(summary.ModelAgreement), Defined(summary.ModelKappa),
            [.. ReviewAgreement.PerReviewer(units).Select(ToContract)]);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ReviewedResult>> GetReviewedResultsAsync(CancellationToken cancellationToken = default)
    {
        var reviewed = reviews.Records.Where(r => r.Value.Verdicts.Count > 0).Select(r => r.Key).ToList();
        if (reviewed.Count == 0) return [];
        var subjects = await Job.GetReviewSubjectsAsync(reviewed, cancellationToken).ConfigureAwait(true) ?? [];
        return [.. ReviewLedger.Of(JobId, Overlap, reviews.Records, subjects).Units().Select(u => new ReviewedResult(u.Id, u.ModelLabel, u.Labels))];
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<AdjudicationCase>> GetAdjudicationsAsync(CancellationToken cancellationToken = default)
    {
        var ledger = ReviewLedger.Of(JobId, Overlap, reviews.Records, await RequireJobAsync(null, cancellationToken).ConfigureAwait(true));
        return [.. ledger.Entries
            .Where(e => e.Subject is not null && ledger.Resolve(e.Review).Status == ConsensusStatus.Disputed)
            .Select(e => ReviewLedger.Case(e.Subject!, e.Review))
            .OrderBy(c => c.ResultId, StringComparer.Ordinal)];
    }

    /// <inheritdoc />
    public async Task<AdjudicationCase> AdjudicateAsync(string candidateId, string label, string reason, string adjudicator, CancellationToken cancellationToken = default)
    {
        Adjudication.Validate(label, reason);
        ArgumentException.ThrowIfNullOrWhiteSpace(adjudicator);
        var result = await SubjectAsync(candidateId, cancellationToken).ConfigureAwait(true);
        var stored = reviews.Records.GetValueOrDefault(candidateId) ?? ReviewRecord.Empty;
        var status = ReviewLedger.Of(JobId, Overlap, reviews.Records, []).Resolve(stored).Status;
        if (status != ConsensusStatus.Disputed)
        {
            throw new ReviewConflictException($"Screening result '{result.Id}' is {status.ToString().ToLowerInvariant()}, not disputed; only a disputed result can be adjudicated.");
        }
        var updated = stored with { Adjudication = new Adjudication(label, reason.Trim(), adjudicator.Trim(), timeProvider.GetUtcNow()) };
        await reviews.WriteAsync(candidateId, updated, cancellationToken).ConfigureAwait(true);
        await ReportVerdictsAsync(cancellationToken).ConfigureAwait(true);
        return ReviewLedger.Case(result, updated);
    }

    /// <summary>The job's result for <paramref name="candidateId"/>, or <see cref="KeyNotFoundException"/> (the job or the result is unknown).</summary>
    private async Task<ReviewSubject> SubjectAsync(string? candidateId, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrEmpty(candidateId)
            && await Job.GetReviewSubjectsAsync([candidateId], cancellationToken).ConfigureAwait(true) is [{ } subject])
        {
            return subject;
        }
        throw new KeyNotFoundException($"Screening result '{ScreeningResult.IdOf(JobId, candidateId ?? "")}' does not exist.");
    }

    /// <summary>The job's results (those of <paramref name="candidateIds"/>; null: all), or <see cref="KeyNotFoundException"/> when the job does not exist.</summary>
    private async Task<IReadOnlyList<ReviewSubject>> RequireJobAsync(IReadOnlyList<string>? candidateIds, CancellationToken cancellationToken) =>
        await Job.GetReviewSubjectsAsync(candidateIds, cancellationToken).ConfigureAwait(true)
            ?? throw new KeyNotFoundException($"Job '{JobId}' does not exist.");

    /// <summary>The ledger the training rules need: the model's decision matters only for adjudicated results, so only theirs are read.</summary>
    private async Task<ReviewLedger> LedgerForTrainingAsync(CancellationToken cancellationToken)
    {
        var adjudicated = reviews.Records.Where(r => r.Value.Adjudication is not null).Select(r => r.Key).ToList();
        var subjects = adjudicated.Count == 0 ? [] : await Job.GetReviewSubjectsAsync(adjudicated, cancellationToken).ConfigureAwait(true) ?? [];
        return ReviewLedger.Of(JobId, Overlap, reviews.Records, subjects);
    }

    /// <summary>The coordinator's counts are absolute: a failure here is healed by the job's next report.</summary>
    private async Task ReportVerdictsAsync(CancellationToken cancellationToken)
    {
        var counts = (await LedgerForTrainingAsync(cancellationToken).ConfigureAwait(true)).Counts();
        await GrainFactory.GetGrain<ITrainingCoordinatorGrain>(ITrainingCoordinatorGrain.SingletonKey).RecordVerdictsAsync(JobId, counts, cancellationToken).ConfigureAwait(true);
    }

    /// <summary>Registers the job in the review directory, once per activation (the directory ignores repeats).</summary>
    private async Task ListForReviewAsync(CancellationToken cancellationToken)
    {
        if (_listedForReview) return;
        await GrainFactory.GetGrain<IReviewDirectoryGrain>(IReviewDirectoryGrain.Key).RegisterAsync(JobId, cancellationToken).ConfigureAwait(true);
        _listedForReview = true;
    }

    private static ReviewerAgreement ToContract(ReviewerSummary s) =>
        new(s.Reviewer, s.Reviews, s.PeerComparisons, Defined(s.PeerAgreement), Defined(s.PeerKappa), Defined(s.ModelAgreement), Defined(s.ModelKappa));

    /// <summary>NaN (undefined: no pairs, or no variation) travels as null, which JSON can carry.</summary>
    private static double? Defined(double? value) => value is { } v && !double.IsNaN(v) ? Math.Round(v, 6) : null;
}
