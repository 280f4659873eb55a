using Microsoft.Extensions.Options;
using TalentFlow.ML.Matching;
using TalentFlow.ML.Parsing;
using TalentFlow.ML.Skills;
using TalentFlow.ML.Text;
using TalentFlow.Runtime;

namespace TalentFlow.Grains;

/// <summary>
/// A job posting: stores it durably, keeps its matching features warm, and scores candidates against it (the candidate's
/// features come from its grain; when both grains live on this silo that call never leaves the process).
/// </summary>
[GrainType("job")]
public sealed class JobGrain(
    [PersistentState("job")] IPersistentState<JobState> state,
    MatchingModels models,
    TextNormalizer normalizer,
    JobParser parser,
    IOptions<MatchingOptions> options) : Grain, IJobGrain
{
    private (string Version, PreparedDocument Document)? _features;
    private (string Version, float[] Vector)? _embedding;

    /// <inheritdoc />
    public async Task<JobProfile> UpsertAsync(JobPosting posting, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(posting);
        if (string.IsNullOrWhiteSpace(posting.Title)) throw new ArgumentException("The job title is empty.");
        if (posting.Title.Length > 300) throw new ArgumentException("The job title is over 300 characters.");
        string description = InputText.Require(posting.Description, "job description", options.Value.MaxTextLength, normalizer);
        var stored = posting with { Description = description };
        var parsed = parser.Parse(MatchText(stored));
        var required = RequiredSkills(stored, parsed);
        var profile = ProfileMapping.ToProfile(GrainKey, stored, parsed, required, TimeProvider.GetUtcNow());

        var previous = (state.State.Posting, state.State.Profile);
        (state.State.Posting, state.State.Profile) = (stored, profile);
        try
        {
            await state.WriteStateAsync(cancellationToken).ConfigureAwait(true);
        }
        catch
        {
            (state.State.Posting, state.State.Profile) = previous;
            throw;
        }
        _features = null;
        _embedding = null;
        return profile;
    }

    /// <inheritdoc />
    public Task<JobProfile?> GetAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult(state.State.Posting is null ? null : state.State.Profile);

    /// <inheritdoc />
    public Task<JobPosting?> GetPostingAsync(CancellationToken cancellationToken = default) => Task.FromResult(state.State.Posting);

    /// <inheritdoc />
    public async Task<CandidateMatch> ScoreCandidateAsync(string candidateId, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(candidateId)) throw new ArgumentException("The candidate id is empty.");
        if (state.State.Posting is not { } posting || state.State.Profile is not { } profile)
        {
            throw new KeyNotFoundException($"Job '{GrainKey}' does not exist.");
        }
        var model = models.Current;
        var candidate = await GrainFactory.GetGrain<ICandidateFeaturesGrain>(candidateId)
            .GetFeaturesAsync(model.Version, cancellationToken).ConfigureAwait(true)
            ?? throw new KeyNotFoundException($"Candidate '{candidateId}' does not exist.");
        if (candidate.ModelVersion != model.Version && !models.TryGet(candidate.ModelVersion, out model))
        {
            throw new InvalidOperationException(
                $"Candidate '{candidateId}' was vectorized by model {candidate.ModelVersion}, which this silo does not hold yet; retry once the roll-out completes.");
        }
        var job = Features(model, posting);
        var result = model.Matcher.Score(candidate.Document, job, profile.RequiredSkills.Count > 0 ? profile.RequiredSkills : null);
        var versions = new Dictionary<string, string> { [MatchingModels.BaselineModelName] = model.Version };
        double? semantic = null;
        if (candidate is { EncoderVersion: { } encoderVersion, Embedding: { } candidateVector }
            && await EmbeddingAsync(encoderVersion, posting, cancellationToken).ConfigureAwait(true) is { } jobVector
            && jobVector.Length == candidateVector.Length)
        {
            semantic = Math.Round(System.Numerics.Tensors.TensorPrimitives.Dot(jobVector, candidateVector), 6);
            versions[MatchingModels.EncoderModelName] = encoderVersion;
        }
        return new CandidateMatch(
            candidateId,
            GrainKey,
            Math.Round(result.Score, 6),
            result.Decision,
            result.SectionScores,
            result.MatchedSkills,
            result.MissingSkills,
            versions,
            semantic);
    }

    /// <inheritdoc />
    public async Task<ScreeningResult> ScreenAsync(string candidateId, CancellationToken cancellationToken = default)
    {
        var match = await ScoreCandidateAsync(candidateId, cancellationToken).ConfigureAwait(true);
        var profile = await GrainFactory.GetGrain<ICandidateGrain>(candidateId).GetProfileAsync(cancellationToken).ConfigureAwait(true);
        var result = new ScreeningResult(
            ScreeningResult.IdOf(GrainKey, candidateId), GrainKey, candidateId, profile?.Name ?? candidateId, match.Score, match.Decision,
            match.SectionScores, match.MatchedSkills, match.MissingSkills, match.ModelVersions, match.SemanticScore,
            HumanReviewed: false, TimeProvider.GetUtcNow());
        state.State.Results.TryGetValue(candidateId, out var previous);
        state.State.Results[candidateId] = result;
        try
        {
            await state.WriteStateAsync(cancellationToken).ConfigureAwait(true);
        }
        catch
        {
            if (previous is null) state.State.Results.Remove(candidateId);
            else state.State.Results[candidateId] = previous;
            throw;
        }
        return result;
    }

    /// <inheritdoc />
    public async Task<FeedbackRecord> SubmitFeedbackAsync(string candidateId, ReviewerFeedback feedback, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(feedback);
        feedback.Validate();
        if (!state.State.Results.TryGetValue(candidateId ?? "", out var result))
        {
            throw new KeyNotFoundException($"Screening result '{ScreeningResult.IdOf(GrainKey, candidateId ?? "")}' does not exist.");
        }
        bool modelSaysYes = result.Decision == "SHORTLIST";
        var record = new FeedbackRecord(result.Id, feedback, result.Decision, NeedsRetraining: feedback.IsPositive != modelSaysYes, TimeProvider.GetUtcNow());
        state.State.Results[candidateId!] = result with { HumanReviewed = true };
        state.State.FeedbackHistory.Add(record);
        try
        {
            await state.WriteStateAsync(cancellationToken).ConfigureAwait(true);
        }
        catch
        {
            state.State.Results[candidateId!] = result;
            state.State.FeedbackHistory.RemoveAt(state.State.FeedbackHistory.Count - 1);
            throw;
        }
        // Durable with the job first; the coordinator's count is idempotent, so a failure here is healed by submitting again.
        await GrainFactory.GetGrain<ITrainingCoordinatorGrain>(ITrainingCoordinatorGrain.SingletonKey)
            .RecordFeedbackAsync(record, cancellationToken).ConfigureAwait(true);
        return record;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<FeedbackRecord>> GetFeedbackHistoryAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<FeedbackRecord>>([.. state.State.FeedbackHistory]);

    /// <inheritdoc />
    public Task<IReadOnlyList<ScreeningResult>> GetScreeningResultsAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<ScreeningResult>>([.. state.State.Results.Values.OrderByDescending(r => r.CreatedAt).ThenBy(r => r.CandidateId, StringComparer.Ordinal)]);

    /// <inheritdoc />
    public async Task<IReadOnlyList<RankedCandidate>> RankCandidatesAsync(int top, CancellationToken cancellationToken = default)
    {
        if (top is < 1 or > 1000) throw new ArgumentOutOfRangeException(nameof(top), top, "top must be 1–1000.");
        if (state.State.Posting is not { } posting) throw new KeyNotFoundException($"Job '{GrainKey}' does not exist.");
        if (models.Encoder is not { } encoder) throw new InvalidOperationException("This silo has no semantic encoder.");
        var query = await EmbeddingAsync(encoder.Version, posting, cancellationToken).ConfigureAwait(true);
        int shards = options.Value.CandidateShards;
        var calls = new Task<IReadOnlyList<RankedCandidate>>[shards];
        for (int shard = 0; shard < shards; shard++)
        {
            calls[shard] = GrainFactory.GetGrain<ICandidateShardGrain>(CandidateShards.Key(shard)).TopAsync(query!, encoder.Version, top, cancellationToken);
        }
        var partitions = await Task.WhenAll(calls).ConfigureAwait(true);
        // Each shard's list is its exact top; the best of their union is the exact top of all (ties: lower id first).
        var merged = new List<RankedCandidate>(shards * top);
        foreach (var partition in partitions) merged.AddRange(partition);
        merged.Sort(static (a, b) => b.Score != a.Score ? b.Score.CompareTo(a.Score) : string.CompareOrdinal(a.CandidateId, b.CandidateId));
        return merged.Count > top ? merged.GetRange(0, top) : merged;
    }

    private async Task<float[]?> EmbeddingAsync(string encoderVersion, JobPosting posting, CancellationToken cancellationToken)
    {
        if (_embedding is { } cached && cached.Version == encoderVersion) return cached.Vector;
        if (!models.TryGetEncoder(encoderVersion, out var encoder)) return null;
        var vector = (await encoder.Encoder.EmbedAsync([MatchText(posting)], cancellationToken).ConfigureAwait(true))[0];
        if (encoderVersion == models.Encoder?.Version) _embedding = (encoderVersion, vector);
        return vector;
    }

    private PreparedDocument Features(BaselineModel model, JobPosting posting)
    {
        if (_features is { } cached && cached.Version == model.Version) return cached.Document;
        var document = model.Matcher.Prepare(MatchText(posting));
        // Only the current version's features are kept; an older one is computed per call during a roll-out.
        if (model.Version == models.Current.Version) _features = (model.Version, document);
        return document;
    }

    private static string MatchText(JobPosting posting) => string.Concat(posting.Title.Trim(), "\n", posting.Description);

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
