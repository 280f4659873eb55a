using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text.Json;

namespace TalentFlow.ML.Recommendation.ConvFm;

/// <content>The versioned artifact: one JSON document with options, vocabularies, metrics and base64 little-endian tensors.</content>
public sealed partial class ConvFmModel
{
    /// <summary>Format version written by <see cref="Save"/>; <see cref="Load"/> reads only this one.</summary>
    public const int FormatVersion = 1;

    private const string FormatName = "talentflow.convfm";

    /// <summary>
    /// Writes the artifact. Tensors are base64 of little-endian float32 (exact, and a third of the size of decimal text),
    /// followed by a SHA-256 over all tensor bytes so a damaged file is detected even when it still parses.
    /// </summary>
    public void Save(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        writer.WriteStartObject();
        writer.WriteString("format", FormatName);
        writer.WriteNumber("version", FormatVersion);
        writer.WritePropertyName("options");
        ConvFmOptionsJson.Write(writer, Options);
        writer.WriteStartObject("vocabularies");
        WriteNames(writer, "users", Vocabularies.Users);
        WriteNames(writer, "jobs", Vocabularies.Jobs);
        WriteNames(writer, "skills", Vocabularies.Skills);
        WriteNames(writer, "locations", Vocabularies.Locations);
        WriteNames(writer, "companies", Vocabularies.Companies);
        writer.WriteEndObject();
        writer.WriteStartObject("metrics");
        foreach (var (name, value) in Metrics)
        {
            writer.WriteNumber(name, value);
        }

        writer.WriteEndObject();
        writer.WriteStartArray("tensors");
        foreach (var tensor in Tensors)
        {
            var bytes = ToBytes(tensor.Data);
            hash.AppendData(bytes);
            writer.WriteStartObject();
            writer.WriteString("name", tensor.Name);
            writer.WriteStartArray("shape");
            foreach (var s in tensor.Shape)
            {
                writer.WriteNumberValue(s);
            }

            writer.WriteEndArray();
            writer.WriteBase64String("data", bytes);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteString("sha256", Convert.ToHexStringLower(hash.GetHashAndReset()));
        writer.WriteEndObject();
    }

    /// <summary>Reads an artifact written by <see cref="Save"/>; throws <see cref="ConvFmArtifactException"/> on anything else.</summary>
    public static ConvFmModel Load(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        try
        {
            using var doc = JsonDocument.Parse(stream);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("format", out var format) || format.GetString() != FormatName)
            {
                throw new ConvFmArtifactException(ConvFmArtifactError.Corrupt, $"Not a {FormatName} artifact.");
            }

            var version = root.GetProperty("version").GetInt32();
            if (version != FormatVersion)
            {
                throw new ConvFmArtifactException(
                    ConvFmArtifactError.UnsupportedVersion, $"{FormatName} version {version} is not supported; this build reads version {FormatVersion}.");
            }

            var options = ConvFmOptionsJson.Read(root.GetProperty("options"));
            var v = root.GetProperty("vocabularies");
            var vocabularies = new ConvFmVocabularies(Names(v, "users"), Names(v, "jobs"), Names(v, "skills"), Names(v, "locations"), Names(v, "companies"));
            var network = vocabularies.CreateNetwork(options);
            var stored = root.GetProperty("tensors").EnumerateArray().ToDictionary(t => t.GetProperty("name").GetString()!, StringComparer.Ordinal);
            if (stored.Count != network.Tensors.Count)
            {
                throw Corrupt($"{stored.Count} tensors stored, the options and vocabularies need {network.Tensors.Count}.");
            }

            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            foreach (var tensor in network.Tensors)
            {
                if (!stored.TryGetValue(tensor.Name, out var t))
                {
                    throw Corrupt($"Tensor '{tensor.Name}' is missing.");
                }

                var shape = t.GetProperty("shape").EnumerateArray().Select(e => e.GetInt32()).ToArray();
                var bytes = t.GetProperty("data").GetBytesFromBase64();
                if (!shape.AsSpan().SequenceEqual(tensor.Shape.AsSpan()) || bytes.Length != tensor.Data.Length * sizeof(float))
                {
                    throw Corrupt($"Tensor '{tensor.Name}' has shape [{string.Join(", ", shape)}] and {bytes.Length} bytes; expected [{string.Join(", ", tensor.Shape)}].");
                }

                hash.AppendData(bytes);
                for (var i = 0; i < tensor.Data.Length; i++)
                {
                    tensor.Data[i] = BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(i * sizeof(float)));
                }
            }

            if (root.GetProperty("sha256").GetString() != Convert.ToHexStringLower(hash.GetHashAndReset()))
            {
                throw Corrupt("Tensor checksum mismatch.");
            }

            var metrics = root.GetProperty("metrics").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetDouble());
            return new ConvFmModel(options, vocabularies, network, metrics);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException or ArgumentException)
        {
            throw new ConvFmArtifactException(ConvFmArtifactError.Corrupt, $"Not a valid {FormatName} artifact: {e.Message}", e);
        }
    }

    private static ConvFmArtifactException Corrupt(string message) => new(ConvFmArtifactError.Corrupt, message);

    private static byte[] ToBytes(float[] data)
    {
        var bytes = new byte[data.Length * sizeof(float)];
        for (var i = 0; i < data.Length; i++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * sizeof(float)), data[i]);
        }

        return bytes;
    }

    private static void WriteNames(Utf8JsonWriter writer, string property, ConvFmVocabulary vocabulary)
    {
        writer.WriteStartArray(property);
        foreach (var name in vocabulary.Names)
        {
            writer.WriteStringValue(name);
        }

        writer.WriteEndArray();
    }

    private static IEnumerable<string> Names(JsonElement vocabularies, string property) =>
        vocabularies.GetProperty(property).EnumerateArray().Select(e => e.GetString() ?? throw new FormatException($"Null name in {property}."));
}
