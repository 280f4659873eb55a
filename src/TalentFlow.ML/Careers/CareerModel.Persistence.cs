using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using TalentFlow.ML.Semantic;

namespace TalentFlow.ML.Careers;

/// <content>The versioned artifact: the encoder's own artifact nested under <c>encoder</c>, then the careers, the classifier's
/// tensors and the centroids (checksummed), then knowledge and metadata as plain JSON.</content>
public sealed partial class CareerModel
{
    /// <summary>Format version written by <see cref="Save(Stream)"/>; <see cref="Load(Stream)"/> reads only this one.</summary>
    public const int FormatVersion = 1;

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
        Classifier.Write(artifact);
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
                using var artifact = new EncoderArtifactReader(root, FormatName, FormatVersion);
                var encoder = EmbeddedEncoder.Read(root.GetProperty("encoder"));
                var careers = artifact.Strings("careers");
                var classifier = CareerClassifier.Read(artifact);
                if (careers.Length != classifier.Classes || careers.Distinct(StringComparer.Ordinal).Count() != careers.Length)
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
                var model = new CareerModel(encoder, classifier, careers, centroids, knowledge, metadata);
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
        Classifier.AppendTo(hash);
        return "career-" + Convert.ToHexStringLower(hash.GetHashAndReset())[..12];
    }
}

/// <summary>Source-generated JSON for the career model's metadata.</summary>
[System.Text.Json.Serialization.JsonSourceGenerationOptions(PropertyNamingPolicy = System.Text.Json.Serialization.JsonKnownNamingPolicy.SnakeCaseLower,
    NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals)]
[System.Text.Json.Serialization.JsonSerializable(typeof(CareerModelMetadata))]
internal sealed partial class CareerJsonContext : System.Text.Json.Serialization.JsonSerializerContext;
