using Microsoft.Extensions.Options;
using TalentFlow.ML.Parsing;
using TalentFlow.ML.Text;
using TalentFlow.Runtime;

namespace TalentFlow.Grains;

/// <summary>
/// A candidate: stores the normalised resume text and its parsed profile durably, and keeps the matching features of the
/// current model version in memory (rebuilt from the text after activation or a model swap).
/// </summary>
[GrainType("candidate")]
public sealed class CandidateGrain(
    [PersistentState("candidate")] IPersistentState<CandidateState> state,
    MatchingModels models,
    TextNormalizer normalizer,
    ResumeParser parser,
    IOptions<MatchingOptions> options) : Grain, ICandidateGrain, ICandidateFeaturesGrain
{
    private CandidateFeatures? _features;
    private (string Version, float[] Vector)? _embedding;

    /// <inheritdoc />
    public async Task<CandidateProfile> UpsertResumeAsync(CandidateResume resume, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(resume);
        string text = InputText.Require(resume.Text, "resume text", options.Value.MaxTextLength, normalizer);
        string name = string.IsNullOrWhiteSpace(resume.Name) ? GrainKey : resume.Name.Trim();
        var parsed = parser.Parse(text);
        var profile = ProfileMapping.ToProfile(GrainKey, name, text, parsed, TimeProvider.GetUtcNow());

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
        await RegisterEmbeddingAsync(cancellationToken).ConfigureAwait(true);
        return profile;
    }

    /// <inheritdoc />
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // The shard write is not in the same transaction as the resume: re-registering on activation heals a lost one (the
        // shard skips the write when nothing changed).
        if (state.State.Text is not null) await RegisterEmbeddingAsync(cancellationToken).ConfigureAwait(true);
    }

    private async Task RegisterEmbeddingAsync(CancellationToken cancellationToken)
    {
        if (models.Encoder is not { } encoder || state.State.Text is not { } text) return;
        var embedding = (await encoder.Encoder.EmbedAsync([text], cancellationToken).ConfigureAwait(true))[0];
        _embedding = (encoder.Version, embedding);
        await GrainFactory.GetGrain<ICandidateShardGrain>(CandidateShards.KeyOf(GrainKey, options.Value.CandidateShards))
            .UpsertAsync(GrainKey, encoder.Version, embedding, cancellationToken).ConfigureAwait(true);
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
        var encoder = models.Encoder;
        if (encoder is not null && _embedding?.Version != encoder.Version)
        {
            _embedding = (encoder.Version, (await encoder.Encoder.EmbedAsync([text], cancellationToken).ConfigureAwait(true))[0]);
            _features = null;
        }
        if (_features?.ModelVersion == modelVersion) return _features;
        var model = models.TryGet(modelVersion, out var requested) ? requested : models.Current;
        if (_features?.ModelVersion != model.Version)
        {
            _features = new CandidateFeatures(model.Version, model.Matcher.Prepare(text), _embedding?.Version, _embedding?.Vector);
        }
        return _features;
    }
}
