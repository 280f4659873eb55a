using System.Security.Cryptography;
using System.Text.Json;
using TalentFlow.ML.Artifacts;
using TalentFlow.ML.Encoders;
using TalentFlow.ML.Parsing;
using TalentFlow.ML.Skills;
using static TalentFlow.ML.Screening.ScreeningArtifactParts;

namespace TalentFlow.ML.Screening;

/// <summary>A per-job or per-reviewer effect of a <see cref="ScreeningModel"/>, on the logit.</summary>
/// <param name="Offset">Added to the logit.</param>
/// <param name="Weights">Added to the global weights (standardised features), or null for an offset only.</param>
/// <param name="Count">Labelled pairs it was fitted on.</param>
public sealed record ScreeningEffect(double Offset, IReadOnlyList<double>? Weights, int Count);

/// <summary>
/// The calibrated probability that a reviewer shortlists a candidate for a job: a global logistic model on standardised
/// <see cref="ScreeningFeatures"/>, plus per-job (and optionally per-reviewer) effects fitted on its residuals and shrunk
/// towards zero (GLMix, Zhang et al., KDD 2016), then Platt-calibrated on out-of-fold predictions. Immutable; one JSON artifact
/// (<see cref="Save"/>, <see cref="Load(Stream)"/>) holding its text space (<see cref="Vocabulary"/>), so it is served with exactly
/// the features it was trained on. Thread-safe.
/// </summary>
public sealed class ScreeningModel
{
    private readonly double[] _weights;
    private readonly double[] _means;
    private readonly double[] _scales;
    private readonly Dictionary<string, ScreeningEffect> _jobs;
    private readonly Dictionary<string, ScreeningEffect> _reviewers;

    internal ScreeningModel(
        ScreeningVocabulary vocabulary, IReadOnlyList<string> featureNames, string? encoderVersion,
        double[] means, double[] scales, double[] weights, double bias,
        Dictionary<string, ScreeningEffect> jobs, Dictionary<string, ScreeningEffect> reviewers,
        double plattA, double plattB, double threshold, string dataFingerprint, string? parentVersion,
        IReadOnlyDictionary<string, double> metrics, string? version = null, ScreeningModel? fallback = null, ScreeningBackground? background = null)
    {
        if (fallback is not null && (encoderVersion is null || fallback.EncoderVersion is not null || fallback.Fallback is not null
            || fallback.Vocabulary.Fingerprint != vocabulary.Fingerprint))
        {
            throw new ArgumentException("A fallback is a model without encoder features in the same text space, for a model with them.", nameof(fallback));
        }
        if (fallback is not null && fallback.Background?.Fingerprint != background?.Fingerprint)
        {
            throw new ArgumentException("A fallback normalises its features against the same background pool as its model.", nameof(fallback));
        }
        Fallback = fallback;
        Background = background;
        Vocabulary = vocabulary;
        FeatureNames = featureNames;
        EncoderVersion = encoderVersion;
        _means = means;
        _scales = scales;
        _weights = weights;
        Bias = bias;
        _jobs = jobs;
        _reviewers = reviewers;
        PlattA = plattA;
        PlattB = plattB;
        Threshold = threshold;
        DataFingerprint = dataFingerprint;
        ParentVersion = parentVersion;
        Metrics = metrics;
        Version = version ?? ComputeVersion();
    }

    /// <summary><c>screening-</c> + 16 hex digits of the SHA-256 of the artifact: equal content, equal version.</summary>
    public string Version { get; }

    /// <summary>A hash of the labelled pairs it was trained on (ids and labels) and of the feature version.</summary>
    public string DataFingerprint { get; }

    /// <summary>The model it was shrunk towards, when it was.</summary>
    public string? ParentVersion { get; }

    /// <summary>Its held-out metrics at training time (<see cref="ScreeningMetrics.ToDictionary"/>).</summary>
    public IReadOnlyDictionary<string, double> Metrics { get; }

    /// <summary>The text space of its features.</summary>
    public ScreeningVocabulary Vocabulary { get; }

    /// <summary>Feature names, in vector order.</summary>
    public IReadOnlyList<string> FeatureNames { get; }

    /// <summary>The encoder whose cosines it was trained on; null when it uses none.</summary>
    public string? EncoderVersion { get; }

    /// <summary>
    /// For a model with encoder features: the same model without them (same text space, same pairs, its threshold's decisions
    /// aligned with <see cref="Threshold"/>), served when the silo's encoder is not <see cref="EncoderVersion"/> — so a silo
    /// with another encoder still starts and scores, with the base features. Null when there is none.
    /// </summary>
    public ScreeningModel? Fallback { get; }

    /// <summary>
    /// The background pool its similarity features are z-normalised against per job (<see cref="ScreeningFeatures.Background"/>);
    /// null for a model on raw features (artifacts before <c>talentflow.screening/2</c>).
    /// </summary>
    public ScreeningBackground? Background { get; }

    /// <summary>Global weights of the standardised features.</summary>
    public IReadOnlyList<double> Weights => _weights;

    /// <summary>Training means of the features.</summary>
    public IReadOnlyList<double> Means => _means;

    /// <summary>Training standard deviations of the features (1 where constant).</summary>
    public IReadOnlyList<double> Scales => _scales;

    /// <summary>The global intercept.</summary>
    public double Bias { get; }

    /// <summary>Per-job effects, by job id.</summary>
    public IReadOnlyDictionary<string, ScreeningEffect> JobEffects => _jobs;

    /// <summary>Per-reviewer effects, by reviewer id.</summary>
    public IReadOnlyDictionary<string, ScreeningEffect> ReviewerEffects => _reviewers;

    /// <summary>Platt slope on the logit.</summary>
    public double PlattA { get; }

    /// <summary>Platt intercept.</summary>
    public double PlattB { get; }

    /// <summary>The default shortlist threshold on <see cref="Probability"/> (from calibration); a job may set its own.</summary>
    public double Threshold { get; }

    /// <summary>
    /// The feature extractor this model needs. A model trained with encoder cosines needs that encoder
    /// (<see cref="IEncoder.VersionId"/> equal to <see cref="EncoderVersion"/>); a model without ignores any encoder given.
    /// </summary>
    /// <exception cref="ScreeningModelException">The model needs an encoder and <paramref name="encoder"/> is missing or another one.</exception>
    public ScreeningFeatures CreateFeatures(IEncoder? encoder = null, ResumeParser? resumes = null, JobParser? jobs = null, SkillVocabulary? skills = null)
    {
        if (EncoderVersion is not null && encoder?.VersionId != EncoderVersion)
        {
            if (Fallback is not null) return Fallback.CreateFeatures(null, resumes, jobs, skills);
            throw new ScreeningModelException(ScreeningModelError.EncoderMismatch,
                $"Screening model {Version} was trained with encoder {EncoderVersion}; it cannot score with {encoder?.VersionId ?? "no encoder"}.");
        }
        var features = new ScreeningFeatures(Vocabulary, EncoderVersion is null ? null : encoder, resumes, jobs, skills, Background);
        return features.Names.SequenceEqual(FeatureNames, StringComparer.Ordinal)
            ? features
            : throw new ScreeningModelException(ScreeningModelError.Corrupt, $"Screening model {Version} names features this build does not compute.");
    }

    /// <summary>Whether this model scores features of <paramref name="features"/>.</summary>
    public bool Accepts(ScreeningFeatures features) =>
        features is not null && features.Vocabulary.Fingerprint == Vocabulary.Fingerprint && features.Background?.Fingerprint == Background?.Fingerprint
        && (features.EncoderVersion == EncoderVersion || Fallback?.Accepts(features) == true);

    /// <summary>The model that scores vectors of <paramref name="length"/> features: this one, or its <see cref="Fallback"/> for the base features.</summary>
    private ScreeningModel For(int length) => length != _weights.Length && Fallback is { } fallback && length == fallback._weights.Length ? fallback : this;

    /// <summary>This model when it scores <paramref name="features"/>' vectors, else its <see cref="Fallback"/> when that does; null when neither does.</summary>
    public ScreeningModel? For(ScreeningFeatures features)
    {
        ArgumentNullException.ThrowIfNull(features);
        return features.Vocabulary.Fingerprint != Vocabulary.Fingerprint || features.Background?.Fingerprint != Background?.Fingerprint ? null
            : features.EncoderVersion == EncoderVersion ? this
            : Fallback?.For(features);
    }

    /// <summary>The uncalibrated logit of a pair: global, plus the job's and the reviewer's effects when known.</summary>
    /// <exception cref="ArgumentException">Not <see cref="FeatureNames"/>.Count features, or a non-finite one.</exception>
    public double Logit(ReadOnlySpan<float> features, string? jobId = null, string? reviewerId = null)
    {
        if (For(features.Length) is var model && model != this) return model.Logit(features, jobId, reviewerId);
        if (features.Length != _weights.Length) throw new ArgumentException($"Expected {_weights.Length} features, got {features.Length}.", nameof(features));
        double z = Bias;
        ScreeningEffect? job = jobId is not null ? _jobs.GetValueOrDefault(jobId) : null;
        ScreeningEffect? reviewer = reviewerId is not null ? _reviewers.GetValueOrDefault(reviewerId) : null;
        for (int k = 0; k < _weights.Length; k++)
        {
            if (!float.IsFinite(features[k])) throw new ArgumentException($"Feature {FeatureNames[k]} is not a finite number.", nameof(features));
            double s = Standardise(features[k], _means[k], _scales[k]);
            z += (_weights[k] + (job?.Weights?[k] ?? 0)) * s;
        }
        return z + (job?.Offset ?? 0) + (reviewer?.Offset ?? 0);
    }

    /// <summary>The calibrated probability that a reviewer shortlists the pair.</summary>
    public double Probability(ReadOnlySpan<float> features, string? jobId = null, string? reviewerId = null) =>
        For(features.Length).Calibrate(Logit(features, jobId, reviewerId));

    /// <summary>Platt scaling of a logit.</summary>
    public double Calibrate(double logit) => LogisticNewton.Sigmoid(PlattA * logit + PlattB);

    /// <summary>Whether <paramref name="probability"/> shortlists, at <paramref name="threshold"/> (default <see cref="Threshold"/>).</summary>
    public bool Shortlists(double probability, double? threshold = null) => probability >= (threshold ?? Threshold);

    /// <summary>How far, in training standard deviations, a standardised feature may go (default 4).</summary>
    /// <remarks>
    /// Training and serving both clip: a job ad worded unlike the training jobs (a long ad against one-paragraph descriptions)
    /// gives cosines 15–20 deviations out, and an unclipped linear model would extrapolate every such pair to probability 1.
    /// </remarks>
    public const double StandardScoreLimit = 4;

    /// <summary>The feature's standardised value, clipped to ±<see cref="StandardScoreLimit"/>.</summary>
    internal static double Standardise(float value, double mean, double scale) =>
        Math.Clamp((value - mean) / scale, -StandardScoreLimit, StandardScoreLimit);

    /// <summary>Each feature's contribution to the global logit (weight × standardised value), largest magnitude first.</summary>
    public IReadOnlyList<KeyValuePair<string, double>> Explain(ReadOnlySpan<float> features)
    {
        if (For(features.Length) is var model && model != this) return model.Explain(features);
        if (features.Length != _weights.Length) throw new ArgumentException($"Expected {_weights.Length} features, got {features.Length}.", nameof(features));
        var result = new KeyValuePair<string, double>[_weights.Length];
        for (int k = 0; k < _weights.Length; k++) result[k] = KeyValuePair.Create(FeatureNames[k], _weights[k] * Standardise(features[k], _means[k], _scales[k]));
        return [.. result.OrderByDescending(c => Math.Abs(c.Value))];
    }

    /// <summary>The artifact's format id: written for a model with a <see cref="Background"/> pool; one without keeps <see cref="FormatV1"/>.</summary>
    public const string Format = "talentflow.screening/2";

    /// <summary>
    /// The first format (raw features, no background pool): still read, and still written for a model without a pool, so that an
    /// old artifact re-saved keeps its content hash (<see cref="Version"/>).
    /// </summary>
    public const string FormatV1 = "talentflow.screening/1";

    private const string BuiltInResource = "TalentFlow.ML.Screening.screening_builtin.json";
    private static readonly Lazy<ScreeningModel> BuiltInModel = new(LoadBuiltIn);

    /// <summary>
    /// The built-in production model, trained offline on real labelled pairs (resumes of known category against occupation
    /// descriptions; <c>talentflow train screening</c> rebuilds it) and embedded in this assembly: useful before any feedback.
    /// </summary>
    public static ScreeningModel BuiltIn => BuiltInModel.Value;

    /// <summary>Writes the artifact as UTF-8 JSON.</summary>
    public void Save(Stream stream)
    {
        ModelArtifact.Write(stream, ToArtifact(Version), ScreeningJson.Default.ScreeningArtifact);
    }

    /// <summary>The artifact as UTF-8 JSON bytes.</summary>
    public byte[] ToJsonBytes() => ModelArtifact.ToBytes(ToArtifact(Version), ScreeningJson.Default.ScreeningArtifact);

    /// <summary>Reads an artifact written by <see cref="Save"/>.</summary>
    /// <exception cref="ScreeningModelException">Not JSON, another format, a missing or inconsistent field, or a version that does not match the content.</exception>
    public static ScreeningModel Load(Stream stream) => Load(ModelArtifact.ReadAll(stream));

    /// <summary>Reads an artifact from its UTF-8 JSON bytes.</summary>
    /// <exception cref="ScreeningModelException">See <see cref="Load(Stream)"/>.</exception>
    public static ScreeningModel Load(ReadOnlySpan<byte> json)
    {
        if (ModelArtifact.PeekFormat(json) is (true, var found) && found is not (Format or FormatV1))
        {
            throw new ScreeningModelException(ScreeningModelError.UnsupportedFormat, ModelArtifact.WrongFormat([Format, FormatV1], found).Message);
        }

        ScreeningArtifact artifact;
        try
        {
            artifact = ModelArtifact.Read(json, ScreeningJson.Default.ScreeningArtifact, Format, FormatV1);
        }
        catch (InvalidDataException e)
        {
            throw new ScreeningModelException(ScreeningModelError.Corrupt, e.Message, e);
        }
        if ((artifact.Format == FormatV1) != (artifact.Background is null))
        {
            throw new ScreeningModelException(ScreeningModelError.Corrupt, $"A {artifact.Format} screening model artifact {(artifact.Background is null ? "lacks" : "cannot carry")} a background pool.");
        }
        ScreeningModel model;
        try
        {
            model = FromArtifact(artifact);
        }
        catch (Exception e) when (e is ArgumentException or InvalidDataException or NullReferenceException or IndexOutOfRangeException or InvalidOperationException)
        {
            throw new ScreeningModelException(ScreeningModelError.Corrupt, $"The screening model artifact is inconsistent: {e.Message}", e);
        }
        if (model.Version != artifact.Version)
        {
            throw new ScreeningModelException(ScreeningModelError.Corrupt, $"The screening model artifact says version {artifact.Version} but its content is {model.Version}.");
        }
        return model;
    }

    private static ScreeningModel LoadBuiltIn()
    {
        using var stream = typeof(ScreeningModel).Assembly.GetManifestResourceStream(BuiltInResource)
            ?? throw new ScreeningModelException(ScreeningModelError.Corrupt, $"The built-in screening model ({BuiltInResource}) is not embedded.");
        return Load(stream);
    }

    private string ComputeVersion()
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(ToArtifact(string.Empty), ScreeningJson.Default.ScreeningArtifact);
        return "screening-" + Convert.ToHexStringLower(SHA256.HashData(bytes))[..16];
    }

    private ScreeningArtifact ToArtifact(string version, bool withVocabulary = true)
    {
        var v = Vocabulary;
        var o = v.Tfidf.Options;
        return new ScreeningArtifact
        {
            // The fallback shares this model's text space and background pool: written once, here.
            Fallback = Fallback?.ToArtifact(string.Empty, withVocabulary: false),
            Format = Background is null ? FormatV1 : Format,
            Background = Background is not { } b || !withVocabulary ? null : new BackgroundArtifact
            {
                Name = b.Name, MinScale = b.MinScale, Features = [.. b.Features], Resumes = b.Centroid is null ? [.. b.Resumes] : null,
                Centroid = b.Centroid is not { } c ? null : new CentroidArtifact
                {
                    Text = Sparse(c.Text), Skills = Sparse(c.Skills), Experience = Sparse(c.Experience), Education = Sparse(c.Education), Headline = Sparse(c.Headline),
                    Occupations = [Sparse(c.Occupations.Occupations), Sparse(c.Occupations.Broad), Sparse(c.Occupations.Major)],
                    HeadlineOccupations = [Sparse(c.HeadlineOccupations.Occupations), Sparse(c.HeadlineOccupations.Broad), Sparse(c.HeadlineOccupations.Major)],
                    Embeddings = [.. c.Embeddings],
                },
            },
            Version = version,
            DataFingerprint = DataFingerprint,
            ParentVersion = ParentVersion,
            FeatureNames = [.. FeatureNames],
            EncoderVersion = EncoderVersion,
            Vocabulary = !withVocabulary ? null : new VocabularyArtifact
            {
                MaxFeatures = o.MaxFeatures,
                NGramMin = o.NGramMin,
                NGramMax = o.NGramMax,
                EnglishStopWords = o.EnglishStopWords,
                Lowercase = o.Lowercase,
                SmoothIdf = o.SmoothIdf,
                SublinearTf = o.SublinearTf,
                L2Normalize = o.L2Normalize,
                Terms = [.. v.Tfidf.Terms],
                Idf = v.Tfidf.Idf.ToArray(),
                OccupationsPerDocument = v.OccupationsPerDocument,
                Temperature = v.Temperature,
                Stem = v.Stem,
                Occupations = [.. v.Occupations.Select(x => new OccupationArtifact { Code = x.Code, Title = x.Title, Indices = x.Profile.Indices, Values = x.Profile.Values })],
            },
            Means = _means,
            Scales = _scales,
            Weights = _weights,
            Bias = Bias,
            JobEffects = Effects(_jobs),
            ReviewerEffects = Effects(_reviewers),
            PlattA = PlattA,
            PlattB = PlattB,
            Threshold = Threshold,
            Metrics = Metrics.OrderBy(m => m.Key, StringComparer.Ordinal).ToDictionary(m => m.Key, m => m.Value, StringComparer.Ordinal),
        };
    }

    private static ScreeningModel FromArtifact(ScreeningArtifact a)
    {
        var vocabulary = ReadVocabulary(a.Vocabulary ?? throw new InvalidDataException("no vocabulary"));
        var background = a.Background switch
        {
            null => null,
            { Centroid: { } c } b => new ScreeningBackground(b.Name ?? throw new InvalidDataException("no background name"), ReadCentroid(c, vocabulary), b.Features ?? []),
            var b => new ScreeningBackground(b.Name ?? throw new InvalidDataException("no background name"), b.Resumes ?? throw new InvalidDataException("no background resumes"), b.Features ?? [], b.MinScale),
        };
        var fallback = a.Fallback is { } f
            ? f.Fallback is null && f.Vocabulary is null && f.Background is null && f.EncoderVersion is null && f.Format == a.Format
                ? FromArtifact(f, vocabulary, null, background) : throw new InvalidDataException("bad fallback")
            : null;
        return FromArtifact(a, vocabulary, fallback, background);
    }

    private static ScreeningModel FromArtifact(ScreeningArtifact a, ScreeningVocabulary vocabulary, ScreeningModel? fallback, ScreeningBackground? background)
    {
        int d = a.FeatureNames?.Length ?? 0;
        if (d == 0 || a.Means?.Length != d || a.Scales?.Length != d || a.Weights?.Length != d) throw new InvalidDataException("weights, means and scales must have one value per feature");
        if (a.Scales.Any(s => !(s > 0)) || a.Weights.Concat(a.Means).Append(a.Bias).Append(a.PlattA).Append(a.PlattB).Any(x => !double.IsFinite(x)))
        {
            throw new InvalidDataException("non-finite weights or non-positive scales");
        }
        if (!(a.Threshold > 0 && a.Threshold < 1)) throw new InvalidDataException("the threshold must be in (0, 1)");
        return new ScreeningModel(vocabulary, a.FeatureNames!, a.EncoderVersion, a.Means, a.Scales, a.Weights, a.Bias,
            ToEffects(a.JobEffects, d), ToEffects(a.ReviewerEffects, d), a.PlattA, a.PlattB, a.Threshold, a.DataFingerprint ?? string.Empty, a.ParentVersion,
            a.Metrics ?? [], fallback: fallback, background: background);
    }
}
