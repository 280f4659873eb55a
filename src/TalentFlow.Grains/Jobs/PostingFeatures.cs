using TalentFlow.Contracts.Jobs;
using TalentFlow.Grains.Matching;
using TalentFlow.ML.Matching;
using TalentFlow.ML.Scoring;

namespace TalentFlow.Grains.Jobs;

/// <summary>
/// The posting's half of every model's features, kept warm for one activation: the baseline's prepared document (the current
/// version's and an A/B challenger's), the current encoder's embedding, the scorers' sides (production's and a challenger's)
/// and the screening model's side. A new posting or new requirements clear what they change.
/// </summary>
internal sealed class PostingFeatures(MatchingModels models)
{
    private readonly Dictionary<string, PreparedDocument> _baseline = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ScorerSide> _scorerSides = new(StringComparer.Ordinal);
    private (string Version, float[] Vector)? _embedding;
    private (string Version, object Side)? _screeningSide;

    /// <summary>The text every model reads: the title, a line break, the description.</summary>
    public static string MatchText(JobPosting posting) => string.Concat(posting.Title.Trim(), "\n", posting.Description);

    /// <summary>Forgets everything (the posting changed).</summary>
    public void Clear()
    {
        _baseline.Clear();
        _scorerSides.Clear();
        _embedding = null;
        _screeningSide = null;
    }

    /// <summary>Forgets the screening model's side (the requirements, part of its features, changed).</summary>
    public void ClearScreening() => _screeningSide = null;

    /// <summary>The baseline's prepared posting in <paramref name="model"/>'s version.</summary>
    public PreparedDocument Baseline(BaselineModel model, JobPosting posting)
    {
        if (_baseline.TryGetValue(model.Version, out var cached)) return cached;
        var document = model.Matcher.Prepare(MatchText(posting));
        // Only the current version's and an A/B challenger's features are kept; an older one is computed per call during a roll-out.
        if (model.Version == models.Current.Version || model.Version == models.AbTest?.Challenger.Baseline.Version)
        {
            if (_baseline.Count >= 2) _baseline.Clear();
            _baseline[model.Version] = document;
        }
        return document;
    }

    /// <summary>The posting's embedding in <paramref name="encoderVersion"/>, or null when this silo does not hold that encoder.</summary>
    public async Task<float[]?> EmbeddingAsync(string encoderVersion, JobPosting posting, CancellationToken cancellationToken)
    {
        if (_embedding is { } cached && cached.Version == encoderVersion) return cached.Vector;
        if (!models.TryGetEncoder(encoderVersion, out var encoder)) return null;
        var vector = (await encoder.Encoder.EmbedAsync([MatchText(posting)], cancellationToken).ConfigureAwait(true))[0];
        if (encoderVersion == models.Encoder?.Version) _embedding = (encoderVersion, vector);
        return vector;
    }

    /// <summary>The posting's half of <paramref name="scorer"/>'s features.</summary>
    public async Task<ScorerSide> ScorerSideAsync(ScorerModel scorer, JobPosting posting, CancellationToken cancellationToken)
    {
        if (_scorerSides.TryGetValue(scorer.Version, out var cached)) return cached;
        var side = await scorer.Extractor.PrepareJobAsync(MatchText(posting), cancellationToken).ConfigureAwait(true);
        if (_scorerSides.Count >= 2) _scorerSides.Clear();
        _scorerSides[scorer.Version] = side;
        return side;
    }

    /// <summary>The posting's half of the screening features for <paramref name="scorer"/>'s version, made by <paramref name="prepare"/> once.</summary>
    public async ValueTask<object> ScreeningSideAsync(ScreeningScorer scorer, Func<ValueTask<object>> prepare)
    {
        if (_screeningSide is { } cached && cached.Version == scorer.Version) return cached.Side;
        object side = await prepare().ConfigureAwait(true);
        _screeningSide = (scorer.Version, side);
        return side;
    }
}
