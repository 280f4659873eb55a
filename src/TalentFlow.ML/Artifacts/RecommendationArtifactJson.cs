using System.Text.Json.Serialization;

namespace TalentFlow.ML.Artifacts;

/// <summary>ConvFM's options, every one written so a loaded model rebuilds the same network.</summary>
internal sealed record ConvFmOptionsArtifact(
    int EmbeddingDim, int ConvFilters, int ConvKernelSize, int ConvPadding, int[] HiddenUnits, double Dropout, double BatchnormEpsilon,
    double BatchnormMomentum, double EmbeddingInitStd, double LearningRate, double Beta1, double Beta2, double AdamEpsilon, double WeightDecay,
    int BatchSize, int Epochs, int EarlyStoppingPatience, int MaxDegreeOfParallelism, int Seed);

/// <summary>ConvFM's five vocabularies, values in id order.</summary>
internal sealed record ConvFmVocabulariesArtifact(string[] Users, string[] Jobs, string[] Skills, string[] Locations, string[] Companies);

/// <summary>One ConvFM tensor: its name, shape and base64 little-endian float32 data.</summary>
internal sealed record ConvFmTensorArtifact(string Name, int[] Shape, byte[] Data);

/// <summary><c>talentflow.convfm</c>: options, vocabularies, metrics, tensors and a SHA-256 over every tensor's bytes in order.</summary>
internal sealed record ConvFmArtifact(
    string Format, int Version, ConvFmOptionsArtifact Options, ConvFmVocabulariesArtifact Vocabularies, Dictionary<string, double> Metrics,
    ConvFmTensorArtifact[] Tensors, string Sha256) : IModelArtifact;

/// <summary>One feature of the learned job ranker: its standardisation and weight.</summary>
internal sealed record JobRankerFeatureArtifact(string Name, double Mean, double Scale, double Weight);

/// <summary><c>talentflow.job-ranker</c>: the content candidates' settings, the logistic model and its (finite) metrics.</summary>
internal sealed record JobRankerArtifact(
    string Format, int Version, int Candidates, double StateWeight, double CityWeight, double Bias, JobRankerFeatureArtifact[] Features,
    Dictionary<string, double> Metrics) : IModelArtifact;

/// <summary>Source-generated JSON of the recommenders' artifacts (indented, as they were first written).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, WriteIndented = true,
    RespectNullableAnnotations = true, RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(ConvFmArtifact))]
[JsonSerializable(typeof(JobRankerArtifact))]
internal sealed partial class RecommendationArtifactJson : JsonSerializerContext;
