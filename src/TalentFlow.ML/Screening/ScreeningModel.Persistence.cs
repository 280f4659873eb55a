using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using TalentFlow.ML.Tfidf;

namespace TalentFlow.ML.Screening;

/// <content>The JSON artifact: one document, source-generated serializer, version = hash of its content.</content>
public sealed partial class ScreeningModel
{
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
        ArgumentNullException.ThrowIfNull(stream);
        JsonSerializer.Serialize(stream, ToArtifact(Version), ScreeningJson.Default.ScreeningArtifact);
    }

    /// <summary>The artifact as UTF-8 JSON bytes.</summary>
    public byte[] ToJsonBytes() => JsonSerializer.SerializeToUtf8Bytes(ToArtifact(Version), ScreeningJson.Default.ScreeningArtifact);

    /// <summary>Reads an artifact written by <see cref="Save"/>.</summary>
    /// <exception cref="ScreeningModelException">Not JSON, another format, a missing or inconsistent field, or a version that does not match the content.</exception>
    public static ScreeningModel Load(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return Load(buffer.ToArray());
    }

    /// <summary>Reads an artifact from its UTF-8 JSON bytes.</summary>
    /// <exception cref="ScreeningModelException">See <see cref="Load(Stream)"/>.</exception>
    public static ScreeningModel Load(ReadOnlySpan<byte> json)
    {
        ScreeningArtifact? artifact;
        try
        {
            artifact = JsonSerializer.Deserialize(json, ScreeningJson.Default.ScreeningArtifact);
        }
        catch (JsonException e)
        {
            throw new ScreeningModelException(ScreeningModelError.Corrupt, $"Not a screening model artifact: {e.Message}", e);
        }
        if (artifact is null) throw new ScreeningModelException(ScreeningModelError.Corrupt, "The screening model artifact is empty.");
        if (artifact.Format is not (Format or FormatV1))
        {
            throw new ScreeningModelException(ScreeningModelError.UnsupportedFormat, $"Screening model format '{artifact.Format}' is not {Format} or {FormatV1}.");
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

    private static Dictionary<string, EffectArtifact> Effects(Dictionary<string, ScreeningEffect> effects) =>
        effects.OrderBy(e => e.Key, StringComparer.Ordinal).ToDictionary(
            e => e.Key, e => new EffectArtifact { Offset = e.Value.Offset, Weights = e.Value.Weights?.ToArray(), Count = e.Value.Count }, StringComparer.Ordinal);

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

    private static SparseArtifact Sparse(SparseVector v) => new() { Indices = v.Indices, Values = v.Values };

    private static ScreeningResumeSide ReadCentroid(CentroidArtifact c, ScreeningVocabulary vocabulary)
    {
        int terms = vocabulary.Tfidf.Terms.Count;
        SparseVector Read(SparseArtifact? s, int limit)
        {
            if (s?.Indices is null || s.Values is null || s.Indices.Length != s.Values.Length || !s.Values.All(float.IsFinite)) throw new InvalidDataException("bad centroid vector");
            for (int i = 0; i < s.Indices.Length; i++)
            {
                if (s.Indices[i] < 0 || s.Indices[i] >= limit || (i > 0 && s.Indices[i] <= s.Indices[i - 1])) throw new InvalidDataException("bad centroid index");
            }
            return new SparseVector(s.Indices, s.Values);
        }
        ScreeningProfile Profile(SparseArtifact[]? p) =>
            p is { Length: 3 } ? new ScreeningProfile(Read(p[0], int.MaxValue), Read(p[1], int.MaxValue), Read(p[2], int.MaxValue)) : throw new InvalidDataException("bad centroid profile");
        var embeddings = c.Embeddings ?? [];
        if (embeddings.Any(e => e is null || e.Length == 0 || e.Length != embeddings[0].Length || !e.All(float.IsFinite))) throw new InvalidDataException("bad centroid embeddings");
        return new ScreeningResumeSide("centroid", Read(c.Text, terms), Read(c.Skills, terms), Read(c.Experience, terms), Read(c.Education, terms), Read(c.Headline, terms),
            [], Profile(c.HeadlineOccupations), [], Profile(c.Occupations), [], null, -1, embeddings);
    }

    private static ScreeningVocabulary ReadVocabulary(VocabularyArtifact v)
    {
        var options = new TfidfOptions
        {
            MaxFeatures = v.MaxFeatures, NGramMin = v.NGramMin, NGramMax = v.NGramMax, EnglishStopWords = v.EnglishStopWords, Lowercase = v.Lowercase,
            SmoothIdf = v.SmoothIdf, SublinearTf = v.SublinearTf, L2Normalize = v.L2Normalize,
        };
        options.Validate();
        if (v.Terms is null || v.Idf is null || v.Terms.Length != v.Idf.Length || v.Terms.Length == 0) throw new InvalidDataException("terms and idf differ in length");
        if (v.Terms.Distinct(StringComparer.Ordinal).Count() != v.Terms.Length) throw new InvalidDataException("a term appears twice");
        var occupations = (v.Occupations ?? []).Select(x =>
        {
            if (x.Indices is null || x.Values is null || x.Indices.Length != x.Values.Length) throw new InvalidDataException($"occupation {x.Code}: bad profile");
            for (int i = 0; i < x.Indices.Length; i++)
            {
                if (x.Indices[i] < 0 || x.Indices[i] >= v.Terms.Length || (i > 0 && x.Indices[i] <= x.Indices[i - 1])) throw new InvalidDataException($"occupation {x.Code}: bad index");
            }
            return new ScreeningOccupation(x.Code ?? string.Empty, x.Title ?? string.Empty, new SparseVector(x.Indices, x.Values));
        }).ToArray();
        if (v.OccupationsPerDocument < 1 || !(v.Temperature > 0)) throw new InvalidDataException("bad occupation space settings");
        return new ScreeningVocabulary(new TfidfModel(options, v.Terms, v.Idf), occupations, v.OccupationsPerDocument, v.Temperature, v.Stem);
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

    private static Dictionary<string, ScreeningEffect> ToEffects(Dictionary<string, EffectArtifact>? effects, int d)
    {
        var result = new Dictionary<string, ScreeningEffect>(StringComparer.Ordinal);
        foreach (var (key, e) in effects ?? [])
        {
            if (!double.IsFinite(e.Offset) || (e.Weights is not null && (e.Weights.Length != d || !e.Weights.All(double.IsFinite)))) throw new InvalidDataException($"effect {key}: bad weights");
            result[key] = new ScreeningEffect(e.Offset, e.Weights, e.Count);
        }
        return result;
    }
}

internal sealed class ScreeningArtifact
{
    public string? Format { get; set; }
    public string? Version { get; set; }
    public string? DataFingerprint { get; set; }
    public string? ParentVersion { get; set; }
    public string? EncoderVersion { get; set; }
    public string[]? FeatureNames { get; set; }
    public double[]? Means { get; set; }
    public double[]? Scales { get; set; }
    public double[]? Weights { get; set; }
    public double Bias { get; set; }
    public double PlattA { get; set; }
    public double PlattB { get; set; }
    public double Threshold { get; set; }
    public Dictionary<string, double>? Metrics { get; set; }
    public Dictionary<string, EffectArtifact>? JobEffects { get; set; }
    public Dictionary<string, EffectArtifact>? ReviewerEffects { get; set; }
    public VocabularyArtifact? Vocabulary { get; set; }
    public BackgroundArtifact? Background { get; set; }
    public ScreeningArtifact? Fallback { get; set; }
}

internal sealed class BackgroundArtifact
{
    public string? Name { get; set; }
    public double MinScale { get; set; }
    public string[]? Features { get; set; }
    public string[]? Resumes { get; set; }
    public CentroidArtifact? Centroid { get; set; }
}

internal sealed class CentroidArtifact
{
    public SparseArtifact? Text { get; set; }
    public SparseArtifact? Skills { get; set; }
    public SparseArtifact? Experience { get; set; }
    public SparseArtifact? Education { get; set; }
    public SparseArtifact? Headline { get; set; }
    public SparseArtifact[]? Occupations { get; set; }
    public SparseArtifact[]? HeadlineOccupations { get; set; }
    public float[][]? Embeddings { get; set; }
}

internal sealed class SparseArtifact
{
    public int[]? Indices { get; set; }
    public float[]? Values { get; set; }
}

internal sealed class EffectArtifact
{
    public double Offset { get; set; }
    public double[]? Weights { get; set; }
    public int Count { get; set; }
}

internal sealed class VocabularyArtifact
{
    public int? MaxFeatures { get; set; }
    public int NGramMin { get; set; }
    public int NGramMax { get; set; }
    public bool EnglishStopWords { get; set; }
    public bool Lowercase { get; set; }
    public bool SmoothIdf { get; set; }
    public bool SublinearTf { get; set; }
    public bool L2Normalize { get; set; }
    public int OccupationsPerDocument { get; set; }
    public double Temperature { get; set; }
    public bool Stem { get; set; }
    public string[]? Terms { get; set; }
    public double[]? Idf { get; set; }
    public OccupationArtifact[]? Occupations { get; set; }
}

internal sealed class OccupationArtifact
{
    public string? Code { get; set; }
    public string? Title { get; set; }
    public int[]? Indices { get; set; }
    public float[]? Values { get; set; }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.Strict)]
[JsonSerializable(typeof(ScreeningArtifact))]
internal sealed partial class ScreeningJson : JsonSerializerContext;
