using TalentFlow.Contracts.Matching;
using TalentFlow.Grains.Recommendations;
using TalentFlow.Grains.Training.ModelKinds;
using TalentFlow.ML.Encoders;
using TalentFlow.ML.Matching;
using TalentFlow.ML.Onnx;

namespace TalentFlow.Grains.Matching;

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
    public static IReadOnlySet<string> TrainableModels { get; } = new HashSet<string>(StringComparer.Ordinal) { BaselineModelName, EncoderModelName, ScreeningModels.ModelName };

    /// <summary>The built-in model kinds the registry keeps and fans out (every kind: <see cref="ModelKindRegistry.Names"/>).</summary>
    public static IReadOnlySet<string> RegistryModels { get; } = new HashSet<string>(ModelKindRegistry.Names, StringComparer.Ordinal);

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
        BaseEncoder = encoder;
    }

    /// <summary>
    /// The encoder this silo started with (all-MiniLM-L6-v2 by default), kept for the life of the silo whatever is served
    /// since: fine-tuned versions are applied to it (<see cref="FineTunedEncoders"/>), and a rollback to it needs no artifact.
    /// </summary>
    public SemanticModel? BaseEncoder { get; }

    /// <summary>The model new scores use.</summary>
    public BaselineModel Current => _baselines.Current!;

    /// <summary>Makes <paramref name="model"/> current; publishing a version already known only makes it current again.</summary>
    public void Publish(BaselineModel model) => _baselines.Publish(model);

    /// <summary>A retained version by id (an A/B challenger's baseline too).</summary>
    public bool TryGet(string version, out BaselineModel model)
    {
        if (_baselines.TryGet(version, out model)) return true;
        if (_abTest?.Challenger.Baseline is { } challenger && challenger.Version == version)
        {
            model = challenger;
            return true;
        }
        return false;
    }

    /// <summary>
    /// A retained version by id, or, when this silo does not hold it yet (a peer received a promotion first, or this silo
    /// joined after it), the version loaded once by <paramref name="load"/> and retained without becoming current.
    /// </summary>
    internal async ValueTask<BaselineModel> GetOrLoadAsync(string version, Func<string, Task<BaselineModel>> load)
    {
        if (TryGet(version, out var known)) return known;
        var loading = _loading.GetOrAdd(version, load);
        try
        {
            var model = await loading.ConfigureAwait(false);
            _baselines.Retain(model);
            return model;
        }
        finally
        {
            _loading.TryRemove(new KeyValuePair<string, Task<BaselineModel>>(version, loading));
        }
    }

    // Loads in flight by version, so a burst of pairs in a version this silo lacks reads its artifact once.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Task<BaselineModel>> _loading = new(StringComparer.Ordinal);

    /// <summary>The encoder new embeddings use; null when the silo has none (semantic scores are then absent).</summary>
    public SemanticModel? Encoder => _encoders.Current;

    /// <summary>
    /// Makes <paramref name="encoder"/> current; the last few stay retrievable by version. Raises
    /// <see cref="EncoderPublished"/>, which starts re-embedding the candidates this silo can reach.
    /// </summary>
    /// <remarks>
    /// While an ONNX encoder is retained here the silo holds a lease on it (<see cref="OnnxSentenceEncoder.Lease"/>); when it
    /// stops being retained the lease ends, and its native session is freed once no running call and no other holder (a
    /// screening model trained with it) needs it. The caller keeps its own hold: an encoder it built and hands over for good
    /// it disposes after publishing (<see cref="FineTunedEncoders.Serve"/>).
    /// </remarks>
    public void PublishEncoder(SemanticModel encoder)
    {
        ArgumentNullException.ThrowIfNull(encoder);
        IReadOnlyList<SemanticModel> evicted;
        var released = new List<(SemanticModel Model, IDisposable Lease)>();
        bool changed;
        lock (_encoderLeases)
        {
            changed = _encoders.Current?.Version != encoder.Version;
            if (encoder.Encoder is OnnxSentenceEncoder onnx && !_encoderLeases.ContainsKey(encoder)) _encoderLeases[encoder] = onnx.Lease();
            evicted = _encoders.Publish(encoder);
            foreach (var old in evicted)
            {
                if (!_encoders.Holds(old) && _encoderLeases.Remove(old, out var lease)) released.Add((old, lease));
            }
            // Sessions stay open for the current version and the one before it (rankings answer from it until the candidates
            // are re-embedded); older retained versions keep their place but not their ~150 MB session: served again, they are
            // leased again and reopen on their first call.
            foreach (var older in _encoders.NewestFirst().Skip(OpenEncoderSessions))
            {
                if (_encoderLeases.Remove(older, out var lease)) released.Add((older, lease));
            }
        }
        if (changed) EncoderPublished?.Invoke(encoder);
        // Outside the lock: freeing a session takes milliseconds, and a handler may look at the models.
        foreach (var (old, lease) in released)
        {
            lease.Dispose();
            EncoderRetired?.Invoke(old);
        }
    }

    /// <summary>Retained encoders whose native session this silo keeps open: the current one and the one before.</summary>
    public const int OpenEncoderSessions = 2;

    // The leases this silo holds on the ONNX encoders it retains, by instance (two instances of one version are two sessions).
    private readonly Dictionary<SemanticModel, IDisposable> _encoderLeases = new(ReferenceEqualityComparer.Instance);

    /// <summary>Raised after a different encoder became current.</summary>
    public event Action<SemanticModel>? EncoderPublished;

    /// <summary>
    /// Raised when this silo let go of an encoder's session: it stopped being retained, or is older than the last
    /// <see cref="OpenEncoderSessions"/> (its session is freed as soon as nothing else holds it).
    /// </summary>
    public event Action<SemanticModel>? EncoderRetired;

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

    /// <summary>The production scorer or an A/B challenger's, by version.</summary>
    public bool TryGetScorer(string version, out ScorerModel scorer)
    {
        scorer = Scorer is { } production && production.Version == version ? production
            : _abTest?.Challenger.Scorer is { } challenger && challenger.Version == version ? challenger : null!;
        return scorer is not null;
    }

    private volatile ServedAbTest? _abTest;

    /// <summary>The A/B test this silo splits candidates by, or null.</summary>
    public ServedAbTest? AbTest => _abTest;

    /// <summary>Starts, changes (<paramref name="test"/>) or ends (null) this silo's A/B test, atomically.</summary>
    public void PublishAbTest(ServedAbTest? test) => _abTest = test;

    /// <summary>
    /// The models <paramref name="candidateId"/> is scored with: the A/B test's challenger arm when the candidate's stable
    /// hash falls in its share (<see cref="TrafficSplit"/>), else production (the current baseline and scorer).
    /// </summary>
    public ScoringArm ArmOf(string candidateId)
    {
        var test = _abTest;
        return test is not null && TrafficSplit.IsChallenger(test.Model, test.Version, candidateId, test.Share) ? test.Challenger : new ScoringArm(Current, Scorer);
    }

    /// <summary>
    /// The scorer for a pair of <paramref name="candidateId"/> prepared with baseline <paramref name="baselineVersion"/>: its
    /// arm's scorer when that applies to the version, else production's when it does, else none.
    /// </summary>
    public ScorerModel? ScorerFor(string baselineVersion, string candidateId)
    {
        if (ArmOf(candidateId).Scorer is { } arm && arm.AppliesTo(baselineVersion)) return arm;
        return Scorer is { } production && production.AppliesTo(baselineVersion) ? production : null;
    }

    /// <summary>A retained encoder by version.</summary>
    public bool TryGetEncoder(string version, out SemanticModel encoder) => _encoders.TryGet(version, out encoder);
}
