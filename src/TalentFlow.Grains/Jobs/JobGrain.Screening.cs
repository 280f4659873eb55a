using Orleans;
using TalentFlow.Contracts.Candidates;
using TalentFlow.Contracts.Matching;
using TalentFlow.Contracts.Training;
using TalentFlow.Grains.Matching;
using TalentFlow.Grains.Training;

namespace TalentFlow.Grains.Jobs;

/// <summary>
/// The job's screening results and reviewers' verdicts: one <see cref="ScreeningRecord"/> per candidate, written on its own
/// (fenced by its own version), so a screening or a verdict costs one result however many the job has gathered.
/// </summary>
public sealed partial class JobGrain
{
    /// <summary>Moves results and verdicts that an earlier version kept inside the state row into records, once.</summary>
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (state.State.Results is null && state.State.FeedbackHistory is null) return;
        var legacyResults = state.State.Results ?? [];
        var verdictsByCandidate = new Dictionary<string, List<FeedbackRecord>>(StringComparer.Ordinal);
        string prefix = ScreeningResult.IdOf(this.GetPrimaryKeyString(), "");
        foreach (var verdict in state.State.FeedbackHistory ?? [])
        {
            string candidateId = verdict.ResultId.StartsWith(prefix, StringComparison.Ordinal) ? verdict.ResultId[prefix.Length..] : verdict.ResultId;
            if (!verdictsByCandidate.TryGetValue(candidateId, out var list)) verdictsByCandidate[candidateId] = list = [];
            list.Add(verdict);
        }
        foreach (string candidateId in legacyResults.Keys.Union(verdictsByCandidate.Keys, StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            // Written by an earlier attempt that stopped before the state row: the record is as new or newer.
            if (results.Records.ContainsKey(candidateId)) continue;
            legacyResults.TryGetValue(candidateId, out var result);
            var verdicts = verdictsByCandidate.GetValueOrDefault(candidateId) ?? [];
            await results.WriteAsync(candidateId, new ScreeningRecord(result, verdicts), cancellationToken).ConfigureAwait(true);
        }
        (state.State.Results, state.State.FeedbackHistory) = (null, null);
        await state.WriteStateAsync(cancellationToken).ConfigureAwait(true);
    }

    /// <inheritdoc />
    public async Task<ScreeningResult> ScreenAsync(string candidateId, CancellationToken cancellationToken = default)
    {
        // Masked in blind screening (JobGrain.Blind.cs); the requirements' evidence quotes it (JobGrain.Requirements.cs).
        var (match, resumeText, name) = await ScoreAsync(candidateId, cancellationToken).ConfigureAwait(true);
        var result = new ScreeningResult(
            ScreeningResult.IdOf(this.GetPrimaryKeyString(), candidateId), this.GetPrimaryKeyString(), candidateId, name, match.Score, match.Decision,
            match.SectionScores, match.MatchedSkills, match.MissingSkills, match.ModelVersions, match.SemanticScore,
            HumanReviewed: false, timeProvider.GetUtcNow(), match.MatchProbability, DecisionReason: match.DecisionReason, Blind: IsBlind,
            Similarity: match.Similarity, ShortlistThreshold: match.ShortlistThreshold);
        result = await WithRequirementsAsync(result, resumeText, cancellationToken).ConfigureAwait(true);
        // A new screening replaces the result; the verdicts given on the earlier one stay (the audit trail).
        var record = results.Records.TryGetValue(candidateId, out var previous) ? previous with { Result = result } : new ScreeningRecord(result, []);
        await results.WriteAsync(candidateId, record, cancellationToken).ConfigureAwait(true);
        await ListForReviewAsync(cancellationToken).ConfigureAwait(true);
        await RecordDecisionsAsync(result, cancellationToken).ConfigureAwait(true);
        await GrainFactory.GetGrain<ICandidateFeaturesGrain>(candidateId)
            .RecordInteractionAsync(new CandidateInteraction(this.GetPrimaryKeyString(), CandidateInteraction.Screened, result.Score, result.Decision, result.CreatedAt), cancellationToken)
            .ConfigureAwait(true);
        return result;
    }

    /// <inheritdoc />
    public async Task<FeedbackRecord> SubmitFeedbackAsync(string candidateId, ReviewerFeedback feedback, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(feedback);
        feedback.Validate();
        if (!results.Records.TryGetValue(candidateId ?? "", out var stored) || stored.Result is not { } result)
        {
            throw new KeyNotFoundException($"Screening result '{ScreeningResult.IdOf(this.GetPrimaryKeyString(), candidateId ?? "")}' does not exist.");
        }
        bool modelSaysYes = result.Decision == "SHORTLIST";
        var record = new FeedbackRecord(result.Id, feedback, result.Decision, NeedsRetraining: feedback.IsPositive != modelSaysYes, timeProvider.GetUtcNow());
        await results.WriteAsync(candidateId!, stored with { Result = result with { HumanReviewed = true }, Verdicts = [.. stored.Verdicts, record] }, cancellationToken)
            .ConfigureAwait(true);
        await ListForReviewAsync(cancellationToken).ConfigureAwait(true);
        // Durable with the job first; the counts are absolute, so a failure here is healed by the job's next report.
        await GrainFactory.GetGrain<ITrainingCoordinatorGrain>(ITrainingCoordinatorGrain.SingletonKey)
            .RecordVerdictsAsync(this.GetPrimaryKeyString(), CountVerdicts(), cancellationToken).ConfigureAwait(true);
        await GrainFactory.GetGrain<ICandidateFeaturesGrain>(candidateId!)
            .RecordInteractionAsync(new CandidateInteraction(this.GetPrimaryKeyString(), CandidateInteraction.Reviewed, feedback.HumanScore,
                feedback.IsPositive ? "SHORTLIST" : "REJECT", record.SubmittedAt), cancellationToken)
            .ConfigureAwait(true);
        return record;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<FeedbackRecord>> GetFeedbackHistoryAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<FeedbackRecord>>([.. results.Records.Values
            .OrderBy(r => r.Result?.Id ?? "", StringComparer.Ordinal)
            .SelectMany(r => r.Verdicts)
            .OrderBy(v => v.SubmittedAt)]);

    /// <inheritdoc />
    public Task<IReadOnlyList<ScreeningResult>> GetScreeningResultsAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<ScreeningResult>>([.. results.Records.Values
            .Select(r => r.Result)
            .OfType<ScreeningResult>()
            .OrderByDescending(r => r.CreatedAt)
            .ThenBy(r => r.CandidateId, StringComparer.Ordinal)]);

    /// <inheritdoc />
    public async Task ForgetCandidateAsync(string candidateId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(candidateId);
        if (!results.Records.TryGetValue(candidateId, out var forgotten)) return;
        await results.RemoveAsync(candidateId, cancellationToken).ConfigureAwait(true);
        // The forgotten verdicts leave the coordinator's counts too (and so every later training set).
        if (forgotten.Verdicts.Count > 0)
        {
            await GrainFactory.GetGrain<ITrainingCoordinatorGrain>(ITrainingCoordinatorGrain.SingletonKey)
                .RecordVerdictsAsync(this.GetPrimaryKeyString(), CountVerdicts(), cancellationToken).ConfigureAwait(true);
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<LabelledResult>> GetLabelledResultsAsync(CancellationToken cancellationToken = default)
    {
        var labelled = new List<LabelledResult>(results.Records.Count);
        foreach (var (resultId, record) in TrainingVerdicts()) labelled.Add(new LabelledResult(resultId, record.Feedback.IsPositive, record.Feedback.Reviewer));
        labelled.Sort(static (a, b) => string.CompareOrdinal(a.ResultId, b.ResultId));
        return Task.FromResult<IReadOnlyList<LabelledResult>>(labelled);
    }

    private VerdictCounts CountVerdicts()
    {
        int total = 0, positive = 0, retrain = 0;
        foreach (var (_, record) in TrainingVerdicts())
        {
            total++;
            if (record.Feedback.IsPositive) positive++;
            if (record.NeedsRetraining) retrain++;
        }
        return new VerdictCounts(total, positive, retrain);
    }
}
