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
        return profile;
    }

    /// <inheritdoc />
    public Task<CandidateProfile?> GetProfileAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult(state.State.Text is null ? null : state.State.Profile);

    /// <inheritdoc />
    public Task<CandidateFeatures?> GetFeaturesAsync(string modelVersion, CancellationToken cancellationToken = default)
    {
        if (state.State.Text is not { } text) return Task.FromResult<CandidateFeatures?>(null);
        if (_features?.ModelVersion == modelVersion) return Task.FromResult<CandidateFeatures?>(_features);
        var model = models.TryGet(modelVersion, out var requested) ? requested : models.Current;
        if (_features?.ModelVersion != model.Version) _features = new CandidateFeatures(model.Version, model.Matcher.Prepare(text));
        return Task.FromResult<CandidateFeatures?>(_features);
    }
}
