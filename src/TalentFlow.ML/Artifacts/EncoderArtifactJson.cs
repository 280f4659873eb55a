using System.Text.Json.Serialization;

namespace TalentFlow.ML.Artifacts;

/// <summary>A TF-IDF vectorizer's options, as every artifact that holds a vectorizer writes them (<c>max_features</c> only when set).</summary>
internal sealed record TfidfOptionsArtifact(int NgramMin, int NgramMax, bool EnglishStopWords, bool Lowercase, bool SmoothIdf, bool SublinearTf, bool L2Normalize)
{
    [JsonPropertyOrder(-1)]
    public int? MaxFeatures { get; init; }
}

/// <summary>A TF-IDF vectorizer: options, terms in column order, idf (decimal JSON numbers).</summary>
internal sealed record TfidfArtifact(TfidfOptionsArtifact Options, string[] Terms, double[] Idf);

/// <summary>The LSA encoder's options.</summary>
internal sealed record LsaOptionsArtifact(int Dimensions, int Oversampling, int PowerIterations, int Seed, TfidfOptionsArtifact Tfidf);

/// <summary>
/// <c>talentflow.encoder.lsa</c>: options, the vectorizer's terms and idf, the singular values and the terms × dimension
/// projection; <see cref="Sha256"/> covers terms and tensors.
/// </summary>
internal sealed record LsaArtifact(
    string Format, int Version, string VersionId, LsaOptionsArtifact Options, int Dimension, string[] Terms,
    TensorArtifact Idf, TensorArtifact SingularValues, TensorArtifact Projection, string Sha256) : IModelArtifact;

/// <summary>The subword encoder's options.</summary>
internal sealed record SubwordOptionsArtifact(
    int Dimensions, int Window, int MinCount, int MaxVocabulary, double ContextSmoothing, double Shift, double EigenvalueWeight, int MinN, int MaxN,
    int Buckets, double SifWeight, bool RemovePrincipalComponent, int Oversampling, int PowerIterations, int Seed);

/// <summary>
/// <c>talentflow.encoder.subword</c>: options, words with their weights and vectors, the hashed n-gram buckets and the removed
/// principal component; <see cref="Sha256"/> covers words and tensors.
/// </summary>
internal sealed record SubwordArtifact(
    string Format, int Version, string VersionId, SubwordOptionsArtifact Options, int Dimension, string[] Words, TensorArtifact WordWeights,
    TensorArtifact UnknownWeight, TensorArtifact WordVectors, TensorArtifact BucketVectors, TensorArtifact PrincipalComponent, string Sha256) : IModelArtifact;

/// <summary>Source-generated JSON of the encoders' artifacts (and of the TF-IDF vectorizers other artifacts nest).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    RespectNullableAnnotations = true, RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(LsaArtifact))]
[JsonSerializable(typeof(SubwordArtifact))]
internal sealed partial class EncoderArtifactJson : JsonSerializerContext;
