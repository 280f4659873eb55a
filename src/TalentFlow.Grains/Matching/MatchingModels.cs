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

    private readonly object _lock = new();
    private readonly int _retained;
    private readonly List<BaselineModel> _versions = [];
    private readonly List<SemanticModel> _encoders = [];
    private volatile BaselineModel _current;
    private volatile SemanticModel? _encoder;

    /// <summary>Starts with <paramref name="initial"/> (and <paramref name="encoder"/>, when given) as the current models.</summary>
    public MatchingModels(BaselineModel initial, SemanticModel? encoder = null, int retainedVersions = 3)
    {
        ArgumentNullException.ThrowIfNull(initial);
        ArgumentOutOfRangeException.ThrowIfLessThan(retainedVersions, 1);
        _retained = retainedVersions;
        _current = initial;
        _versions.Add(initial);
        if (encoder is not null) PublishEncoder(encoder);
    }

    /// <summary>The encoder new embeddings use; null when the silo has none (semantic scores are then absent).</summary>
    public SemanticModel? Encoder => _encoder;

    /// <summary>Makes <paramref name="encoder"/> current; the last few stay retrievable by version.</summary>
    public void PublishEncoder(SemanticModel encoder)
    {
        ArgumentNullException.ThrowIfNull(encoder);
        lock (_lock)
        {
            _encoders.RemoveAll(e => e.Version == encoder.Version);
            _encoders.Add(encoder);
            if (_encoders.Count > _retained) _encoders.RemoveAt(0);
            _encoder = encoder;
        }
    }

    /// <summary>A retained encoder by version.</summary>
    public bool TryGetEncoder(string version, out SemanticModel encoder)
    {
        lock (_lock)
        {
            encoder = _encoders.Find(e => e.Version == version)!;
            return encoder is not null;
        }
    }

    /// <summary>The model new scores use.</summary>
    public BaselineModel Current => _current;

    /// <summary>Makes <paramref name="model"/> current; publishing a version already known only makes it current again.</summary>
    public void Publish(BaselineModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        lock (_lock)
        {
            _versions.RemoveAll(m => m.Version == model.Version);
            _versions.Add(model);
            if (_versions.Count > _retained) _versions.RemoveAt(0);
            _current = model;
        }
    }

    /// <summary>A retained version by id.</summary>
    public bool TryGet(string version, out BaselineModel model)
    {
        var current = _current;
        if (current.Version == version)
        {
            model = current;
            return true;
        }
        lock (_lock)
        {
            model = _versions.Find(m => m.Version == version)!;
            return model is not null;
        }
    }
}
