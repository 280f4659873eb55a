using System.Text.Json;

namespace TalentFlow.ML.Semantic;

/// <content>The versioned artifact (<see cref="EncoderArtifactWriter"/>'s layout).</content>
public sealed partial class SubwordEncoder
{
    /// <summary>Format version written by <see cref="Save"/>; <see cref="Load"/> reads only this one.</summary>
    public const int FormatVersion = 1;

    internal const string FormatName = "talentflow.encoder.subword";

    /// <inheritdoc />
    public void Save(Stream stream)
    {
        using var artifact = new EncoderArtifactWriter(stream, FormatName, FormatVersion, VersionId);
        var json = artifact.Json;
        var o = _options;
        json.WriteStartObject("options");
        json.WriteNumber("dimensions", o.Dimensions);
        json.WriteNumber("window", o.Window);
        json.WriteNumber("min_count", o.MinCount);
        json.WriteNumber("max_vocabulary", o.MaxVocabulary);
        json.WriteNumber("context_smoothing", o.ContextSmoothing);
        json.WriteNumber("shift", o.Shift);
        json.WriteNumber("eigenvalue_weight", o.EigenvalueWeight);
        json.WriteNumber("min_n", o.MinN);
        json.WriteNumber("max_n", o.MaxN);
        json.WriteNumber("buckets", o.Buckets);
        json.WriteNumber("sif_weight", o.SifWeight);
        json.WriteBoolean("remove_principal_component", o.RemovePrincipalComponent);
        json.WriteNumber("oversampling", o.Oversampling);
        json.WriteNumber("power_iterations", o.PowerIterations);
        json.WriteNumber("seed", o.Seed);
        json.WriteEndObject();
        json.WriteNumber("dimension", Dimension);
        artifact.Strings("words", _words);
        artifact.Tensor("word_weights", _weights, _words.Length);
        artifact.Tensor("unknown_weight", [_unknownWeight], 1);
        artifact.Tensor("word_vectors", _vectors, _words.Length, Dimension);
        artifact.Tensor("bucket_vectors", _buckets, o.Buckets, Dimension);
        artifact.Tensor("principal_component", _principal, Dimension);
    }

    /// <summary>Reads an artifact written by <see cref="Save"/>; anything else throws <see cref="EncoderArtifactException"/>.</summary>
    public static SubwordEncoder Load(Stream stream)
    {
        using var document = EncoderArtifactReader.Parse(stream);
        return Read(document.RootElement);
    }

    internal static SubwordEncoder Read(JsonElement root) => EncoderArtifactReader.Guard(FormatName, () =>
    {
        using var artifact = new EncoderArtifactReader(root, FormatName, FormatVersion);
        var o = root.GetProperty("options");
        var options = new SubwordOptions
        {
            Dimensions = o.GetProperty("dimensions").GetInt32(),
            Window = o.GetProperty("window").GetInt32(),
            MinCount = o.GetProperty("min_count").GetInt32(),
            MaxVocabulary = o.GetProperty("max_vocabulary").GetInt32(),
            ContextSmoothing = o.GetProperty("context_smoothing").GetDouble(),
            Shift = o.GetProperty("shift").GetDouble(),
            EigenvalueWeight = o.GetProperty("eigenvalue_weight").GetDouble(),
            MinN = o.GetProperty("min_n").GetInt32(),
            MaxN = o.GetProperty("max_n").GetInt32(),
            Buckets = o.GetProperty("buckets").GetInt32(),
            SifWeight = o.GetProperty("sif_weight").GetDouble(),
            RemovePrincipalComponent = o.GetProperty("remove_principal_component").GetBoolean(),
            Oversampling = o.GetProperty("oversampling").GetInt32(),
            PowerIterations = o.GetProperty("power_iterations").GetInt32(),
            Seed = o.GetProperty("seed").GetInt32(),
        };
        options.Validate();
        int dimension = root.GetProperty("dimension").GetInt32();
        if (dimension < 1 || dimension > options.Dimensions) throw EncoderArtifactReader.Corrupt($"Dimension {dimension} is outside 1–{options.Dimensions}.");
        var words = artifact.Strings("words");
        if (words.Length < 2 || words.Distinct(StringComparer.Ordinal).Count() != words.Length) throw EncoderArtifactReader.Corrupt("The word list is too short or repeats a word.");
        var weights = artifact.Float32("word_weights", words.Length);
        float unknownWeight = artifact.Float32("unknown_weight", 1)[0];
        var vectors = artifact.Float32("word_vectors", words.Length, dimension);
        var buckets = artifact.Float32("bucket_vectors", options.Buckets, dimension);
        var principal = artifact.Float32("principal_component", dimension);
        var encoder = new SubwordEncoder(options, words, weights, vectors, buckets, principal, unknownWeight, dimension);
        artifact.Verify(encoder.VersionId);
        return encoder;
    });
}
