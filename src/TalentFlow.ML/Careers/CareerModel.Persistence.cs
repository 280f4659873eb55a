using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using TalentFlow.ML.Semantic;

namespace TalentFlow.ML.Careers;

/// <content>The versioned artifact: the encoder's own artifact nested under <c>encoder</c>, then the careers, the
/// <c>classifier_kind</c> (<c>mlp</c> or <c>tfidf</c>; version 1 artifacts have none and are MLPs), that classifier's tensors
/// (and for TF-IDF the vectorizer) and the centroids (checksummed), then knowledge and metadata as plain JSON.</content>
public sealed partial class CareerModel
{
    /// <summary>Format version written by <see cref="Save(Stream)"/>; <see cref="Load(Stream)"/> reads it and version 1 (MLP only).</summary>
    public const int FormatVersion = 2;

    internal const string FormatName = "talentflow.career";

    /// <summary>Writes the model as one JSON artifact (base64 little-endian tensors, SHA-256).</summary>
    public void Save(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var encoderBytes = new MemoryStream();
        Encoder.Save(encoderBytes);
        using var artifact = new EncoderArtifactWriter(stream, FormatName, FormatVersion, VersionId);
        var json = artifact.Json;
        json.WritePropertyName("encoder");
        json.WriteRawValue(encoderBytes.ToArray(), skipInputValidation: true);
        artifact.Strings("careers", Careers);
        json.WriteString("classifier_kind", Kind == CareerClassifierKind.Mlp ? "mlp" : "tfidf");
        if (Classifier is not null) Classifier.Write(artifact);
        else TfidfClassifier!.Write(artifact);
        artifact.Tensor("centroids", _centroids, Careers.Count, Encoder.Dimension);
        json.WriteStartArray("knowledge");
        foreach (var k in Knowledge)
        {
            json.WriteStartObject();
            json.WriteStartArray("skills");
            foreach (var s in k.Skills) json.WriteStringValue(s);
            json.WriteEndArray();
            json.WriteStartArray("occupations");
            foreach (var o in k.Occupations) json.WriteStringValue(o);
            json.WriteEndArray();
            json.WriteStartArray("books");
            foreach (var b in k.Books)
            {
                json.WriteStartObject();
                json.WriteString("title", b.Title);
                json.WriteString("author", b.Author);
                json.WriteString("description", b.Description);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WritePropertyName("metadata");
        JsonSerializer.Serialize(json, Metadata, CareerJsonContext.Default.CareerModelMetadata);
    }

    /// <summary>Reads an artifact written by <see cref="Save(Stream)"/>; anything else throws <see cref="EncoderArtifactException"/>.</summary>
    public static CareerModel Load(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(stream, new JsonDocumentOptions { MaxDepth = 24 });
        }
        catch (JsonException e)
        {
            throw EncoderArtifactReader.Corrupt($"Not a valid career model artifact: {e.Message}", e);
        }

        using (document)
        {
            var root = document.RootElement;
            return EncoderArtifactReader.Guard(FormatName, () =>
            {
                bool legacy = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("version", out var v) && v.ValueKind == JsonValueKind.Number && v.GetInt32() == 1;
                using var artifact = new EncoderArtifactReader(root, FormatName, legacy ? 1 : FormatVersion);
                var encoder = EmbeddedEncoder.Read(root.GetProperty("encoder"));
                var careers = artifact.Strings("careers");
                var kind = legacy ? "mlp" : root.GetProperty("classifier_kind").GetString();
                var mlp = kind == "mlp" ? CareerClassifier.Read(artifact) : null;
                var tfidf = kind == "tfidf" ? CareerTfidfClassifier.Read(artifact) : null;
                if (mlp is null && tfidf is null) throw EncoderArtifactReader.Corrupt($"Unknown classifier_kind '{kind}'.");
                if (careers.Length != (mlp?.Classes ?? tfidf!.Classes) || careers.Distinct(StringComparer.Ordinal).Count() != careers.Length)
                {
                    throw EncoderArtifactReader.Corrupt("The careers do not match the classifier or repeat.");
                }

                var centroids = artifact.Float32("centroids", careers.Length, encoder.Dimension);
                var knowledge = root.GetProperty("knowledge").EnumerateArray().Select(k => new CareerKnowledge(
                    [.. k.GetProperty("skills").EnumerateArray().Select(s => s.GetString()!)],
                    [.. k.GetProperty("books").EnumerateArray().Select(b => new CareerBook(b.GetProperty("title").GetString()!, b.GetProperty("author").GetString()!,
                        b.GetProperty("description").GetString()!))],
                    [.. k.GetProperty("occupations").EnumerateArray().Select(s => s.GetString()!)])).ToArray();
                var metadata = root.GetProperty("metadata").Deserialize(CareerJsonContext.Default.CareerModelMetadata)
                    ?? throw EncoderArtifactReader.Corrupt("No metadata.");
                var model = mlp is not null
                    ? new CareerModel(encoder, mlp, careers, centroids, knowledge, metadata)
                    : new CareerModel(encoder, tfidf!, careers, centroids, knowledge, metadata);
                artifact.Verify(model.VersionId);
                return model;
            });
        }
    }

    /// <summary>Reads a model file.</summary>
    public static CareerModel Load(string path)
    {
        using var stream = File.OpenRead(path);
        return Load(stream);
    }

    /// <summary>Writes a model file (replacing it).</summary>
    public void Save(string path)
    {
        using var stream = File.Create(path);
        Save(stream);
    }

    private string Version()
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes(Encoder.VersionId + "\n"));
        foreach (var career in Careers) hash.AppendData(Encoding.UTF8.GetBytes(career + "\n"));
        // An MLP hashes as in version 1, so an old artifact keeps its version id.
        if (Classifier is not null) Classifier.AppendTo(hash);
        else TfidfClassifier!.AppendTo(hash);
        return "career-" + Convert.ToHexStringLower(hash.GetHashAndReset())[..12];
    }
}

/// <summary>Source-generated JSON for the career model's metadata.</summary>
[System.Text.Json.Serialization.JsonSourceGenerationOptions(PropertyNamingPolicy = System.Text.Json.Serialization.JsonKnownNamingPolicy.SnakeCaseLower,
    NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals)]
[System.Text.Json.Serialization.JsonSerializable(typeof(CareerModelMetadata))]
internal sealed partial class CareerJsonContext : System.Text.Json.Serialization.JsonSerializerContext;
