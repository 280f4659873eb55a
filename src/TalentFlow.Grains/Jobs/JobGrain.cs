using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans;
using TalentFlow.Contracts.Candidates;
using TalentFlow.Contracts.Jobs;
using TalentFlow.Contracts.Matching;
using TalentFlow.Contracts.Training.Registry;
using TalentFlow.Grains.Candidates;
using TalentFlow.Grains.Matching;
using TalentFlow.Grains.Recommendations;
using TalentFlow.Grains.Training;
using TalentFlow.Hosting.Records;
using TalentFlow.ML.Matching;
using TalentFlow.ML.Parsing;
using TalentFlow.ML.Requirements;
using TalentFlow.ML.Skills;
using TalentFlow.ML.Text;

namespace TalentFlow.Grains.Jobs;

/// <summary>
/// A job posting and its screening: stores the posting durably (with its requirements and settings), keeps its features warm
/// (<see cref="PostingFeatures"/>), scores and ranks candidates against it (<see cref="ScreeningDecision"/>,
/// <see cref="CandidateRanking"/>; the candidate's features come from its grain, and when both live on this silo that call
/// never leaves the process), and keeps each candidate's latest screening result as a record of its own. What reviewers say
/// about those results belongs to the job's review grain (<c>Review/JobReviewGrain</c>, same key), which reads them through
/// <see cref="IJobResultsGrain"/>.
/// </summary>
[GrainType("job")]
public sealed class JobGrain(
    [PersistentState("job")] IPersistentState<JobState> state,
    [PersistentRecords("results")] IPersistentRecords<ScreeningRecord> results,
    MatchingModels models,
    ScreeningModels screening,
    TextNormalizer normalizer,
    JobParser parser,
    EncoderMigration migration,
    IOptions<MatchingOptions> options,
    IOptions<RequirementEvidenceOptions> evidence,
    [FromKeyedServices(GrainClock.Key)] TimeProvider timeProvider) : Grain, IJobGrain, IJobFeaturesGrain, IJobRequirementsGrain, IJobResultsGrain
{
    private readonly PostingFeatures _features = new(models);
    // The silo binds the thresholds from Evidence:* (validated at start-up); other hosts get the defaults.
    private readonly RequirementEvidenceFinder _evidence = new(evidence.Value);
    private bool _listedForReview;

    private string JobId => this.GetPrimaryKeyString();

    /// <summary>Blind screening (<see cref="JobSettings.BlindScreening"/>): the job masks resumes and scores the masked text itself.</summary>
    private bool IsBlind => state.State.Settings?.BlindScreening == true;

    /// <summary>
    /// Moves results and verdicts that an earlier version kept inside the state row into records, once; and lists a stored
    /// job in the directory again (the directory write is not in the posting's transaction: this heals a lost one, and lists
    /// jobs stored before the directory existed; the directory skips the write when nothing changed).
    /// </summary>
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await JobStateMigration.MoveResultsToRecordsAsync(JobId, state, results, cancellationToken).ConfigureAwait(true);
        if (state.State is { Posting: not null, Profile: { } profile }) await ListAsync(profile, cancellationToken).ConfigureAwait(true);
    }

    /// <inheritdoc />
    public async Task<JobProfile> UpsertAsync(JobPosting posting, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(posting);
        if (string.IsNullOrWhiteSpace(posting.Title)) throw new ArgumentException("The job title is empty.");
        if (posting.Title.Length > 300) throw new ArgumentException("The job title is over 300 characters.");
        string description = InputText.Require(posting.Description, "job description", options.Value.MaxTextLength, normalizer);
        var stored = posting with { Description = description };
        var parsed = parser.Parse(PostingFeatures.MatchText(stored));
        var required = RequiredSkills(stored, parsed);
        var profile = ProfileMapping.ToProfile(JobId, stored, parsed, required, timeProvider.GetUtcNow());
        // A recruiter's requirements survive a new posting; otherwise they are proposed from it.
        var requirements = state.State.RequirementsEdited ? state.State.Requirements : RequirementsScreening.Propose(stored);

        var previous = (state.State.Posting, state.State.Profile, state.State.Requirements);
        (state.State.Posting, state.State.Profile, state.State.Requirements) = (stored, profile, requirements);
        await state.WriteOrRestoreAsync(() => (state.State.Posting, state.State.Profile, state.State.Requirements) = previous, cancellationToken).ConfigureAwait(true);
        _features.Clear();
        // The job catalog User grains rank against (Recommendations/); storing the posting again heals a failed registration.
        await GrainFactory.GetGrain<IJobCatalogGrain>(IJobCatalogGrain.Key).RegisterAsync(JobId, stored, cancellationToken).ConfigureAwait(true);
        // Listed before the store is acknowledged, so a list read after the create answers has the job.
        await ListAsync(profile, cancellationToken).ConfigureAwait(true);
        return profile;
    }

    private Task ListAsync(JobProfile profile, CancellationToken cancellationToken) =>
        GrainFactory.GetGrain<IJobDirectoryGrain>(IJobDirectoryGrain.Key).RegisterAsync(JobSummary.Of(profile), cancellationToken);

    /// <inheritdoc />
    public Task<JobProfile?> GetAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult(state.State.Posting is null ? null : state.State.Profile);

    /// <inheritdoc />
    public Task<JobPosting?> GetPostingAsync(CancellationToken cancellationToken = default) => Task.FromResult(state.State.Posting);

    /// <inheritdoc />
    public async Task<CandidateMatch> ScoreCandidateAsync(string candidateId, CancellationToken cancellationToken = default) =>
        (await ScoreAsync(candidateId, cancellationToken).ConfigureAwait(true)).Match;

    /// <inheritdoc />
    public Task<IReadOnlyList<RankedCandidate>> RankCandidatesAsync(int top, CandidateFilter? filter = null, CancellationToken cancellationToken = default)
    {
        if (top is < 1 or > 1000) throw new ArgumentOutOfRangeException(nameof(top), top, "top must be 1–1000.");
        filter?.Validate();
        var (posting, _) = RequirePosting();
        return new CandidateRanking(GrainFactory, models, migration, _features, options.Value.CandidateShards)
            .RankAsync(posting, top, filter, async (candidateId, ct) =>
            {
                var (match, _, name) = await ScoreAsync(candidateId, ct).ConfigureAwait(true);
                return (match, name);
            }, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<JobFeatures> GetFeaturesAsync(string modelVersion, string? encoderVersion, string? scorerVersion = null, CancellationToken cancellationToken = default)
    {
        var (posting, profile) = RequirePosting();
        var model = models.TryGet(modelVersion, out var requested) ? requested : models.Current;
        var embedding = encoderVersion is null ? null : await _features.EmbeddingAsync(encoderVersion, posting, cancellationToken).ConfigureAwait(true);
        var scorer = scorerVersion is null ? models.Scorer : models.TryGetScorer(scorerVersion, out var named) ? named : null;
        var scorerSide = scorer is not null && scorer.AppliesTo(model.Version) ? await _features.ScorerSideAsync(scorer, posting, cancellationToken).ConfigureAwait(true) : null;
        return new JobFeatures(model.Version, _features.Baseline(model, posting), profile.RequiredSkills, embedding is null ? null : encoderVersion, embedding, scorerSide, IsBlind);
    }

    /// <inheritdoc />
    public async Task<ScreeningResult> ScreenAsync(string candidateId, CancellationToken cancellationToken = default)
    {
        // Masked in blind screening; the requirements' evidence quotes the same text.
        var (match, resumeText, name) = await ScoreAsync(candidateId, cancellationToken).ConfigureAwait(true);
        var result = new ScreeningResult(
            ScreeningResult.IdOf(JobId, candidateId), JobId, candidateId, name, match.Score, match.Decision,
            match.SectionScores, match.MatchedSkills, match.MissingSkills, match.ModelVersions, match.SemanticScore,
            HumanReviewed: false, timeProvider.GetUtcNow(), match.MatchProbability, DecisionReason: match.DecisionReason, Blind: IsBlind,
            Similarity: match.Similarity, ShortlistThreshold: match.ShortlistThreshold);
        result = await RequirementsScreening.JudgeAsync(_evidence, result, state.State.Requirements, resumeText, models.Encoder?.Encoder, cancellationToken).ConfigureAwait(true);
        // A new screening replaces the result (verdicts not yet handed over to the review grain stay with it until then).
        var record = results.Records.TryGetValue(candidateId, out var previous) ? previous with { Result = result } : new ScreeningRecord(result);
        await results.WriteAsync(candidateId, record, cancellationToken).ConfigureAwait(true);
        await ListForReviewAsync(cancellationToken).ConfigureAwait(true);
        await RecordDecisionsAsync(result, cancellationToken).ConfigureAwait(true);
        await GrainFactory.GetGrain<ICandidateFeaturesGrain>(candidateId)
            .RecordInteractionAsync(new CandidateInteraction(JobId, CandidateInteraction.Screened, result.Score, result.Decision, result.CreatedAt), cancellationToken)
            .ConfigureAwait(true);
        return result;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ScreeningResult>> GetScreeningResultsAsync(CancellationToken cancellationToken = default)
    {
        if (results.Records.Count == 0) return [];
        // Reviewed = a verdict judged this very screening (a new screening starts unreviewed, as before the review grain).
        var reviewed = await GrainFactory.GetGrain<IJobReviewGrain>(JobId).GetReviewedScreeningsAsync(cancellationToken).ConfigureAwait(true);
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
        await GrainFactory.GetGrain<IJobReviewGrain>(JobId).ForgetCandidateAsync(candidateId, cancellationToken).ConfigureAwait(true);
        await results.RemoveAsync(candidateId, cancellationToken).ConfigureAwait(true);
    }

    /// <inheritdoc />
    public Task<JobRequirements> GetRequirementsAsync(CancellationToken cancellationToken = default)
    {
        RequirePosting();
        return Task.FromResult(CurrentRequirements());
    }

    /// <inheritdoc />
    public async Task<JobRequirements> SetRequirementsAsync(IReadOnlyList<JobRequirementInput> requirements, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(requirements);
        RequirePosting();
        var parsed = RequirementsScreening.Parse(requirements);
        var previous = (state.State.Requirements, state.State.RequirementsEdited);
        (state.State.Requirements, state.State.RequirementsEdited) = (parsed, true);
        await state.WriteOrRestoreAsync(() => (state.State.Requirements, state.State.RequirementsEdited) = previous, cancellationToken).ConfigureAwait(true);
        // The requirements are part of the job's screening features.
        _features.ClearScreening();
        return CurrentRequirements();
    }

    /// <inheritdoc />
    public Task<JobSettings> GetSettingsAsync(CancellationToken cancellationToken = default)
    {
        RequirePosting();
        return Task.FromResult(state.State.Settings ?? new JobSettings(BlindScreening: false));
    }

    /// <inheritdoc />
    public async Task<JobSettings> SetSettingsAsync(JobSettings settings, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        RequirePosting();
        var previous = state.State.Settings;
        state.State.Settings = settings;
        await state.WriteOrRestoreAsync(() => state.State.Settings = previous, cancellationToken).ConfigureAwait(true);
        return settings;
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
            .Where(r => HoldsReview(r.Value))
            .Select(r => new LegacyReview(r.Key, r.Value.Verdicts ?? [], r.Value.Adjudication,
                r.Value.Result is { HumanReviewed: true } reviewed ? reviewed.CreatedAt : null))]));

    /// <inheritdoc />
    public async Task ReleaseReviewHandoverAsync()
    {
        foreach (var (candidateId, record) in results.Records.Where(r => HoldsReview(r.Value)).ToList())
        {
            if (record.Result is null) await results.RemoveAsync(candidateId).ConfigureAwait(true);
            else await results.WriteAsync(candidateId, new ScreeningRecord(record.Result with { HumanReviewed = false })).ConfigureAwait(true);
        }
        if (state.State.ReviewOverlap is null) return;
        state.State.ReviewOverlap = null;
        await state.WriteStateAsync().ConfigureAwait(true);
    }

    private static bool HoldsReview(ScreeningRecord record) => record.Verdicts is { Count: > 0 } || record.Adjudication is not null;

    /// <summary>The pair's match (score, decision, explanation) and the resume as this job sees it (masked when blind).</summary>
    private async Task<(CandidateMatch Match, string ResumeText, string Name)> ScoreAsync(string candidateId, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(candidateId)) throw new ArgumentException("The candidate id is empty.");
        var (posting, _) = RequirePosting();
        var (resumeText, name) = await ResumeForJobAsync(candidateId, cancellationToken).ConfigureAwait(true);
        var explanation = IsBlind
            ? await ExplainBlindAsync(candidateId, resumeText, cancellationToken).ConfigureAwait(true)
            : await ExplainAsync(candidateId, cancellationToken).ConfigureAwait(true);
        // The served screening model's probability is the score; the job's threshold decides.
        var scorer = screening.Current;
        object jobSide = await _features.ScreeningSideAsync(scorer, () => scorer.PrepareJobAsync(ScreeningJobOf(posting), cancellationToken)).ConfigureAwait(true);
        object resumeSide = await scorer.PrepareResumeAsync(resumeText, cancellationToken).ConfigureAwait(true);
        double probability = Math.Round(Math.Clamp(scorer.Probability(jobSide, resumeSide, JobId), 0, 1), 6);
        double threshold = ScreeningDecision.ThresholdFor(state.State.Settings, results.Records.Values.Select(r => r.Result).OfType<ScreeningResult>(), scorer);
        return (ScreeningDecision.Decide(explanation, probability, threshold, scorer.Version), resumeText, name);
    }

    /// <summary>The baseline's and the encoder's view of the pair (similarities, skills): the explanation of the score.</summary>
    private async Task<CandidateMatch> ExplainAsync(string candidateId, CancellationToken cancellationToken)
    {
        // The candidate's A/B arm (the production models when no test runs) names the version to score in.
        var candidate = await GrainFactory.GetGrain<ICandidateFeaturesGrain>(candidateId)
            .GetFeaturesAsync(models.ArmOf(candidateId).Baseline.Version, cancellationToken).ConfigureAwait(true)
            ?? throw new KeyNotFoundException($"Candidate '{candidateId}' does not exist.");
        // The candidate's silo may still serve an older version (or already a newer one) during a roll-out: score in its version.
        var model = await MatchComputation.ResolveAsync(models, GrainFactory, candidate.ModelVersion, $"Candidate '{candidateId}'", cancellationToken).ConfigureAwait(true);
        var scorer = models.ScorerFor(model.Version, candidateId);
        var job = await GetFeaturesAsync(model.Version, candidate.EncoderVersion, scorer?.Version, cancellationToken).ConfigureAwait(true);
        return MatchComputation.Score(candidateId, JobId, candidate, job, model, scorer);
    }

    /// <summary>
    /// The candidate's resume as this job's reviewers and scorer see it: masked when screening blind (<see cref="BlindMask"/>:
    /// the candidate's name, contact details, addresses, photos' alt text, ages, dates of birth), with a stable pseudonym.
    /// </summary>
    private async Task<(string Text, string Name)> ResumeForJobAsync(string candidateId, CancellationToken cancellationToken)
    {
        string text = await GrainFactory.GetGrain<ICandidateFeaturesGrain>(candidateId).GetTextAsync(cancellationToken).ConfigureAwait(true)
            ?? throw new KeyNotFoundException($"Candidate '{candidateId}' does not exist.");
        var profile = await GrainFactory.GetGrain<ICandidateGrain>(candidateId).GetProfileAsync(cancellationToken).ConfigureAwait(true);
        string name = profile?.Name ?? candidateId;
        return IsBlind ? (BlindMask.Mask(text, name), BlindMask.Pseudonym(candidateId)) : (text, name);
    }

    /// <summary>
    /// Explains the masked resume with the models the candidate's A/B arm names, as the candidate's features would be: those
    /// cached features were made from the whole text, so they are made here from the masked text instead.
    /// </summary>
    private async Task<CandidateMatch> ExplainBlindAsync(string candidateId, string masked, CancellationToken cancellationToken)
    {
        var model = models.ArmOf(candidateId).Baseline;
        var scorer = models.ScorerFor(model.Version, candidateId);
        var encoder = models.Encoder;
        var embedding = encoder is null ? null : (await encoder.Encoder.EmbedAsync([masked], cancellationToken).ConfigureAwait(true))[0];
        var scorerSide = scorer is null ? null : await scorer.Extractor.PrepareResumeAsync(masked, cancellationToken).ConfigureAwait(true);
        var candidate = new CandidateFeatures(model.Version, model.Matcher.Prepare(masked), encoder?.Version, embedding, scorerSide);
        var job = await GetFeaturesAsync(model.Version, encoder?.Version, scorer?.Version, cancellationToken).ConfigureAwait(true);
        return MatchComputation.Score(candidateId, JobId, candidate, job, model, scorer);
    }

    /// <summary>The posting as the screening features see it: its requirements (proposed or a recruiter's) and required skills.</summary>
    private TalentFlow.ML.Screening.ScreeningJob ScreeningJobOf(JobPosting posting) =>
        new(posting.Title.Trim(), posting.Description, state.State.Requirements is { } requirements ? RequirementsScreening.ToModel(requirements) : null,
            posting.RequiredSkills is { Count: > 0 } skills ? skills : null);

    /// <summary>A screening is a decision of every model version that scored it: each version's lineage index gets it.</summary>
    private Task RecordDecisionsAsync(ScreeningResult result, CancellationToken cancellationToken)
    {
        if (result.ModelVersions.Count == 0) return Task.CompletedTask;
        var decision = new ModelDecision(result.Id, result.JobId, result.CandidateId, result.Decision, result.Score, result.CreatedAt);
        return Task.WhenAll(result.ModelVersions.Select(p =>
            GrainFactory.GetGrain<IModelLineageGrain>(ModelArtifactGrain.Key(p.Key, p.Value)).RecordDecisionAsync(decision, cancellationToken)));
    }

    /// <summary>Registers the job in the review directory, once per activation (the directory ignores repeats).</summary>
    private async Task ListForReviewAsync(CancellationToken cancellationToken)
    {
        if (_listedForReview) return;
        await GrainFactory.GetGrain<IReviewDirectoryGrain>(IReviewDirectoryGrain.Key).RegisterAsync(JobId, cancellationToken).ConfigureAwait(true);
        _listedForReview = true;
    }

    private JobRequirements CurrentRequirements() => new(JobId, state.State.Requirements ?? [], state.State.RequirementsEdited);

    private (JobPosting Posting, JobProfile Profile) RequirePosting() =>
        state.State is { Posting: { } posting, Profile: { } profile }
            ? (posting, profile)
            : throw new KeyNotFoundException($"Job '{JobId}' does not exist.");

    private static List<string> RequiredSkills(JobPosting posting, ParsedJob parsed)
    {
        if (posting.RequiredSkills is not { Count: > 0 } given) return [.. parsed.RequiredSkills];
        var vocabulary = SkillVocabulary.Default;
        var required = new List<string>(given.Count);
        foreach (var skill in given)
        {
            if (string.IsNullOrWhiteSpace(skill)) continue;
            string canonical = vocabulary.Canonicalize(skill.Trim()) ?? skill.Trim();
            if (!required.Contains(canonical, StringComparer.OrdinalIgnoreCase)) required.Add(canonical);
        }
        return required;
    }
}
