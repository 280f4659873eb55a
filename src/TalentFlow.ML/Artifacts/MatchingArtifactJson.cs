using System.Text.Json;
using System.Text.Json.Serialization;
using TalentFlow.ML.Careers;

namespace TalentFlow.ML.Artifacts;

/// <summary><c>talentflow.baseline-matcher/1</c>: section weights, thresholds and one TF-IDF vectorizer per scored section.</summary>
internal sealed record BaselineMatcherArtifact(
    string Format, double SkillsWeight, double ExperienceWeight, double EducationWeight, double MinScoreThreshold, double MaxScoreThreshold,
    double ShortlistThreshold, Dictionary<string, TfidfArtifact> Vectorizers) : IModelArtifact;

/// <summary>The career MLP's layer sizes and temperature (its tensors sit at the artifact's root).</summary>
internal sealed record CareerMlpArtifact(int Inputs, int Hidden, int Classes, float Temperature);

/// <summary>The career SVM's sizes, C and temperature.</summary>
internal sealed record CareerSvmArtifact(int Features, int Classes, double C, float Temperature);

/// <summary>The career TF-IDF classifier's headline block: how many words, its weight and vectorizer.</summary>
internal sealed record CareerHeadlineArtifact(int Words, float Weight, TfidfArtifact Tfidf);

/// <summary>What a career asks for: skills, occupations and books.</summary>
internal sealed record CareerKnowledgeArtifact(string[] Skills, string[] Occupations, CareerBook[] Books);

/// <summary>
/// <c>talentflow.career</c>: the encoder's own artifact nested under <see cref="Encoder"/>, the careers, the classifier kind
/// (absent in version 1, which holds an MLP) with that classifier's fields, the centroids, knowledge and metadata;
/// <see cref="Sha256"/> covers careers and tensors in order.
/// </summary>
internal sealed record CareerArtifact : IModelArtifact
{
    public required string Format { get; init; }
    public required int Version { get; init; }
    public required string VersionId { get; init; }
    public required JsonElement Encoder { get; init; }
    public required string[] Careers { get; init; }
    public string? ClassifierKind { get; init; }
    public CareerMlpArtifact? Classifier { get; init; }
    public TensorArtifact? Mean { get; init; }
    public TensorArtifact? Scale { get; init; }
    public TensorArtifact? W1 { get; init; }
    public TensorArtifact? B1 { get; init; }
    public TensorArtifact? W2 { get; init; }
    public TensorArtifact? B2 { get; init; }
    public TfidfArtifact? Tfidf { get; init; }
    public CareerHeadlineArtifact? Headline { get; init; }
    public CareerSvmArtifact? Svm { get; init; }
    public TensorArtifact? SvmWeights { get; init; }
    public required TensorArtifact Centroids { get; init; }
    public required CareerKnowledgeArtifact[] Knowledge { get; init; }
    public required CareerModelMetadata Metadata { get; init; }
    public required string Sha256 { get; init; }
}

/// <summary>Source-generated JSON of the baseline matcher's and the career model's artifacts.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals, RespectNullableAnnotations = true, RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(BaselineMatcherArtifact))]
[JsonSerializable(typeof(CareerArtifact))]
internal sealed partial class MatchingArtifactJson : JsonSerializerContext;
