using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans;
using TalentFlow.Contracts.Candidates;
using TalentFlow.Contracts.Matching;
using TalentFlow.Grains;
using TalentFlow.Grains.Jobs;
using TalentFlow.Grains.Matching;
using TalentFlow.ML.Parsing;
using TalentFlow.ML.Text;

namespace TalentFlow.Grains.Candidates;

/// <summary>
/// A candidate: stores the normalised resume text, its parsed profile and its history durably, and keeps the matching
/// features of the current model version in memory (rebuilt from the text after activation or a model swap).
/// </summary>
[GrainType("candidate")]
public sealed class CandidateGrain(
    [PersistentState("candidate")] IPersistentState<CandidateState> state,
    MatchingModels models,
    TextNormalizer normalizer,
    ResumeParser parser,
    IOptions<MatchingOptions> options,
    [FromKeyedServices(GrainClock.Key)] TimeProvider timeProvider) : Grain, ICandidateGrain, ICandidateFeaturesGrain
{
    private CandidateFeatures? _features;
    private string? _featuresScorer;
    private (string Version, float[] Vector)? _embedding;

    /// <inheritdoc />
    public async Task<CandidateProfile> UpsertResumeAsync(CandidateResume resume, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(resume);
        string text = InputText.Require(resume.Text, "resume text", options.Value.MaxTextLength, normalizer);
        string name = string.IsNullOrWhiteSpace(resume.Name) ? this.GetPrimaryKeyString() : resume.Name.Trim();
        var parsed = parser.Parse(text, resume.TextQuality ?? 1.0);
        var profile = ProfileMapping.ToProfile(this.GetPrimaryKeyString(), name, text, parsed, timeProvider.GetUtcNow());

        var previous = (state.State.Name, state.State.Text, state.State.Source, state.State.Profile);
        state.State.Name = name;
        state.State.Text = text;
        state.State.Source = resume.Source;
        state.State.Profile = profile;
        try
        {
            await state.WriteStateAsync(cancellationToken).ConfigureAwait(true);
        }
        catch
        {
            // Not durable, so not acknowledged: memory goes back to what storage holds.
            (state.State.Name, state.State.Text, state.State.Source, state.State.Profile) = previous;
            throw;
        }
        _features = null;
        _embedding = null;
        // Listed before the store is acknowledged, so a list read after the create answers has the candidate.
        await ListAsync(profile, cancellationToken).ConfigureAwait(true);
        await RegisterEmbeddingAsync(cancellationToken).ConfigureAwait(true);
        return profile;
    }

    /// <inheritdoc />
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // The shard and directory writes are not in the same transaction as the resume: re-registering on activation heals a
        // lost one, and lists candidates stored before the directory existed (both skip the write when nothing changed).
        if (state.State.Text is null) return;
        if (state.State.Profile is { } profile) await ListAsync(profile, cancellationToken).ConfigureAwait(true);
        await RegisterEmbeddingAsync(cancellationToken).ConfigureAwait(true);
    }

    private Task ListAsync(CandidateProfile profile, CancellationToken cancellationToken) =>
        GrainFactory.GetGrain<ICandidateDirectoryGrain>(ICandidateDirectoryGrain.Key).RegisterAsync(CandidateSummary.Of(profile), cancellationToken);

    /// <inheritdoc />
    public Task<string?> RefreshEmbeddingAsync(CancellationToken cancellationToken = default) => RegisterEmbeddingAsync(cancellationToken);

    private async Task<string?> RegisterEmbeddingAsync(CancellationToken cancellationToken)
    {
        var shard = GrainFactory.GetGrain<ICandidateShardGrain>(CandidateShards.KeyOf(this.GetPrimaryKeyString(), options.Value.CandidateShards));
        if (state.State.Text is not { } text || state.State.Profile is not { } profile)
        {
            await shard.RemoveAsync(this.GetPrimaryKeyString(), cancellationToken).ConfigureAwait(true);
            return null;
        }
        if (models.Encoder is not { } encoder) return null;
        var vector = await EmbeddingAsync(encoder, text, cancellationToken).ConfigureAwait(true);
        await shard.UpsertAsync(
            new CandidateIndexEntry(this.GetPrimaryKeyString(), ContentHash(text), encoder.Version, vector, profile.Skills, profile.TotalYearsExperience),
            cancellationToken).ConfigureAwait(true);
        return encoder.Version;
    }

    private async Task<float[]> EmbeddingAsync(SemanticModel encoder, string text, CancellationToken cancellationToken)
    {
        if (_embedding is { } cached && cached.Version == encoder.Version) return cached.Vector;
        var vector = (await encoder.Encoder.EmbedAsync([text], cancellationToken).ConfigureAwait(true))[0];
        _embedding = (encoder.Version, vector);
        _features = null;
        return vector;
    }

    /// <inheritdoc />
    public Task<CandidateProfile?> GetProfileAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult(state.State.Text is null ? null : state.State.Profile);

    /// <inheritdoc />
    public Task<string?> GetTextAsync(CancellationToken cancellationToken = default) => Task.FromResult(state.State.Text);

    /// <inheritdoc />
    public async Task<CandidateFeatures?> GetFeaturesAsync(string modelVersion, CancellationToken cancellationToken = default)
    {
        if (state.State.Text is not { } text) return null;
        if (models.Encoder is { } encoder) await EmbeddingAsync(encoder, text, cancellationToken).ConfigureAwait(true);
        var model = models.TryGet(modelVersion, out var requested) ? requested : models.Current;
        // The scorer that applies to this candidate in that version (its A/B arm's); cached features of another scorer are stale.
        var scorer = models.ScorerFor(model.Version, this.GetPrimaryKeyString());
        if (_features?.ModelVersion != model.Version || _featuresScorer != scorer?.Version)
        {
            var scorerSide = scorer is not null ? await scorer.Extractor.PrepareResumeAsync(text, cancellationToken).ConfigureAwait(true) : null;
            _features = new CandidateFeatures(model.Version, model.Matcher.Prepare(text), _embedding?.Version, _embedding?.Vector, scorerSide);
            _featuresScorer = scorer?.Version;
        }
        return _features;
    }

    /// <inheritdoc />
    public async Task<CandidateMatch> ScoreAgainstJobAsync(string jobId, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(jobId)) throw new ArgumentException("The job id is empty.");
        if (state.State.Text is null) throw new KeyNotFoundException($"Candidate '{this.GetPrimaryKeyString()}' does not exist.");
        // One computation for one pair: the job scores it (its threshold decides), whichever side was asked; its read-only
        // calls back to this grain (the text, the features) interleave with this one.
        return await GrainFactory.GetGrain<IJobGrain>(jobId).ScoreCandidateAsync(this.GetPrimaryKeyString(), cancellationToken).ConfigureAwait(true);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<CandidateInteraction>> GetHistoryAsync(CancellationToken cancellationToken = default)
    {
        var history = state.State.History;
        var newestFirst = new CandidateInteraction[history.Count];
        for (int i = 0; i < history.Count; i++) newestFirst[i] = history[history.Count - 1 - i];
        return Task.FromResult<IReadOnlyList<CandidateInteraction>>(newestFirst);
    }

    /// <inheritdoc />
    public async Task RecordInteractionAsync(CandidateInteraction interaction, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(interaction);
        if (state.State.Text is null) return; // deleted meanwhile: nothing personal is kept
        var history = state.State.History;
        history.Add(interaction);
        CandidateInteraction? dropped = null;
        if (history.Count > CandidateState.HistoryLimit)
        {
            dropped = history[0];
            history.RemoveAt(0);
        }
        try
        {
            await state.WriteStateAsync(cancellationToken).ConfigureAwait(true);
        }
        catch
        {
            history.RemoveAt(history.Count - 1);
            if (dropped is not null) history.Insert(0, dropped);
            throw;
        }
    }

    /// <inheritdoc />
    public async Task<bool> DeleteAsync(CancellationToken cancellationToken = default)
    {
        if (state.State.Text is null) return false;
        // Results first: were the resume cleared and this step failed, nothing would remember which jobs still hold them.
        var jobs = new HashSet<string>(StringComparer.Ordinal);
        foreach (var interaction in state.State.History) jobs.Add(interaction.JobId);
        foreach (var job in jobs)
        {
            await GrainFactory.GetGrain<IJobFeaturesGrain>(job).ForgetCandidateAsync(this.GetPrimaryKeyString(), cancellationToken).ConfigureAwait(true);
        }
        await GrainFactory.GetGrain<ICandidateShardGrain>(CandidateShards.KeyOf(this.GetPrimaryKeyString(), options.Value.CandidateShards))
            .RemoveAsync(this.GetPrimaryKeyString(), cancellationToken).ConfigureAwait(true);
        // Unlisted before the resume goes: were the clearing to fail, a retried delete still finds the candidate and unlists it.
        await GrainFactory.GetGrain<ICandidateDirectoryGrain>(ICandidateDirectoryGrain.Key).RemoveAsync(this.GetPrimaryKeyString(), cancellationToken).ConfigureAwait(true);
        await state.ClearStateAsync(cancellationToken).ConfigureAwait(true);
        _features = null;
        _embedding = null;
        return true;
    }

    private static string ContentHash(string text) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)).AsSpan(0, 12));
}
