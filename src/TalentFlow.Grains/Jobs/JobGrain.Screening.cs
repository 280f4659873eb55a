using Orleans;
using TalentFlow.Contracts.Candidates;
using TalentFlow.Contracts.Matching;
using TalentFlow.Contracts.Training;
using TalentFlow.Grains.Matching;

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
        var record = results.Records.TryGetValue(candidateId, out var previous) ? previous with { Result = result } : new ScreeningRecord(result);
        await results.WriteAsync(candidateId, record, cancellationToken).ConfigureAwait(true);
        await ListForReviewAsync(cancellationToken).ConfigureAwait(true);
        await RecordDecisionsAsync(result, cancellationToken).ConfigureAwait(true);
        await GrainFactory.GetGrain<ICandidateFeaturesGrain>(candidateId)
            .RecordInteractionAsync(new CandidateInteraction(this.GetPrimaryKeyString(), CandidateInteraction.Screened, result.Score, result.Decision, result.CreatedAt), cancellationToken)
            .ConfigureAwait(true);
        return result;
    }

    private bool _listedForReview;

    /// <summary>Registers the job in the review directory, once per activation (the directory ignores repeats).</summary>
    private async Task ListForReviewAsync(CancellationToken cancellationToken)
    {
        if (_listedForReview) return;
        await GrainFactory.GetGrain<IReviewDirectoryGrain>(IReviewDirectoryGrain.Key).RegisterAsync(this.GetPrimaryKeyString(), cancellationToken).ConfigureAwait(true);
        _listedForReview = true;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ScreeningResult>> GetScreeningResultsAsync(CancellationToken cancellationToken = default)
    {
        if (results.Records.Count == 0) return [];
        // Reviewed = a verdict judged this very screening (a new screening starts unreviewed, as before the review grain).
        var reviewed = await GrainFactory.GetGrain<IJobReviewGrain>(this.GetPrimaryKeyString()).GetReviewedScreeningsAsync(cancellationToken).ConfigureAwait(true);
        return [.. results.Records
            .Where(r => r.Value.Result is not null)
            .Select(r => r.Value.Result! with { HumanReviewed = reviewed.TryGetValue(r.Key, out var at) && at == r.Value.Result!.CreatedAt })
            .OrderByDescending(r => r.CreatedAt)
            .ThenBy(r => r.CandidateId, StringComparer.Ordinal)];
    }

    /// <inheritdoc />
    public async Task ForgetCandidateAsync(string candidateId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(candidateId);
        // The verdicts first (the review grain reports the new counts): were this the step to fail, a retry still finds the result.
        await GrainFactory.GetGrain<IJobReviewGrain>(this.GetPrimaryKeyString()).ForgetCandidateAsync(candidateId, cancellationToken).ConfigureAwait(true);
        await results.RemoveAsync(candidateId, cancellationToken).ConfigureAwait(true);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<ReviewSubject>?> GetReviewSubjectsAsync(IReadOnlyList<string>? candidateIds = null, CancellationToken cancellationToken = default)
    {
        if (state.State.Posting is null) return Task.FromResult<IReadOnlyList<ReviewSubject>?>(null);
        IEnumerable<ScreeningRecord> records = candidateIds is null
            ? results.Records.Values
            : candidateIds.Select(id => results.Records.GetValueOrDefault(id)).OfType<ScreeningRecord>();
        return Task.FromResult<IReadOnlyList<ReviewSubject>?>([.. records.Select(r => r.Result).OfType<ScreeningResult>().Select(ReviewSubject.Of)]);
    }

    /// <inheritdoc />
    public Task<ReviewHandover> GetReviewHandoverAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult(new ReviewHandover(state.State.ReviewOverlap, [.. results.Records
            .Where(r => r.Value.Verdicts is { Count: > 0 } || r.Value.Adjudication is not null)
            .Select(r => new LegacyReview(r.Key, r.Value.Verdicts ?? [], r.Value.Adjudication,
                r.Value.Result is { HumanReviewed: true } reviewed ? reviewed.CreatedAt : null))]));

    /// <inheritdoc />
    public async Task ReleaseReviewHandoverAsync()
    {
        foreach (var (candidateId, record) in results.Records.Where(r => r.Value.Verdicts is { Count: > 0 } || r.Value.Adjudication is not null).ToList())
        {
            if (record.Result is null) await results.RemoveAsync(candidateId).ConfigureAwait(true);
            else await results.WriteAsync(candidateId, new ScreeningRecord(record.Result with { HumanReviewed = false })).ConfigureAwait(true);
        }
        if (state.State.ReviewOverlap is null) return;
        state.State.ReviewOverlap = null;
        await state.WriteStateAsync().ConfigureAwait(true);
    }
}
