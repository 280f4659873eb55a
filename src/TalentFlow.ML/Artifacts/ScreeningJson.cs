using System.Text.Json.Serialization;

namespace TalentFlow.ML.Artifacts;

/// <summary>
/// <c>talentflow.screening/2</c> (or <c>/1</c> for a model without a background pool): the whole model, its text space and, for a
/// fallback, a second model sharing them. Its serialised bytes (with an empty version) are hashed into the version.
/// </summary>
internal sealed class ScreeningArtifact : IModelArtifact
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
