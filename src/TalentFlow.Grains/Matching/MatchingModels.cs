using TalentFlow.ML.Encoders;
using TalentFlow.ML.Matching;

namespace TalentFlow.Grains;

/// <summary>A matcher and the version that names it.</summary>
/// <param name="Version">The version id (<c>builtin-1</c>, or the registry's version).</param>
/// <param name="Matcher">The fitted baseline matcher.</param>
public sealed record BaselineModel(string Version, BaselineMatcher Matcher);

/// <summary>A text encoder and the version that names its embeddings (<see cref="IEncoder.VersionId"/>).</summary>
/// <param name="Encoder">The encoder.</param>
public sealed record SemanticModel(IEncoder Encoder)
{
    /// <summary>The version of the embeddings it makes.</summary>
    public string Version => Encoder.VersionId;
}

/// <summary>
/// The models this silo scores with. Grains read <see cref="Current"/> on every call and re-prepare cached features when its
/// version moved; a new version is published atomically (the learning loop's fan-out calls <see cref="Publish"/>). The last
/// few versions are kept, because during a roll-out two grains on two silos may hold features of different versions.
/// </summary>
public sealed class MatchingModels
{
    /// <summary>The model kind's name in the registry and in <see cref="CandidateMatch.ModelVersions"/>.</summary>
    public const string BaselineModelName = "baseline_tfidf";

    /// <summary>The semantic encoder's name in <see cref="CandidateMatch.ModelVersions"/>.</summary>
    public const string EncoderModelName = "semantic_encoder";

    /// <summary>The learned job ranker's name in the registry (served by the job catalog, see <c>RecommendationModels</c>).</summary>
    public const string RankerModelName = "job_ranker";

    /// <summary>The model kinds the learning loop trains and fans out.</summary>
    public static IReadOnlySet<string> TrainableModels { get; } = new HashSet<string>(StringComparer.Ordinal) { BaselineModelName, EncoderModelName };

    /// <summary>
    /// The model kinds the registry keeps and fans out: the trainable ones, and the job ranker (trained offline by
    /// <c>talentflow eval recommend --model ranker --save-ranker</c>, registered and promoted through the API or CLI).
    /// </summary>
    public static IReadOnlySet<string> RegistryModels { get; } = new HashSet<string>(StringComparer.Ordinal) { BaselineModelName, EncoderModelName, RankerModelName };

    private readonly RetainedVersions<BaselineModel> _baselines;
    private readonly RetainedVersions<SemanticModel> _encoders;

    /// <summary>Starts with <paramref name="initial"/> (and <paramref name="encoder"/>, when given) as the current models.</summary>
    public MatchingModels(BaselineModel initial, SemanticModel? encoder = null, int retainedVersions = 3)
    {
        ArgumentNullException.ThrowIfNull(initial);
        ArgumentOutOfRangeException.ThrowIfLessThan(retainedVersions, 1);
        _baselines = new(retainedVersions, m => m.Version);
        _encoders = new(retainedVersions, e => e.Version);
        _baselines.Publish(initial);
        if (encoder is not null) _encoders.Publish(encoder);
    }

    /// <summary>The model new scores use.</summary>
    public BaselineModel Current => _baselines.Current!;

    /// <summary>Makes <paramref name="model"/> current; publishing a version already known only makes it current again.</summary>
    public void Publish(BaselineModel model) => _baselines.Publish(model);

    /// <summary>A retained version by id.</summary>
    public bool TryGet(string version, out BaselineModel model) => _baselines.TryGet(version, out model);

    /// <summary>The encoder new embeddings use; null when the silo has none (semantic scores are then absent).</summary>
    public SemanticModel? Encoder => _encoders.Current;

    /// <summary>
    /// Makes <paramref name="encoder"/> current; the last few stay retrievable by version. Raises
    /// <see cref="EncoderPublished"/>, which starts re-embedding the candidates this silo can reach.
    /// </summary>
    public void PublishEncoder(SemanticModel encoder)
    {
        bool changed = _encoders.Current?.Version != encoder.Version;
        _encoders.Publish(encoder);
        if (changed) EncoderPublished?.Invoke(encoder);
    }

    /// <summary>Raised after a different encoder became current.</summary>
    public event Action<SemanticModel>? EncoderPublished;

    /// <summary>The retained encoders, current first (the fallbacks while candidates are re-embedded).</summary>
    public IReadOnlyList<SemanticModel> EncodersNewestFirst => _encoders.NewestFirst();

    /// <summary>
    /// The custom scorer, when one is configured: pairs prepared with its baseline and encoder get a calibrated match
    /// probability, and the decision follows it.
    /// </summary>
    public ScorerModel? Scorer { get; private set; }

    /// <summary>Makes <paramref name="scorer"/> the scorer (null: none).</summary>
    public void PublishScorer(ScorerModel? scorer) => Scorer = scorer;

    /// <summary>The scorer's name in <see cref="CandidateMatch.ModelVersions"/> and the registry.</summary>
    public const string ScorerModelName = "semantic_scorer";

    /// <summary>A retained encoder by version.</summary>
    public bool TryGetEncoder(string version, out SemanticModel encoder) => _encoders.TryGet(version, out encoder);
}
