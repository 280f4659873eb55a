using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans;
using TalentFlow.Contracts.Jobs;
using TalentFlow.Contracts.Matching;
using TalentFlow.Grains;
using TalentFlow.Grains.Matching;
using TalentFlow.Grains.Recommendations;
using TalentFlow.Hosting.Records;
using TalentFlow.ML.Matching;
using TalentFlow.ML.Parsing;
using TalentFlow.ML.Scoring;
using TalentFlow.ML.Skills;
using TalentFlow.ML.Text;

namespace TalentFlow.Grains.Jobs;

/// <summary>
/// A job posting: stores it durably, keeps its matching features warm, and scores candidates against it (the candidate's
/// features come from its grain; when both grains live on this silo that call never leaves the process). Screening results
/// and verdicts: <c>JobGrain.Screening.cs</c>.
/// </summary>
[GrainType("job")]
public sealed partial class JobGrain(
    [PersistentState("job")] IPersistentState<JobState> state,
    [PersistentRecords("results")] IPersistentRecords<ScreeningRecord> results,
    MatchingModels models,
    ScreeningModels screening,
    TextNormalizer normalizer,
    JobParser parser,
    EncoderMigration migration,
    IOptions<MatchingOptions> options,
    [FromKeyedServices(GrainClock.Key)] TimeProvider timeProvider) : Grain, IJobGrain, IJobFeaturesGrain, IJobResultsGrain
{
    // The posting's features in the current baseline and, during an A/B test of the baseline, in the challenger's.
    private readonly Dictionary<string, PreparedDocument> _features = new(StringComparer.Ordinal);
    private (string Version, float[] Vector)? _embedding;
    // The production scorer's and an A/B challenger's sides, by scorer version.
    private readonly Dictionary<string, ScorerSide> _scorerSides = new(StringComparer.Ordinal);

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
        var profile = ProfileMapping.ToProfile(this.GetPrimaryKeyString(), stored, parsed, required, timeProvider.GetUtcNow());

        var previous = (state.State.Posting, state.State.Profile, state.State.Requirements);
        (state.State.Posting, state.State.Profile, state.State.Requirements) = (stored, profile, RequirementsFor(stored));
        await WriteOrRestoreAsync(() => (state.State.Posting, state.State.Profile, state.State.Requirements) = previous, cancellationToken).ConfigureAwait(true);
        _features.Clear();
        _embedding = null;
        _scorerSides.Clear();
        _screeningSide = null;
        // The job catalog User grains rank against (Recommendations/); storing the posting again heals a failed registration.
        await GrainFactory.GetGrain<IJobCatalogGrain>(IJobCatalogGrain.Key).RegisterAsync(this.GetPrimaryKeyString(), stored, cancellationToken).ConfigureAwait(true);
        return profile;
    }

    /// <inheritdoc />
    public Task<JobProfile?> GetAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult(state.State.Posting is null ? null : state.State.Profile);

    /// <inheritdoc />
    public Task<JobPosting?> GetPostingAsync(CancellationToken cancellationToken = default) => Task.FromResult(state.State.Posting);

    /// <inheritdoc />
    public async Task<CandidateMatch> ScoreCandidateAsync(string candidateId, CancellationToken cancellationToken = default) =>
        (await ScoreAsync(candidateId, cancellationToken).ConfigureAwait(true)).Match;

    /// <summary>The pair's match (score, decision, explanation) and the resume as this job sees it (masked when blind).</summary>
    private async Task<(CandidateMatch Match, string ResumeText, string Name)> ScoreAsync(string candidateId, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(candidateId)) throw new ArgumentException("The candidate id is empty.");
        RequirePosting();
        var (resumeText, name) = await ResumeForJobAsync(candidateId, cancellationToken).ConfigureAwait(true);
        var explanation = IsBlind
            ? await ExplainBlindAsync(candidateId, resumeText, cancellationToken).ConfigureAwait(true)
            : await ExplainAsync(candidateId, cancellationToken).ConfigureAwait(true);
        return (await DecideAsync(explanation, resumeText, cancellationToken).ConfigureAwait(true), resumeText, name);
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
        return MatchComputation.Score(candidateId, this.GetPrimaryKeyString(), candidate, job, model, scorer);
    }

    /// <inheritdoc />
    public async Task<JobFeatures> GetFeaturesAsync(string modelVersion, string? encoderVersion, string? scorerVersion = null, CancellationToken cancellationToken = default)
    {
        var (posting, profile) = RequirePosting();
        var model = models.TryGet(modelVersion, out var requested) ? requested : models.Current;
        var embedding = encoderVersion is null ? null : await EmbeddingAsync(encoderVersion, posting, cancellationToken).ConfigureAwait(true);
        var scorer = scorerVersion is null ? models.Scorer : models.TryGetScorer(scorerVersion, out var named) ? named : null;
        var scorerSide = scorer is not null && scorer.AppliesTo(model.Version) ? await ScorerSideAsync(scorer, posting, cancellationToken).ConfigureAwait(true) : null;
        return new JobFeatures(model.Version, Features(model, posting), profile.RequiredSkills, embedding is null ? null : encoderVersion, embedding, scorerSide, IsBlind);
    }

    private (JobPosting Posting, JobProfile Profile) RequirePosting() =>
        state.State is { Posting: { } posting, Profile: { } profile }
            ? (posting, profile)
            : throw new KeyNotFoundException($"Job '{this.GetPrimaryKeyString()}' does not exist.");

    /// <inheritdoc />
    public async Task<IReadOnlyList<RankedCandidate>> RankCandidatesAsync(int top, CandidateFilter? filter = null, CancellationToken cancellationToken = default)
    {
        if (top is < 1 or > 1000) throw new ArgumentOutOfRangeException(nameof(top), top, "top must be 1–1000.");
        filter?.Validate();
        var (posting, _) = RequirePosting();
        if (models.Encoder is not { } current) throw new InvalidOperationException("This silo has no semantic encoder.");
        filter = Canonical(filter);
        // Retrieval by the embeddings finds a pool; the screening score (the one number) ranks it.
        int pool = Math.Min(1000, Math.Max(top * RerankFactor, MinRerankPool));
        return await RerankAsync(await RetrieveAsync(current.Version, posting, pool, filter, cancellationToken).ConfigureAwait(true), top, cancellationToken).ConfigureAwait(true);
    }

    /// <summary>How many candidates retrieval hands the re-ranking per requested one (at least <see cref="MinRerankPool"/>).</summary>
    private const int RerankFactor = 3;

    private const int MinRerankPool = 30;

    private async Task<IReadOnlyList<RankedCandidate>> RetrieveAsync(string currentVersion, JobPosting posting, int pool, CandidateFilter? filter, CancellationToken cancellationToken)
    {
        var (newest, complete) = await RankAsync(currentVersion, posting, pool, filter, cancellationToken).ConfigureAwait(true);
        if (complete) return newest;
        // Some candidates are not embedded in the current version yet: make sure someone is re-embedding them, and answer
        // from an older version every shard still holds in full, when this silo keeps one.
        migration.Request(currentVersion);
        foreach (var older in models.EncodersNewestFirst)
        {
            if (older.Version == currentVersion) continue;
            var (ranked, olderComplete) = await RankAsync(older.Version, posting, pool, filter, cancellationToken).ConfigureAwait(true);
            if (olderComplete) return ranked;
        }
        return newest;
    }

    /// <summary>Scores the retrieved candidates and keeps the best <paramref name="top"/> by score (ties: higher similarity, then lower id).</summary>
    private async Task<IReadOnlyList<RankedCandidate>> RerankAsync(IReadOnlyList<RankedCandidate> retrieved, int top, CancellationToken cancellationToken)
    {
        var scored = new List<RankedCandidate>(retrieved.Count);
        foreach (var hit in retrieved)
        {
            CandidateMatch match;
            try
            {
                match = (await ScoreAsync(hit.CandidateId, cancellationToken).ConfigureAwait(true)).Match;
            }
            catch (KeyNotFoundException)
            {
                // Deleted since the shard listed it.
                continue;
            }
            scored.Add(new RankedCandidate(hit.CandidateId, match.Score, hit.Similarity ?? hit.Score, match.Decision));
        }
        scored.Sort(static (a, b) => b.Score != a.Score ? b.Score.CompareTo(a.Score)
            : (b.Similarity ?? 0) != (a.Similarity ?? 0) ? (b.Similarity ?? 0).CompareTo(a.Similarity ?? 0)
            : string.CompareOrdinal(a.CandidateId, b.CandidateId));
        return scored.Count > top ? scored.GetRange(0, top) : scored;
    }

    private async Task<(IReadOnlyList<RankedCandidate> Ranked, bool Complete)> RankAsync(
        string encoderVersion, JobPosting posting, int top, CandidateFilter? filter, CancellationToken cancellationToken)
    {
        var query = (await EmbeddingAsync(encoderVersion, posting, cancellationToken).ConfigureAwait(true))!;
        int shards = options.Value.CandidateShards;
        var calls = new Task<ShardRanking>[shards];
        for (int shard = 0; shard < shards; shard++)
        {
            calls[shard] = GrainFactory.GetGrain<ICandidateShardGrain>(CandidateShards.Key(shard)).TopAsync(query, encoderVersion, top, filter, cancellationToken);
        }
        var partitions = await Task.WhenAll(calls).ConfigureAwait(true);
        // Each shard's list is its exact top; the best of their union is the exact top of all (ties: lower id first).
        var merged = new List<RankedCandidate>(shards * top);
        bool complete = true;
        foreach (var partition in partitions)
        {
            merged.AddRange(partition.Hits);
            complete &= partition.Complete;
        }
        merged.Sort(static (a, b) => b.Score != a.Score ? b.Score.CompareTo(a.Score) : string.CompareOrdinal(a.CandidateId, b.CandidateId));
        return (merged.Count > top ? merged.GetRange(0, top) : merged, complete);
    }

    private static CandidateFilter? Canonical(CandidateFilter? filter)
    {
        if (filter is null || filter.IsEmpty) return null;
        if (filter.RequiredSkills is not { Count: > 0 } skills) return filter;
        var vocabulary = SkillVocabulary.Default;
        var canonical = new List<string>(skills.Count);
        foreach (var skill in skills) canonical.Add(vocabulary.Canonicalize(skill.Trim()) ?? skill.Trim());
        return filter with { RequiredSkills = canonical };
    }

    private async Task<float[]?> EmbeddingAsync(string encoderVersion, JobPosting posting, CancellationToken cancellationToken)
    {
        if (_embedding is { } cached && cached.Version == encoderVersion) return cached.Vector;
        if (!models.TryGetEncoder(encoderVersion, out var encoder)) return null;
        var vector = (await encoder.Encoder.EmbedAsync([MatchText(posting)], cancellationToken).ConfigureAwait(true))[0];
        if (encoderVersion == models.Encoder?.Version) _embedding = (encoderVersion, vector);
        return vector;
    }

    private async Task<ScorerSide> ScorerSideAsync(ScorerModel scorer, JobPosting posting, CancellationToken cancellationToken)
    {
        if (_scorerSides.TryGetValue(scorer.Version, out var cached)) return cached;
        var side = await scorer.Extractor.PrepareJobAsync(MatchText(posting), cancellationToken).ConfigureAwait(true);
        if (_scorerSides.Count >= 2) _scorerSides.Clear();
        _scorerSides[scorer.Version] = side;
        return side;
    }

    private PreparedDocument Features(BaselineModel model, JobPosting posting)
    {
        if (_features.TryGetValue(model.Version, out var cached)) return cached;
        var document = model.Matcher.Prepare(MatchText(posting));
        // Only the current version's and an A/B challenger's features are kept; an older one is computed per call during a roll-out.
        if (model.Version == models.Current.Version || model.Version == models.AbTest?.Challenger.Baseline.Version)
        {
            if (_features.Count >= 2) _features.Clear();
            _features[model.Version] = document;
        }
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

    /// <summary>
    /// Writes the state the caller has just changed; when the write fails, <paramref name="restore"/> puts the change back, so
    /// the activation never serves what storage refused.
    /// </summary>
    private async Task WriteOrRestoreAsync(Action restore, CancellationToken cancellationToken)
    {
        try
        {
            await state.WriteStateAsync(cancellationToken).ConfigureAwait(true);
        }
        catch
        {
            restore();
            throw;
        }
    }
}
